"""The association's own lists in the application (issue 16): exit reasons and priority
target groups. A reason in use keeps its number and category and cannot be deleted, only
renamed or retired, so printed figures stay as they were."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.errors import StaleEditError
from initiatives.forms import ExitsForm
from initiatives.lists_services import (
    exit_reason_delete,
    exit_reason_save,
    priority_group_delete,
    priority_group_save,
)
from initiatives.models import ExitCount, ExitReason, FollowUp, PriorityTargetGroup

# Växjö's seed counts exits by reason.
pytestmark = pytest.mark.parametrize("association", ["vaxjo"], indirect=True)


def reason_data(reason: ExitReason, **changes) -> dict:
    fields = ("number", "name", "description", "category", "retired")
    return {name: getattr(reason, name) for name in fields} | changes


@pytest.fixture
def used(association) -> ExitReason:
    count = ExitCount.objects.filter(follow_up__initiative__association=association).first()
    assert count is not None, "the seed has counted exits"
    return count.reason


def test_staff_add_a_reason_with_the_next_number(staff_client, association):
    url = reverse("initiatives:exit_reason_new", args=[association.slug])
    top = max(ExitReason.objects.filter(association=association).values_list("number", flat=True))
    assert staff_client.get(url).context["form"].initial["number"] == top + 1
    data = {"number": top + 1, "name": "Flyttat", "category": "other", "version": 0}
    assert staff_client.post(url, data).status_code == 302
    assert ExitReason.objects.get(association=association, number=top + 1).name == "Flyttat"


def test_a_reason_in_use_is_renamed_and_retired_but_keeps_its_figures(association, used):
    renamed = exit_reason_save(
        association=association,
        reason=used,
        expected_version=used.version,
        data=reason_data(used, name="Nytt namn", retired=True),
    )
    assert renamed.name == "Nytt namn" and renamed.retired
    for field, value in (("number", 97), ("category", "job_seeking")):
        if getattr(used, field) == value:
            continue
        with pytest.raises(ValidationError) as refused:
            exit_reason_save(
                association=association,
                reason=renamed,
                expected_version=renamed.version,
                data=reason_data(renamed, **{field: value}),
            )
        assert field in refused.value.message_dict


def test_a_reason_in_use_is_not_deleted(staff_client, association, used):
    with pytest.raises(ValidationError):
        exit_reason_delete(reason=used, expected_version=used.version)
    url = reverse("initiatives:exit_reason_remove", args=[association.slug, used.pk])
    staff_client.post(url, {"version": used.version})
    assert ExitReason.objects.filter(pk=used.pk).exists()


def test_an_unused_reason_is_deleted_after_confirmation(staff_client, association):
    reason = ExitReason.objects.create(
        association=association, number=90, name="Oanvänd", category="other"
    )
    url = reverse("initiatives:exit_reason_remove", args=[association.slug, reason.pk])
    assert "Oanvänd" in staff_client.get(url).content.decode()
    staff_client.post(url, {"version": reason.version})
    assert not ExitReason.objects.filter(pk=reason.pk).exists()


def test_a_retired_reason_is_offered_only_where_it_was_counted(association, used):
    used.retired = True
    used.save()
    counted = ExitCount.objects.filter(reason=used).first().follow_up
    assert used in ExitsForm(association=association, follow_up=counted).reasons
    fresh = FollowUp.objects.create(
        initiative=counted.initiative, start=date(2030, 1, 1), end=date(2030, 6, 30)
    )
    offered = ExitsForm(association=association, follow_up=fresh).reasons
    assert used not in offered and offered


def test_a_stale_reason_edit_is_refused(association, used):
    data = reason_data(used, name="Först")
    exit_reason_save(association=association, reason=used, expected_version=used.version, data=data)
    with pytest.raises(StaleEditError):
        exit_reason_save(
            association=association, reason=used, expected_version=used.version, data=data
        )


def test_priority_groups_are_added_changed_and_removed(staff_client, association):
    slug = association.slug
    data = {"description": "Unga vuxna", "order": 5, "version": 0}
    staff_client.post(reverse("initiatives:priority_group_new", args=[slug]), data)
    group = PriorityTargetGroup.objects.get(association=association, description="Unga vuxna")
    changed = priority_group_save(
        association=association,
        group=group,
        expected_version=1,
        data={"description": "Unga vuxna 16–29", "order": 5},
    )
    with pytest.raises(StaleEditError):
        priority_group_delete(group=changed, expected_version=1)
    url = reverse("initiatives:priority_group_remove", args=[slug, group.pk])
    staff_client.post(url, {"version": 2})
    assert not PriorityTargetGroup.objects.filter(pk=group.pk).exists()


def test_the_lists_are_read_by_everyone_of_the_association(staff_client, association):
    for name in ("initiatives:exit_reasons", "initiatives:priority_groups"):
        assert staff_client.get(reverse(name, args=[association.slug])).status_code == 200
