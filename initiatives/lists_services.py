"""Writes of the association's own lists: exit reasons and priority target groups.

Printed figures count exits by reason (and by the reason's category, which decides what an
exit counts as), so a reason in use is never deleted, and its number and category stay; it
can be renamed, explained, or retired from new entries. A list entry nobody uses can go.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.versions import version_checked
from initiatives.models import ExitCount, ExitReason, PriorityTargetGroup

REASON_FIELDS = ("number", "name", "description", "category", "retired")
# What decides a printed figure: fixed once a follow-up counts the reason.
REASON_FIGURE_FIELDS = ("number", "category")
PRIORITY_FIELDS = ("description", "order")


def reason_in_use(reason: ExitReason) -> bool:
    return reason.pk is not None and ExitCount.objects.filter(reason=reason).exists()


def exit_reason_save(
    *,
    association: Association,
    reason: ExitReason | None,
    expected_version: int,
    data: dict[str, Any],
) -> ExitReason:
    """Add a reason (`reason` None) or change one; a reason in use keeps number and category."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)  # numbers are unique
        if reason is None:
            locked = ExitReason(association=association)
        else:
            locked = ExitReason.objects.select_for_update().get(
                pk=reason.pk, association=association
            )
            version_checked(locked, expected_version, what=_("Avslutsanledningen"))
        if reason_in_use(locked):
            _keep_figure_fields(locked, data)
        for name in REASON_FIELDS:
            setattr(locked, name, data[name])
        locked.full_clean()
        locked.save()
        return locked


def _keep_figure_fields(reason: ExitReason, data: dict[str, Any]) -> None:
    changed = {n: data[n] for n in REASON_FIGURE_FIELDS if data[n] != getattr(reason, n)}
    if changed:
        message = _(
            "Anledningen finns i redovisade avslut; numret och vad den räknas som kan inte "
            "ändras. Byt namn eller markera den som utgången och lägg till en ny."
        )
        raise ValidationError({name: message for name in changed})


def exit_reason_delete(*, reason: ExitReason, expected_version: int) -> None:
    with transaction.atomic():
        locked = ExitReason.objects.select_for_update().get(pk=reason.pk)
        version_checked(locked, expected_version, what=_("Avslutsanledningen"))
        if reason_in_use(locked):
            raise ValidationError(
                _(
                    "%(reason)s finns i redovisade avslut och kan inte tas bort; byt namn på "
                    "den eller markera den som utgången."
                )
                % {"reason": locked}
            )
        locked.delete()


def priority_group_save(
    *,
    association: Association,
    group: PriorityTargetGroup | None,
    expected_version: int,
    data: dict[str, Any],
) -> PriorityTargetGroup:
    with transaction.atomic():
        if group is None:
            locked = PriorityTargetGroup(association=association)
        else:
            locked = PriorityTargetGroup.objects.select_for_update().get(
                pk=group.pk, association=association
            )
            version_checked(locked, expected_version, what=_("Målgruppen"))
        for name in PRIORITY_FIELDS:
            setattr(locked, name, data[name])
        locked.full_clean()
        locked.save()
        return locked


def priority_group_delete(*, group: PriorityTargetGroup, expected_version: int) -> None:
    with transaction.atomic():
        locked = PriorityTargetGroup.objects.select_for_update().get(pk=group.pk)
        version_checked(locked, expected_version, what=_("Målgruppen"))
        locked.delete()
