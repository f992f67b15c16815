"""Writes of participant figures (aggregate only). Each table is entered whole (its form
opens with the stored rows) and only the rows that differ are written; a printed total, when
given, must match the rows (`finsam.lib.totals`). A follow-up's version covers its head
counts, exits and standings, a referral year's its counts: a form that read an older one is
refused (`finsam.versions`); `expected_version` None is for writes no form made (the demo).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.totals import PrintedTotalMismatch, checked_total
from finsam.problems import Problems
from finsam.saving import rows_synced
from finsam.versions import version_checked
from initiatives import services
from initiatives.models import (
    ExitCategory,
    ExitCount,
    ExitReason,
    FollowUp,
    HeadCount,
    HeadCountKind,
    Initiative,
    ReferralCount,
    ReferralYear,
    Standing,
    StandingCount,
)
from members.models import Member
from members.selectors import members_during_year

EXIT_TABLE = gettext_lazy("Anledning till avslut")
STANDING_TABLE = gettext_lazy("Inskrivna deltagare")
REFERRAL_TABLE = gettext_lazy("Inkomna intresseanmälningar")


def _lock(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _follow_up_checked(follow_up: FollowUp, expected_version: int | None) -> FollowUp:
    """The follow-up read again under the initiative's lock, its version checked and raised."""
    locked = FollowUp.objects.get(pk=follow_up.pk)
    version_checked(locked, expected_version, what=_("Uppföljningen %(name)s") % {"name": locked})
    locked.save(update_fields=["version"])
    return locked


def _by_number(item: tuple[ExitReason, int]) -> int:
    return item[0].number


def _total(rows, *, printed: int | None, table: str, column: str) -> int:
    try:
        return checked_total(rows, printed=printed, table=table, column=column)
    except PrintedTotalMismatch as mismatch:
        # At the printed total, the figure the user typed that the rows contradict.
        error = ValidationError(str(mismatch), code="printed_total")
        raise ValidationError({"printed_total": [error]}) from mismatch


def follow_up_create(
    *, initiative: Initiative, start: date, end: date, label: str = ""
) -> FollowUp:
    with transaction.atomic():
        _lock(initiative)
        follow_up = FollowUp(initiative=initiative, start=start, end=end, label=label)
        follow_up.full_clean()
        follow_up.save()
        return follow_up


@dataclass(frozen=True)
class HeadCountData:
    kind: str
    total: int
    women: int | None = None
    men: int | None = None
    under_30: int | None = None
    born_abroad: int | None = None
    needs_interpreter: int | None = None


def head_count_record(
    *, follow_up: FollowUp, data: HeadCountData, expected_version: int | None = None
) -> HeadCount:
    """Enter (or replace) one head count of the follow-up."""
    with transaction.atomic():
        _lock(follow_up.initiative)
        _follow_up_checked(follow_up, expected_version)
        row = HeadCount.objects.filter(follow_up=follow_up, kind=data.kind).first()
        row = row or HeadCount(follow_up=follow_up)
        for field, value in data.__dict__.items():
            setattr(row, field, value)
        row.full_clean()
        row.save()
        return row


