"""One post tells every problem, each at its field, the form's own and the service's together
(issue #17): board seats, funding, meetings, group members, renames, population figures."""

from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.models import Association
from members import groups_services, orgs_services
from members.models import (
    Auditor,
    BoardSeat,
    Group,
    Meeting,
    Member,
    MemberKind,
    OfficePost,
    Person,
    PopulationFigure,
)
from tests.members.test_board_pages import finnveden, seat_post, staff, url, vaxjo  # noqa: F401
from tests.members.test_funding_pages import finnveden_2014, form_data  # noqa: F401
from tests.members.test_funding_pages import url as funding_url
from tests.members.test_groups_facts import post as facts_post


def test_a_seat_tells_the_form_s_and_the_service_s_problems_in_one_answer(staff, vaxjo):  # noqa: F811
    person = Person.objects.filter(association=vaxjo).order_by("pk").first()
    seats = BoardSeat.objects.count()
    refused = staff.post(
        url("board_seat_new", vaxjo),
        seat_post(person=person.pk, new_name="Ny Person", start="1990-01-01", end="inget datum"),
    )
    errors = refused.context["form"].errors
    assert errors["end"]  # the form's own: no date
    assert errors["new_name"] == ["Välj en person i listan eller skriv ett nytt namn, inte båda."]
    assert errors["appointed_by"] == ["Växjö kommun är inte medlem i förbundet den 1990-01-01."]
    page = refused.content.decode()
    assert "inte båda." in page and "är inte medlem i förbundet den 1990-01-01." in page
    assert BoardSeat.objects.count() == seats
    assert not Person.objects.filter(name="Ny Person").exists()


def test_funding_tells_a_bad_amount_and_shares_not_adding_up_in_one_answer(
    staff_client,
    finnveden_2014,  # noqa: F811
):
    municipalities = finnveden_2014.association.memberships.filter(member__kind="municipality")
    percents = {f"percent_{m.member_id}": "30" for m in municipalities}
    data = form_data(
        finnveden_2014, distribution_key="fixed", state_granted="1 4x6 000", **percents
    )
    response = staff_client.post(funding_url("members:funding_year_edit"), data)
    errors = response.context["form"].errors
    assert "”1 4x6 000” är inte ett belopp" in " ".join(errors["state_granted"])
    assert errors["distribution_key"] == [
        "De fasta andelarna summerar till 90 %; de måste bli exakt 100 %."
    ]
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.distribution_key == "population" and finnveden_2014.version == 1


def test_a_meeting_tells_a_foreign_group_and_an_end_before_its_start_at_once(vaxjo, finnveden):  # noqa: F811
    foreign = Group.objects.create(association=finnveden, name="Annans grupp", kind="other")
    data = {
        "kind": "board",
        "group": foreign,
        "date": date(2026, 3, 4),
        "start_time": time(15),
        "end_time": time(13),
        "place": "",
        "agenda": "",
    }
    with pytest.raises(ValidationError) as refused:
        groups_services.meeting_save(association=vaxjo, meeting=None, expected_version=0, data=data)
    errors = refused.value.message_dict
    assert errors["group"] == ["Gruppen hör inte till förbundet."]
    assert errors["end_time"] == ["Mötet måste sluta efter att det börjar."]  # the model's
    assert len(errors) == 2
    assert not Meeting.objects.filter(association=vaxjo, date=date(2026, 3, 4)).exists()


def test_a_rename_tells_a_too_early_day_and_a_blank_name_at_once(vaxjo):  # noqa: F811
    member = Member.objects.get(name="Växjö kommun")
    member.named_since = date(2020, 1, 1)
    member.save()
    user = type("Superuser", (), {"is_superuser": True})()
    with pytest.raises(ValidationError) as refused:
        orgs_services.member_rename(
            member=member,
            name="",
            valid_from=date(2019, 1, 1),
            expected_version=member.version,
            user=user,
        )
    errors = refused.value.message_dict
    assert errors["valid_from"] == ["Det nya namnet måste gälla från en dag efter 2020-01-01."]
    assert errors["name"]
    member.refresh_from_db()
    assert member.name == "Växjö kommun"


