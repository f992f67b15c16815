"""Writes of the association's groups and meeting calendar.

Each write locks the row it changes, refuses a stale form (finsam.versions) and checks that
every row it links to belongs to the same association: a group's members are persons of the
association and organisations with a membership in it, a meeting's group is its own.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.problems import Problems, check_model
from finsam.versions import version_checked
from members.models import Group, GroupMembership, Meeting, Member, Person

GROUP_FIELDS = ("name", "kind", "description")
MEETING_FIELDS = ("kind", "group", "date", "start_time", "end_time", "place", "agenda")
GROUP_MEMBER_FIELDS = ("person", "member", "role")


def group_save(
    *, association: Association, group: Group | None, expected_version: int, data: dict[str, Any]
) -> Group:
    """Create a group (`group` None) or change one the form read at `expected_version`."""
    with transaction.atomic():
        if group is None:
            locked = Group(association=association)
        else:
            locked = Group.objects.select_for_update().get(pk=group.pk, association=association)
            version_checked(locked, expected_version, what=_("Gruppen"))
        for name in GROUP_FIELDS:
            setattr(locked, name, data[name])
        locked.full_clean()
        locked.save()
        return locked


def check_group_member_values(group: Group, values: Mapping[str, Any]) -> None:
    """The model's own rules (a person or a member, at least) on the values given (a form's
    valid fields), each at its field. Public: the form runs it beside its own checks."""
    seat = GroupMembership(group=group)
    check_model(seat, values, GROUP_MEMBER_FIELDS)


def group_member_add(
    *,
    group: Group,
    expected_version: int,
    person: Person | None,
    member: Member | None,
    role: str = "",
) -> GroupMembership:
    """Seat a person (and/or the organisation they represent) in the group."""
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        version_checked(locked, expected_version, what=_("Gruppen"))
        problems = Problems()
        with problems.gathered():
            _check_own(locked.association, person=person, member=member)
        seat = GroupMembership(group=locked, person=person, member=member, role=role)
        with problems.gathered():
            seat.full_clean()
        problems.raise_any()
        seat.save()
        locked.save(update_fields=["version"])
        return seat


def group_member_remove(*, seat: GroupMembership, expected_version: int) -> None:
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=seat.group_id)
        version_checked(locked, expected_version, what=_("Gruppen"))
        seat.delete()
        locked.save(update_fields=["version"])


def _check_own(association: Association, *, person: Person | None, member: Member | None) -> None:
    errors = {}
    if person is not None and person.association_id != association.pk:
        errors["person"] = _("Personen hör inte till förbundet.")
    if member is not None and not member.memberships.filter(association=association).exists():
        errors["member"] = _("Organisationen är inte medlem i förbundet.")
    if errors:
        raise ValidationError(errors)


def meeting_save(
    *,
    association: Association,
    meeting: Meeting | None,
    expected_version: int,
    data: dict[str, Any],
) -> Meeting:
    """Create a meeting (`meeting` None) or change one the form read at `expected_version`."""
    with transaction.atomic():
        if meeting is None:
            locked = Meeting(association=association)
        else:
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk, association=association)
            version_checked(locked, expected_version, what=_("Mötet"))
        problems = Problems()
        group = data["group"]
        if group is not None and group.association_id != association.pk:
            problems.add("group", _("Gruppen hör inte till förbundet."))
            data = {**data, "group": None}  # the model's other rules are still checked
        for name in MEETING_FIELDS:
            setattr(locked, name, data[name])
        with problems.gathered():
            locked.full_clean()
        problems.raise_any()
        locked.save()
        return locked


def meeting_delete(*, meeting: Meeting, expected_version: int) -> None:
    """Delete a meeting; a meeting a decision names is kept (the decision would lose it)."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        version_checked(locked, expected_version, what=_("Mötet"))
        if locked.initiative_decisions.exists():
            raise ValidationError(
                _("Mötet kan inte tas bort: insatsbeslut hänvisar till det. Ändra det i stället.")
            )
        locked.delete()
