"""Board seats, auditors and office posts as the application's services write them.

The worked example is Växjö's deputy for Växjö kommun: Anders Mårtensson until 31 July 2014,
Hossein Pishdar from 1 August 2014 (the interim report January-August 2014).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finsam.audit.recording import recording
from finsam.errors import StaleEditError
from finsam.models import Association
from members.board_services import (
    AuditorData,
    OfficeData,
    PersonChoice,
    SeatData,
    auditor_add,
    auditor_end,
    auditor_update,
    board_seat_appoint,
    board_seat_end,
    board_seat_update,
    office_post_add,
    office_post_end,
    office_post_update,
)
from members.models import BoardSeat, Member, Person


@pytest.fixture
def vaxjo(db):
    return Association.objects.get(slug="vaxjo")


@pytest.fixture
def finnveden(db):
    return Association.objects.get(slug="finnveden")


def member(name: str) -> Member:
    return Member.objects.get(name=name)


def person(association: Association, name: str) -> Person:
    return Person.objects.get(association=association, name=name)


def errors_of(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


def seat_data(**overrides) -> SeatData:
    values = {
        "who": PersonChoice(new_name="Eva Ek"),
        "appointed_by": member("Gnosjö kommun"),
        "kind": "ordinary",
        "start": date(2015, 1, 1),
    }
    return SeatData(**(values | overrides))


def test_appointing_a_new_person_creates_the_person_in_the_association(finnveden):
    seat = board_seat_appoint(association=finnveden, data=seat_data(position="chair"))
    assert seat.person.association == finnveden and seat.person.name == "Eva Ek"
    assert seat.history.count() == 1 and seat.version == 1


def test_a_typed_name_of_an_existing_person_is_that_person(vaxjo):
    data = seat_data(
        who=PersonChoice(new_name="hossein pishdar"), appointed_by=member("Växjö kommun")
    )
    seat = board_seat_appoint(association=vaxjo, data=data)
    assert seat.person == person(vaxjo, "Hossein Pishdar")


def test_a_person_of_another_association_is_refused_on_the_person_field(vaxjo, finnveden):
    # The case: a Växjö person appointed by Växjö kommun onto Finnveden's board.
    data = seat_data(
        who=PersonChoice(person=person(vaxjo, "Hossein Pishdar")),
        appointed_by=member("Växjö kommun"),
    )
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(association=finnveden, data=data)
    # Växjö kommun appoints on Finnveden's board neither: both told in the same answer.
    assert errors_of(raised) == {
        "person": ["Hossein Pishdar hör till ett annat förbund."],
        "appointed_by": ["Växjö kommun är inte medlem i förbundet den 2015-01-01."],
    }
    assert not BoardSeat.objects.filter(association=finnveden).exists()


def test_an_appointing_member_outside_the_association_is_refused(finnveden):
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(
            association=finnveden, data=seat_data(appointed_by=member("Växjö kommun"))
        )
    assert errors_of(raised) == {
        "appointed_by": ["Växjö kommun är inte medlem i förbundet den 2015-01-01."]
    }
    assert not Person.objects.filter(association=finnveden, name="Eva Ek").exists()


def test_an_appointing_member_must_be_a_member_on_the_start_date(finnveden):
    # Finnveden's memberships begin on 2011-04-12, when the association was formed.
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(association=finnveden, data=seat_data(start=date(2011, 4, 11)))
    assert "inte medlem i förbundet den 2011-04-11" in errors_of(raised)["appointed_by"][0]
    board_seat_appoint(association=finnveden, data=seat_data(start=date(2011, 4, 12)))


def test_two_chairs_at_once_are_refused(vaxjo):
    data = seat_data(
        who=PersonChoice(person=person(vaxjo, "Thomas Karlsson")),
        appointed_by=member("Försäkringskassan"),
        kind="deputy",
        position="chair",
        start=date(2014, 6, 1),
        end=date(2014, 12, 31),
    )
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(association=vaxjo, data=data)
    assert errors_of(raised) == {
        "position": ["Pernilla Sjöberg är ordförande 2011-01-01 – tills vidare."]
    }


def test_a_chair_after_the_last_one_ended_is_accepted(vaxjo):
    chair = BoardSeat.objects.get(association=vaxjo, position="chair")
    board_seat_end(seat=chair, expected_version=chair.version, end=date(2014, 12, 31))
    data = seat_data(
        who=PersonChoice(person=person(vaxjo, "Thomas Karlsson")),
        appointed_by=member("Försäkringskassan"),
        kind="deputy",
        position="chair",
        start=date(2015, 1, 1),
    )
    assert board_seat_appoint(association=vaxjo, data=data).position == "chair"


def test_an_end_before_the_start_is_refused_on_the_end_field(vaxjo):
    seat = BoardSeat.objects.get(association=vaxjo, person__name="Hossein Pishdar")
    with pytest.raises(ValidationError) as raised:
        board_seat_end(seat=seat, expected_version=seat.version, end=date(2014, 7, 31))
    assert errors_of(raised) == {"end": ["En styrelseplats kan inte sluta före den börjar."]}


def test_a_second_open_seat_of_the_kind_is_refused_on_the_person_field(vaxjo):
    data = seat_data(
        who=PersonChoice(person=person(vaxjo, "Hossein Pishdar")),
        appointed_by=member("Växjö kommun"),
        kind="deputy",
    )
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(association=vaxjo, data=data)
    assert errors_of(raised) == {"person": ["Personen har redan en pågående plats av det slaget."]}


def test_a_person_both_picked_and_typed_is_refused(vaxjo):
    data = seat_data(who=PersonChoice(person=person(vaxjo, "Hossein Pishdar"), new_name="X"))
    with pytest.raises(ValidationError) as raised:
        board_seat_appoint(association=vaxjo, data=data)
    # Gnosjö kommun (Finnveden's) appoints on Växjö's board neither: told in the same answer.
    assert sorted(errors_of(raised)) == ["appointed_by", "new_name"]
    assert errors_of(raised)["new_name"] == [
        "Välj en person i listan eller skriv ett nytt namn, inte båda."
    ]


def test_a_stale_seat_edit_is_refused(vaxjo):
    seat = BoardSeat.objects.get(association=vaxjo, person__name="Hossein Pishdar")
    opened = seat.version
    board_seat_end(seat=seat, expected_version=opened, end=date(2018, 12, 31))
    with pytest.raises(StaleEditError, match="Styrelseplatsen har ändrats av någon annan"):
        board_seat_end(seat=seat, expected_version=opened, end=date(2019, 12, 31))
    data = seat_data(
        who=PersonChoice(person=seat.person), appointed_by=seat.appointed_by, kind="deputy"
    )
    with pytest.raises(StaleEditError):
        board_seat_update(seat=seat, expected_version=opened, data=data)
    seat.refresh_from_db()
    assert seat.end == date(2018, 12, 31)


def test_the_vaxjo_deputy_replacement_in_two_steps(vaxjo):
    """End Anders Mårtensson's seat on 31 July, appoint Hossein Pishdar from 1 August."""
    BoardSeat.objects.filter(association=vaxjo, person__name="Hossein Pishdar").delete()
    anders = BoardSeat.objects.get(association=vaxjo, person__name="Anders Mårtensson")
    anders.end = None  # saved, so the history also knows the seat was open
    anders.save()

    board_seat_end(seat=anders, expected_version=anders.version, end=date(2014, 7, 31))
    hossein = board_seat_appoint(
        association=vaxjo,
        data=SeatData(
            who=PersonChoice(person=person(vaxjo, "Hossein Pishdar")),
            appointed_by=member("Växjö kommun"),
            kind="deputy",
            start=date(2014, 8, 1),
        ),
    )
    assert (hossein.start, hossein.end) == (date(2014, 8, 1), None)
    anders.refresh_from_db()
    assert anders.end == date(2014, 7, 31)


