"""The organisation on a date, and the rules the database holds."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from finsam.models import Association
from members.models import (
    Auditor,
    BoardSeat,
    FixedKeyShare,
    FundingYear,
    Member,
    Membership,
    OfficePost,
    Person,
)
from members.selectors import auditors_on, board_on
from members.services import board_seat_save


def board_table(day):
    vaxjo = Association.objects.get(slug="vaxjo")
    return [
        (
            [(s.person.name, s.position) for s in row.ordinary],
            [s.person.name for s in row.deputies],
            row.member.name,
        )
        for row in board_on(vaxjo, day)
    ]


@pytest.mark.django_db
def test_vaxjo_board_in_july_2014_has_anders_martensson():
    assert board_table(date(2014, 7, 15)) == [
        ([("Pernilla Sjöberg", "chair")], ["Ola Gustafsson"], "Landstinget Kronoberg"),
        ([("Benny Johansson", "vice_chair")], ["Anders Mårtensson"], "Växjö kommun"),
        ([("Thomas Karlsson", "")], ["Annica Knekthage"], "Försäkringskassan"),
        ([("Carina Brandstedt", "")], ["Peter Bengtsson"], "Arbetsförmedlingen"),
    ]


@pytest.mark.django_db
def test_vaxjo_board_in_august_2014_has_hossein_pishdar():
    rows = board_table(date(2014, 8, 15))
    assert rows[1] == ([("Benny Johansson", "vice_chair")], ["Hossein Pishdar"], "Växjö kommun")
    assert len(rows) == 4


@pytest.mark.django_db
def test_vaxjo_auditors():
    vaxjo = Association.objects.get(slug="vaxjo")
    rows = [
        (a.person.name, a.firm, a.kind, [m.name for m in a.appointed_by.all()])
        for a in auditors_on(vaxjo, date(2014, 8, 31))
    ]
    assert rows == [
        ("Kjell Jönsson", "", "ordinary", ["Växjö kommun"]),
        ("Sven-Åke Gustavsson", "", "deputy", ["Landstinget Kronoberg"]),
        ("Patrik Hansén", "Deloitte AB", "ordinary", ["Försäkringskassan", "Arbetsförmedlingen"]),
    ]


@pytest.mark.django_db
def test_organisation_number_is_checked_with_its_luhn_digit():
    Association(name="Test", slug="test-ok", org_number="222000-2873").full_clean()
    with pytest.raises(ValidationError, match="222000-2874 är inte ett giltigt"):
        Association(name="Test", slug="test-bad", org_number="222000-2874").full_clean()


@pytest.mark.django_db
def test_organisation_number_is_stored_in_its_printed_form():
    saved = Association.objects.create(name="Test", slug="test-form", org_number="2220002873")
    assert saved.org_number == "222000-2873"


@pytest.mark.django_db
def test_reserved_slug_is_refused():
    with pytest.raises(ValidationError, match="används redan av applikationen"):
        Association(name="Test", slug="admin").full_clean()


def _seat(**overrides):
    vaxjo = Association.objects.get(slug="vaxjo")
    values = {
        "association": vaxjo,
        "person": Person.objects.get(association=vaxjo, name="Hossein Pishdar"),
        "appointed_by": Member.objects.get(name="Växjö kommun"),
        "kind": "deputy",
        "start": date(2014, 9, 1),
    }
    return BoardSeat(**(values | overrides))


@pytest.mark.django_db
def test_a_seat_cannot_end_before_it_starts():
    seat = _seat(end=date(2014, 8, 1))
    with pytest.raises(ValidationError, match="kan inte sluta före den börjar"):
        seat.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        seat.save()


@pytest.mark.django_db
def test_one_open_seat_per_person_and_kind():
    seat = _seat()  # Hossein Pishdar already holds an open deputy seat
    with pytest.raises(ValidationError, match="redan en pågående plats"):
        seat.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        seat.save()


@pytest.mark.django_db
def test_the_seat_service_refuses_a_second_open_seat_with_the_message():
    with pytest.raises(ValidationError, match="redan en pågående plats"):
        board_seat_save(seat=_seat())
    saved = board_seat_save(seat=_seat(kind="ordinary"))
    assert BoardSeat.objects.filter(pk=saved.pk, end__isnull=True).exists()


@pytest.mark.django_db
def test_the_admin_saves_seats_through_the_service_and_shows_the_rule(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-test-1"))
    seat = _seat()
    data = {
        "association": seat.association.pk,
        "person": seat.person.pk,
        "appointed_by": seat.appointed_by.pk,
        "kind": "deputy",
        "position": "",
        "start": "2014-09-01",
        "end": "",
    }
    before = BoardSeat.objects.count()
    refused = client.post(reverse("admin:members_boardseat_add"), data)
    assert "redan en pågående plats" in refused.content.decode()
    assert BoardSeat.objects.count() == before
    added = client.post(reverse("admin:members_boardseat_add"), data | {"kind": "ordinary"})
    assert added.status_code == 302 and BoardSeat.objects.count() == before + 1


@pytest.mark.django_db
def test_one_open_membership_per_member():
    finnveden = Association.objects.get(slug="finnveden")
    duplicate = Membership(association=finnveden, member=Member.objects.get(name="Gnosjö kommun"))
    with pytest.raises(ValidationError, match="redan ett pågående medlemskap"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db
def test_fixed_share_must_lie_between_0_and_100():
    funding_year = FundingYear.objects.get(association__slug="finnveden", year=2014)
    share = FixedKeyShare(
        funding_year=funding_year, member=Member.objects.get(name="Gnosjö kommun"), percent=101
    )
    with pytest.raises(ValidationError, match="mellan 0 och 100"):
        share.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        share.save()


@pytest.mark.django_db
def test_office_share_of_full_time_is_at_most_100():
    post = OfficePost(
        association=Association.objects.get(slug="vaxjo"),
        title="Förbundschef",
        fte_percent=120,
        start=date(2014, 1, 1),
    )
    with pytest.raises(ValidationError, match="högst 100"):
        post.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        post.save()


@pytest.mark.django_db
def test_an_auditor_is_a_person_or_a_firm():
    vaxjo = Association.objects.get(slug="vaxjo")
    firm_only = Auditor(
        association=vaxjo, firm="Revisionsbyrån AB", kind="ordinary", start=date(2015, 1, 1)
    )
    firm_only.full_clean()
    assert str(firm_only) == "Revisionsbyrån AB"
    nobody = Auditor(association=vaxjo, kind="ordinary", start=date(2015, 1, 1))
    with pytest.raises(ValidationError, match="en person, en revisionsbyrå eller båda"):
        nobody.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        nobody.save()
