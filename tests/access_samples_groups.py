"""Access-sweep samples of the facts, groups, meetings and list pages (issue 16, "groups").

Each sample finds the association's first row of its kind, or makes one, so the sweep does
not depend on which demo association holds groups, meetings or list entries.
"""

from datetime import date

from finsam.models import Association
from members.models import Group, GroupMembership, Meeting, Person


def _group(association: Association) -> Group:
    found = association.groups.order_by("pk").first()
    return found or Group.objects.create(association=association, name="Sweep", kind="other")


def _seat(association: Association) -> dict:
    group = _group(association)
    seat = GroupMembership.objects.filter(group=group).order_by("pk").first()
    if seat is None:
        person = Person.objects.create(association=association, name="Sweep Person")
        seat = GroupMembership.objects.create(group=group, person=person)
    return {"pk": seat.pk}


def _meeting(association: Association) -> dict:
    found = association.meetings.order_by("pk").first()
    found = found or Meeting.objects.create(
        association=association, kind="board", date=date(2015, 3, 1)
    )
    return {"pk": found.pk}


def _exit_reason(association: Association) -> dict:
    from initiatives.models import ExitReason

    found = ExitReason.objects.filter(association=association).order_by("pk").first()
    found = found or ExitReason.objects.create(
        association=association, number=99, name="Sweep", category="other"
    )
    return {"pk": found.pk}


def _priority_group(association: Association) -> dict:
    from initiatives.models import PriorityTargetGroup

    found = PriorityTargetGroup.objects.filter(association=association).order_by("pk").first()
    found = found or PriorityTargetGroup.objects.create(
        association=association, description="Sweep"
    )
    return {"pk": found.pk}


SAMPLES = {
    "members:group_edit": lambda association: {"pk": _group(association).pk},
    "members:group_member_new": lambda association: {"pk": _group(association).pk},
    "members:group_member_remove": _seat,
    "members:meeting_edit": _meeting,
    "members:meeting_remove": _meeting,
    "initiatives:exit_reason_edit": _exit_reason,
    "initiatives:exit_reason_remove": _exit_reason,
    "initiatives:priority_group_edit": _priority_group,
    "initiatives:priority_group_remove": _priority_group,
}