# Auditors


def auditor_data(**overrides) -> AuditorData:
    values = {
        "who": PersonChoice(new_name="Kim Revisor"),
        "firm": "Revisionsbyrån AB",
        "appointed_by": [member("Gnosjö kommun"), member("Värnamo kommun")],
        "kind": "ordinary",
        "start": date(2015, 1, 1),
    }
    return AuditorData(**(values | overrides))


def test_an_auditor_is_added_edited_and_ended_with_history(finnveden):
    auditor = auditor_add(association=finnveden, data=auditor_data())
    assert sorted(m.name for m in auditor.appointed_by.all()) == ["Gnosjö kommun", "Värnamo kommun"]
    data = auditor_data(who=PersonChoice(person=auditor.person), kind="deputy")
    auditor = auditor_update(auditor=auditor, expected_version=1, data=data)
    auditor = auditor_end(auditor=auditor, expected_version=2, end=date(2018, 12, 31))
    assert (auditor.kind, auditor.end, auditor.version) == ("deputy", date(2018, 12, 31), 3)
    assert auditor.history.count() >= 3
    with pytest.raises(StaleEditError):
        auditor_end(auditor=auditor, expected_version=2, end=date(2019, 12, 31))


def test_an_auditor_appointed_by_a_non_member_is_refused(finnveden):
    data = auditor_data(appointed_by=[member("Gnosjö kommun"), member("Växjö kommun")])
    with pytest.raises(ValidationError) as raised:
        auditor_add(association=finnveden, data=data)
    assert errors_of(raised) == {
        "appointed_by": ["Växjö kommun är inte medlem i förbundet den 2015-01-01."]
    }


