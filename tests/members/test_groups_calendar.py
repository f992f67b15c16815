"""Groups and their members, and the meeting calendar (issue 16): staff edit in the
application; choices stay inside the association; stale forms and deletions are refused."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.errors import StaleEditError
from finsam.models import Association
from members import selectors
from members.groups_services import (
    group_member_add,
    group_member_remove,
    group_save,
    meeting_delete,
    meeting_save,
)
from members.models import Group, GroupMembership, Meeting, Member, Person

GROUP = {"name": "Beredningsgruppen", "kind": "beredningsgrupp", "description": ""}


@pytest.fixture
def foreign(db) -> Association:
    return Association.objects.get(slug="vastra-malardalen")


@pytest.fixture
def group(association) -> Group:
    return group_save(association=association, group=None, expected_version=0, data=GROUP)


def meeting_data(**changes) -> dict:
    base = {
        "kind": "board",
        "group": None,
        "date": date(2015, 3, 12),
        "start_time": time(9),
        "end_time": time(12),
        "place": "Värnamo",
        "agenda": "Budget 2016",
    }
    return base | changes


def test_staff_add_a_group_and_a_member_from_the_pages(staff_client, association):
    slug = association.slug
    response = staff_client.post(reverse("members:group_new", args=[slug]), GROUP | {"version": 0})
    assert response.status_code == 302
    group = Group.objects.get(association=association, name="Beredningsgruppen")
    person = Person.objects.create(association=association, name="Anna Andersson")
    member = association.memberships.first().member
    url = reverse("members:group_member_new", args=[slug, group.pk])
    response = staff_client.post(
        url, {"person": person.pk, "member": member.pk, "role": "sammankallande", "version": 1}
    )
    assert response.status_code == 302
    seat = group.memberships.get()
    assert (seat.person, seat.member, seat.role) == (person, member, "sammankallande")
    assert seat.history.count() == 1


def test_a_person_or_member_of_another_association_is_not_offered(
    staff_client, association, foreign, group
):
    stranger = Person.objects.create(association=foreign, name="Växjöperson")
    outside = Member.objects.exclude(memberships__association=association).first()
    url = reverse("members:group_member_new", args=[association.slug, group.pk])
    data = {"person": stranger.pk, "member": outside.pk if outside else "", "version": 1}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not group.memberships.exists()


def test_the_service_refuses_another_associations_rows(group, foreign):
    stranger = Person.objects.create(association=foreign, name="Växjöperson")
    with pytest.raises(ValidationError) as refused:
        group_member_add(group=group, expected_version=1, person=stranger, member=None)
    assert "person" in refused.value.message_dict


def test_member_changes_are_refused_on_a_stale_group(group, association):
    person = Person.objects.create(association=association, name="Bo Berg")
    seat = group_member_add(group=group, expected_version=1, person=person, member=None)
    with pytest.raises(StaleEditError):
        group_member_remove(seat=seat, expected_version=1)
    group_member_remove(seat=seat, expected_version=2)
    assert not GroupMembership.objects.filter(pk=seat.pk).exists()


def test_removing_a_member_asks_first(staff_client, association, group):
    person = Person.objects.create(association=association, name="Bo Berg")
    seat = group_member_add(group=group, expected_version=1, person=person, member=None)
    url = reverse("members:group_member_remove", args=[association.slug, seat.pk])
    page = staff_client.get(url)
    assert page.status_code == 200 and "Bo Berg" in page.content.decode()
    assert GroupMembership.objects.filter(pk=seat.pk).exists()
    staff_client.post(url, {"version": 2})
    assert not GroupMembership.objects.filter(pk=seat.pk).exists()


def test_a_group_edit_refuses_a_stale_form(group, association):
    group_save(association=association, group=group, expected_version=1, data=GROUP)
    with pytest.raises(StaleEditError):
        group_save(association=association, group=group, expected_version=1, data=GROUP)


def test_the_calendar_shows_coming_months_first_then_past_ones(association):
    for day in (date(2015, 1, 20), date(2015, 3, 12), date(2015, 6, 2), date(2015, 3, 30)):
        meeting_save(
            association=association, meeting=None, expected_version=0, data=meeting_data(date=day)
        )
    months = selectors.meeting_calendar(association, 2015, today=date(2015, 3, 20))
    shown = [(m.month, m.upcoming) for m in months]
    coming = [m for m, upcoming in shown if upcoming]
    past = [m for m, upcoming in shown if not upcoming]
    assert coming[:2] == [date(2015, 3, 1), date(2015, 6, 1)]
    assert past and past == sorted(past, reverse=True)
    assert shown.index((date(2015, 3, 1), True)) < shown.index((date(2015, 1, 1), False))


def test_staff_add_change_and_delete_a_meeting(staff_client, association):
    slug = association.slug
    data = {k: v or "" for k, v in meeting_data().items()} | {"version": 0}
    assert staff_client.post(reverse("members:meeting_new", args=[slug]), data).status_code == 302
    meeting = Meeting.objects.get(association=association, agenda="Budget 2016")
    page = staff_client.get(reverse("members:meetings", args=[slug]) + "?ar=2015")
    assert "Budget 2016" in page.content.decode()
    edit = reverse("members:meeting_edit", args=[slug, meeting.pk])
    staff_client.post(edit, data | {"place": "Gislaved", "version": 1})
    meeting.refresh_from_db()
    assert meeting.place == "Gislaved"
    remove = reverse("members:meeting_remove", args=[slug, meeting.pk])
    assert "Bekräfta" in staff_client.get(remove).content.decode()
    staff_client.post(remove, {"version": 1})  # stale: the page showed version 1
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    staff_client.post(remove, {"version": 2})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_meeting_ending_before_it_starts_is_refused_next_to_the_form(staff_client, association):
    data = {k: v or "" for k, v in meeting_data(end_time=time(8)).items()} | {"version": 0}
    response = staff_client.post(reverse("members:meeting_new", args=[association.slug]), data)
    assert response.status_code == 200
    assert "sluta efter" in str(response.context["form"].errors)


def test_a_meeting_cannot_name_another_associations_group(association, foreign):
    theirs = Group.objects.create(association=foreign, name="Deras", kind="other")
    with pytest.raises(ValidationError):
        meeting_save(
            association=association,
            meeting=None,
            expected_version=0,
            data=meeting_data(group=theirs),
        )


def test_a_meeting_a_decision_names_is_kept(association):
    from initiatives.models import Decision

    named = Decision.objects.filter(initiative__association=association).first()
    meeting = meeting_save(
        association=association, meeting=None, expected_version=0, data=meeting_data()
    )
    named.meeting = meeting
    named.save()
    with pytest.raises(ValidationError):
        meeting_delete(meeting=meeting, expected_version=1)