def test_a_population_figure_tells_a_foreign_municipality_and_the_model_s_rules_at_once(
    vaxjo,  # noqa: F811
    finnveden,  # noqa: F811
):
    # A municipality of Växjö's that has left it (or never was): not a choice for a figure.
    stranger = Member.objects.create(name="Ingenstans kommun", kind=MemberKind.MUNICIPALITY)
    figure = PopulationFigure(association=vaxjo, member=stranger, date=None, population=-5)
    with pytest.raises(ValidationError) as refused:
        orgs_services.population_figure_save(figure=figure, expected_version=None)
    errors = refused.value.message_dict
    assert errors["member"] == ["Kommunen är inte medlem i förbundet."]
    assert len(errors) >= 2
    assert not PopulationFigure.objects.filter(association=vaxjo, member=stranger).exists()


def test_a_seat_tells_a_bad_kind_and_an_end_before_its_start_at_once(staff, vaxjo):  # noqa: F811
    """The model's rule on the dates comes with the form's own, not on the next post."""
    person = Person.objects.filter(association=vaxjo).order_by("pk").first()
    seats = BoardSeat.objects.count()
    refused = staff.post(
        url("board_seat_new", vaxjo),
        seat_post(person=person.pk, kind="inget", start="2016-05-01", end="2016-01-01"),
    )
    errors = refused.context["form"].errors
    assert errors["kind"]  # the form's own: not a choice
    assert errors["end"] == ["En styrelseplats kan inte sluta före den börjar."]
    page = refused.content.decode()
    assert "En styrelseplats kan inte sluta före den börjar." in page
    assert BoardSeat.objects.count() == seats


def test_editing_a_seat_tells_a_bad_position_and_an_end_before_its_start_at_once(staff, vaxjo):  # noqa: F811
    seat = BoardSeat.objects.filter(association=vaxjo).order_by("pk").first()
    stored = (seat.start, seat.end, seat.version)
    data = seat_post(
        person=seat.person_id,
        appointed_by=seat.appointed_by_id,
        kind=seat.kind,
        position="kung",
        start="2016-05-01",
        end="2016-01-01",
        version=seat.version,
    )
    refused = staff.post(url("board_seat_edit", vaxjo, seat.pk), data)
    errors = refused.context["form"].errors
    assert errors["position"]  # the form's own: not a choice
    assert errors["end"] == ["En styrelseplats kan inte sluta före den börjar."]
    seat.refresh_from_db()
    assert (seat.start, seat.end, seat.version) == stored


def test_the_back_office_tells_a_bad_kind_and_a_member_not_yet_a_member_at_once(client, vaxjo):  # noqa: F811
    """The seat's rules across rows run beside the form's own, not only once it is valid."""
    client.force_login(get_user_model().objects.create_superuser("t-all-root", password="pw-1"))
    seats = BoardSeat.objects.count()
    data = {
        "association": vaxjo.pk,
        "person": Person.objects.filter(association=vaxjo).order_by("pk").first().pk,
        "appointed_by": Member.objects.get(name="Växjö kommun").pk,
        "kind": "inget",
        "position": "",
        "start": "1990-01-01",
        "end": "",
    }
    refused = client.post(reverse("admin:members_boardseat_add"), data)
    errors = refused.context["adminform"].form.errors
    assert errors["kind"]  # the form's own
    assert errors["appointed_by"] == ["Växjö kommun är inte medlem i förbundet den 1990-01-01."]
    assert BoardSeat.objects.count() == seats


def test_funding_tells_a_bad_amount_and_a_negative_request_at_their_fields(
    staff_client,
    finnveden_2014,  # noqa: F811
):
    """The model's rule on the amounts comes with the form's own, each at its field."""
    data = form_data(finnveden_2014, state_granted="1 4x6 000", state_requested="-5")
    response = staff_client.post(funding_url("members:funding_year_edit"), data)
    errors = response.context["form"].errors
    assert "”1 4x6 000” är inte ett belopp" in " ".join(errors["state_granted"])
    assert errors["state_requested"] == ["Det äskade beloppet kan inte vara negativt."]
    assert "Det äskade beloppet kan inte vara negativt." in response.content.decode()
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.version == 1