def test_an_auditor_needs_an_appointing_member(finnveden):
    with pytest.raises(ValidationError) as raised:
        auditor_add(association=finnveden, data=auditor_data(appointed_by=[]))
    assert list(errors_of(raised)) == ["appointed_by"]


def test_an_auditor_of_another_association_is_refused(vaxjo, finnveden):
    data = auditor_data(who=PersonChoice(person=person(vaxjo, "Kjell Jönsson")))
    with pytest.raises(ValidationError) as raised:
        auditor_add(association=finnveden, data=data)
    assert errors_of(raised) == {"person": ["Kjell Jönsson hör till ett annat förbund."]}


def test_an_auditor_without_person_or_firm_is_refused_on_the_firm_field(finnveden):
    with pytest.raises(ValidationError) as raised:
        auditor_add(association=finnveden, data=auditor_data(who=PersonChoice(), firm=""))
    assert errors_of(raised) == {"firm": ["Ange revisorn: en person, en revisionsbyrå eller båda."]}


# The office


def office_data(**overrides) -> OfficeData:
    values = {
        "who": PersonChoice(new_name="Sara Samordnare"),
        "title": "Förbundschef",
        "fte_percent": Decimal(50),
        "employer": "Jönköpings samordningsförbund",
        "start": date(2015, 1, 1),
    }
    return OfficeData(**(values | overrides))


def test_a_post_shared_with_another_association_is_added_edited_and_ended(finnveden):
    post = office_post_add(association=finnveden, data=office_data())
    assert str(post) == "Förbundschef 50 %"
    post = office_post_update(
        post=post, expected_version=1, data=office_data(fte_percent=Decimal("40.5"))
    )
    post = office_post_end(post=post, expected_version=2, end=date(2016, 6, 30))
    assert (post.fte_percent, post.end, post.version) == (Decimal("40.5"), date(2016, 6, 30), 3)
    with pytest.raises(StaleEditError, match="Tjänsten har ändrats"):
        office_post_end(post=post, expected_version=1, end=date(2016, 6, 30))


def test_a_share_over_full_time_is_refused_on_its_field(finnveden):
    with pytest.raises(ValidationError) as raised:
        office_post_add(association=finnveden, data=office_data(fte_percent=Decimal(120)))
    assert errors_of(raised) == {
        "fte_percent": ["Andelen av heltid måste vara över 0 och högst 100 %."]
    }


def test_a_post_without_a_named_person_is_accepted(finnveden):
    post = office_post_add(association=finnveden, data=office_data(who=PersonChoice()))
    assert post.person is None


def test_every_board_service_leaves_history_naming_who(finnveden, make_user):
    """Each write is a historical row with the user: appointing, correcting, ending."""
    kansli = make_user("t-board-history")
    with recording(user=kansli):
        seat = board_seat_appoint(association=finnveden, data=seat_data())
        seat = board_seat_update(seat=seat, expected_version=1, data=seat_data(position="chair"))
        board_seat_end(seat=seat, expected_version=2, end=date(2018, 12, 31))
        auditor = auditor_add(association=finnveden, data=auditor_data())
        auditor = auditor_update(
            auditor=auditor, expected_version=1, data=auditor_data(kind="deputy")
        )
        auditor_end(auditor=auditor, expected_version=2, end=date(2018, 12, 31))
        post = office_post_add(association=finnveden, data=office_data())
        post = office_post_update(post=post, expected_version=1, data=office_data(title="Chef"))
        office_post_end(post=post, expected_version=2, end=date(2018, 12, 31))
    for row in (seat, auditor, post):
        history = list(row.history.order_by("history_id"))
        assert [h.history_type for h in history][:1] + [h.history_type for h in history][-2:] == [
            "+",
            "~",
            "~",
        ]
        assert {h.history_user_id for h in history} == {kansli.pk}
        assert {h.history_association_id for h in history} == {finnveden.pk}