def exits_record(
    *,
    follow_up: FollowUp,
    counts: dict[ExitReason, int],
    printed_total: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Make the follow-up's exits by reason `counts`; returns the computed total."""
    with transaction.atomic():
        initiative = _lock(follow_up.initiative)
        _follow_up_checked(follow_up, expected_version)
        problems = Problems()
        if any(r.association_id != initiative.association_id for r in counts):
            problems.add(None, _("En avslutsanledning hör inte till förbundets lista."))
        with problems.gathered():
            _total(
                counts.values(), printed=printed_total, table=str(EXIT_TABLE), column=str(follow_up)
            )
        problems.raise_any()
        total = sum(counts.values())
        reasons = {r.pk: r for r in counts}
        rows_synced(
            follow_up.exit_counts.select_related("follow_up__initiative"),
            key=lambda row: row.reason_id,
            wanted={r.pk: {"count": c} for r, c in sorted(counts.items(), key=_by_number)},
            make=lambda pk: ExitCount(follow_up=follow_up, reason=reasons[pk]),
        )
        _outcomes_from_exits(follow_up, counts, total)
        return total


def _outcomes_from_exits(follow_up: FollowUp, counts: dict[ExitReason, int], total: int) -> None:
    """Record the outcome of every goal measured on exits, so the figures are entered once.

    A judgement already made on that period (an override and its comment) is kept.
    """
    full_year = (follow_up.start, follow_up.end) == (
        date(follow_up.start.year, 1, 1),
        date(follow_up.start.year, 12, 31),
    )
    for goal in follow_up.initiative.goals.exclude(counted_exits=""):
        category = ExitCategory(goal.counted_exits)
        reached = sum(c for r, c in counts.items() if r.category == category)
        earlier = goal.outcomes.filter(
            period_start=follow_up.start, period_end=follow_up.end
        ).first()
        note = _("Beräknat ur tabellen ”%(table)s”, %(period)s: %(category)s.") % {
            "table": EXIT_TABLE,
            "period": follow_up,
            "category": category.label.lower(),
        }
        services.outcome_record(
            goal=goal,
            data=services.OutcomeData(
                period_start=follow_up.start,
                period_end=follow_up.end,
                numerator=reached,
                denominator=total,
                interim=not full_year,
                override=earlier.override if earlier else "",
                comment=earlier.comment if earlier and earlier.override else note,
            ),
        )


def standings_record(
    *,
    follow_up: FollowUp,
    counts: dict[str, int],
    printed_total: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Make where the enrolled stand on the last day `counts`; must add up to the enrolled."""
    with transaction.atomic():
        _lock(follow_up.initiative)
        _follow_up_checked(follow_up, expected_version)
        column = _("Antal %(day)s") % {"day": f"{follow_up.end:%Y-%m-%d}"}
        # The printed total and the enrolled are checked apart: both told in one answer.
        problems = Problems()
        with problems.gathered():
            _total(counts.values(), printed=printed_total, table=str(STANDING_TABLE), column=column)
        total = sum(counts.values())
        enrolled = follow_up.head_counts.filter(kind=HeadCountKind.ENROLLED).first()
        if enrolled is not None and enrolled.total != total:
            problems.add(
                None,
                _(
                    "Tabellen ”%(table)s”, kolumnen ”%(column)s”: raderna summerar till %(total)s, "
                    "men %(enrolled)s är inskrivna vid periodens slut. Inget har sparats."
                )
                % {
                    "table": STANDING_TABLE,
                    "column": column,
                    "total": total,
                    "enrolled": enrolled.total,
                },
            )
        problems.raise_any()
        rows_synced(
            follow_up.standing_counts.select_related("follow_up__initiative"),
            key=lambda row: Standing(row.standing),
            wanted={s: {"count": counts[s]} for s in Standing if s in counts},
            make=lambda standing: StandingCount(follow_up=follow_up, standing=standing),
        )
        return total


def referral_year_record(
    *,
    initiative: Initiative,
    year: int,
    counts: dict[Member, int],
    through: date | None = None,
    printed_total: int | None = None,
    expected_version: int | None = None,
) -> ReferralYear:
    """Enter (or change) one year's column of the referral table, member by member.

    `expected_version` is the column's version the form read (`finsam.versions.ABSENT` for a
    year nobody had entered)."""
    with transaction.atomic():
        locked = _lock(initiative)
        stored = ReferralYear.objects.filter(initiative=locked, year=year).first()
        version_checked(
            stored, expected_version, what=_("Intresseanmälningarna %(year)s") % {"year": year}
        )
        allowed = {m.pk for m in members_during_year(locked.association, year)}
        strangers = [m.name for m in counts if m.pk not in allowed]
        problems = Problems()
        if strangers:
            problems.add(
                None,
                _("%(members)s var inte medlem i förbundet %(year)s.")
                % {"members": ", ".join(strangers), "year": year},
            )
        with problems.gathered():
            _total(
                counts.values(), printed=printed_total, table=str(REFERRAL_TABLE), column=str(year)
            )
        column = stored or ReferralYear(initiative=locked, year=year)
        column.through = through
        with problems.gathered():
            column.full_clean()
        problems.raise_any()
        column.save()
        members = {m.pk: m for m in counts}
        rows_synced(
            column.counts.select_related("referral_year__initiative"),
            key=lambda row: row.member_id,
            wanted={m.pk: {"count": c} for m, c in counts.items()},
            make=lambda pk: ReferralCount(referral_year=column, member=members[pk]),
            keep_order=True,  # the rows print in the order they were entered
        )
        return column