def test_the_meeting_page_tells_a_bad_kind_and_an_end_before_the_start_at_once(
    staff_client, association
):
    """The ModelForm checks the model beside the form's own; the rule is at the end time."""
    data = {
        "kind": "inget",
        "group": "",
        "date": "2026-03-04",
        "start_time": "15:00",
        "end_time": "13:00",
        "place": "",
        "agenda": "",
        "version": 0,
    }
    response = staff_client.post(reverse("members:meeting_new", args=[association.slug]), data)
    errors = response.context["form"].errors
    assert errors["kind"]  # the form's own: not a choice
    assert errors["end_time"] == ["Mötet måste sluta efter att det börjar."]
    assert "Mötet måste sluta efter att det börjar." in response.content.decode()
    assert not Meeting.objects.filter(association=association, date=date(2026, 3, 4)).exists()


def test_a_group_member_tells_a_too_long_role_and_neither_person_nor_member_at_once(
    staff_client, association
):
    group = Group.objects.create(association=association, name="Beredningen", kind="other")
    url = reverse("members:group_member_new", args=[association.slug, group.pk])
    data = {"person": "", "member": "", "role": "x" * 101, "version": group.version}
    response = staff_client.post(url, data)
    errors = response.context["form"].errors
    assert errors["role"]  # the form's own: too long
    assert errors["person"] == ["Ange en person eller vilken medlem som representeras."]
    assert "Ange en person eller vilken medlem som representeras." in response.content.decode()
    assert not group.memberships.exists()


def test_the_facts_page_tells_a_bad_address_and_a_taken_organisation_number_at_once(
    staff_client, association
):
    """A ModelForm checks the model beside its own fields: no service check is left over."""
    other = Association.objects.exclude(pk=association.pk).exclude(org_number="").first()
    url = reverse("members:facts_edit", args=[association.slug])
    data = facts_post(association, website="inte en adress", org_number=other.org_number)
    errors = staff_client.post(url, data).context["form"].errors
    assert errors["website"]  # the form's own
    assert errors["org_number"] == [
        "Ett annat samordningsförbund har redan det organisationsnumret."
    ]
    association.refresh_from_db()
    assert association.org_number != other.org_number


def test_an_auditor_tells_a_bad_kind_and_neither_person_nor_firm_at_once(staff, vaxjo):  # noqa: F811
    auditors = Auditor.objects.count()
    data = {
        "person": "",
        "new_name": "",
        "firm": "",
        "appointed_by": [Member.objects.get(name="Växjö kommun").pk],
        "kind": "inget",
        "start": "2016-05-01",
        "end": "2016-01-01",
    }
    refused = staff.post(url("auditor_new", vaxjo), data)
    errors = refused.context["form"].errors
    assert errors["kind"]  # the form's own: not a choice
    assert errors["firm"] == ["Ange revisorn: en person, en revisionsbyrå eller båda."]
    assert len(errors["end"]) == 1  # and the end before the start
    assert Auditor.objects.count() == auditors


def test_an_office_post_tells_a_missing_title_and_an_end_before_its_start_at_once(staff, vaxjo):  # noqa: F811
    posts = OfficePost.objects.count()
    data = {
        "person": "",
        "new_name": "Ny Tjänsteperson",
        "title": "",
        "fte_percent": "",
        "employer": "",
        "start": "2016-05-01",
        "end": "2016-01-01",
    }
    refused = staff.post(url("office_post_new", vaxjo), data)
    errors = refused.context["form"].errors
    assert errors["title"]  # the form's own: required
    assert len(errors["end"]) == 1  # the model's: the end before the start
    assert "person" not in errors  # the new person, typed, is made only on save
    assert OfficePost.objects.count() == posts
    assert not Person.objects.filter(name="Ny Tjänsteperson").exists()
