"""Discharge (ansvarsfrihet): reads and the one write.

The page and the overview show the last closed year (finsam.models.YearClosing): each member
of that year with its decision, if recorded. `discharge_save` creates or changes one member's
decision for a year, refusing a stale form, and only for a member of the association that
year (another association's member is refused here and by tenant_links).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.audit.recording import recording
from finsam.models import Association, YearClosing
from finsam.versions import version_checked
from members.models import Discharge, Member
from members.selectors import members_during_year


@dataclass(frozen=True)
class DischargeRow:
    member: Member
    discharge: Discharge | None


@dataclass(frozen=True)
class DischargeYear:
    """The members of a closed year and their decisions on discharge."""

    year: int
    rows: list[DischargeRow]

    @property
    def decided(self) -> int:
        return sum(1 for row in self.rows if row.discharge is not None)


def last_closed_year(association: Association) -> int | None:
    closed = YearClosing.objects.filter(association=association, reopened_on__isnull=True)
    return closed.order_by("-year").values_list("year", flat=True).first()


def discharge_year(association: Association, year: int) -> DischargeYear:
    members = members_during_year(association, year)
    decided = {d.member_id: d for d in Discharge.objects.filter(association=association, year=year)}
    return DischargeYear(year, [DischargeRow(m, decided.get(m.pk)) for m in members])


def discharge_overview(association: Association) -> DischargeYear | None:
    """The last closed year's decisions, for the overview; None when no year is closed."""
    year = last_closed_year(association)
    return None if year is None else discharge_year(association, year)


def discharge_member(association: Association, year: int, member_pk: int) -> Member | None:
    """The member `member_pk` if it belonged to the association during `year`."""
    return next((m for m in members_during_year(association, year) if m.pk == member_pk), None)


def discharge_save(
    *,
    association: Association,
    year: int,
    member: Member,
    expected_version: int,
    fields: dict[str, Any],
    user: Any,
) -> Discharge:
    """Record (or change) `member`'s decision on discharge for `year`."""
    if discharge_member(association, year, member.pk) is None:
        raise ValidationError(
            _("%(member)s var inte medlem i förbundet %(year)s.") % {"member": member, "year": year}
        )
    with transaction.atomic(), recording(user=user):
        Association.objects.select_for_update().get(pk=association.pk)
        found = Discharge.objects.filter(association=association, year=year, member=member).first()
        version_checked(found, expected_version, what=_("Beslutet om ansvarsfrihet"))
        discharge = found or Discharge(association=association, year=year, member=member)
        for name in ("decision", "body", "decided_on", "note"):
            setattr(discharge, name, fields[name])
        discharge.full_clean()
        discharge.save()
        return discharge
