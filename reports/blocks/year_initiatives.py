"""The initiatives of the year in the förvaltningsberättelse: one row each with its participant
figures and how its goals stand.

An initiative is of the year by the operating plan's rule (`initiatives.active_in`). Its
figures are those of its latest follow-up within the period, as the results blocks print
them (aggregate counts, never a person); a goal counts by the status of its latest outcome
in the period (`goal_outcomes.outcome_in`), and a goal without one has no judgement.
Everything is read for all initiatives at once, so the block's queries do not grow with them.
"""

from collections import Counter
from datetime import date

from django.utils.translation import gettext as _

from initiatives.goal_status import GoalStatus
from initiatives.models import HeadCountKind, Initiative
from initiatives.selectors import FollowUpView, GoalView
from reports.blocks.goal_outcomes import flat_goals, outcome_in
from reports.blocks.initiatives import active_in
from reports.blocks.registry import LOOKING_BACK, block
from reports.context import BuildContext
from reports.data import Block, Row, Table


@block(
    "initiatives_of_year",
    _("Årets insatser med deltagare och måluppfyllelse (alla insatser)"),
    LOOKING_BACK,
)
def initiatives_of_year_block(context: BuildContext) -> Block:
    first, last = context.period_start, context.period_end
    chosen = sorted(
        (
            each
            for each in Initiative.objects.filter(association=context.association)
            if active_in(each, first, last)
        ),
        key=lambda each: (each.start or date.max, each.pk),
    )
    if not chosen:
        return Block(
            "initiatives_of_year", "reports/blocks/_missing.html", context={"what": _("insatser")}
        )
    table = Table(
        caption=_("Årets insatser %(period)s")
        % {"period": context.year if context.report.is_annual else context.period_label},
        label_heading=_("Insats"),
        columns=(*(str(kind.label) for kind in HeadCountKind), _("Måluppfyllelse")),
        rows=tuple(
            Row(
                each.name,
                (
                    *_head_counts(context.initiative_follow_ups.get(each.pk, [])),
                    _goals_text(context.initiative_goals.get(each.pk, []), first, last),
                ),
            )
            for each in chosen
        ),
        style="text",
    )
    return Block("initiatives_of_year", "reports/blocks/_tables.html", tables=[table])


def _head_counts(views: list[FollowUpView]) -> tuple[str, ...]:
    """The latest follow-up's totals by kind, "–" where it has none."""
    latest = views[-1] if views else None
    totals = {kind: total for kind, total, _figures in latest.head_counts} if latest else {}
    return tuple(
        str(totals[str(kind.label)]) if str(kind.label) in totals else "–" for kind in HeadCountKind
    )


def _goals_text(goals: list[GoalView], first: date, last: date) -> str:
    """ "Uppfyllt 2, Ej uppfyllt 1, ingen bedömning 3", or "Inga mål"."""
    flat = flat_goals(goals)
    if not flat:
        return _("Inga mål")
    counts: Counter[GoalStatus | None] = Counter(
        outcome.status if (outcome := outcome_in(goal, first, last)) else None for goal in flat
    )
    parts = [f"{status.label} {counts[status]}" for status in GoalStatus if counts[status]]
    if counts[None]:
        parts.append(_("ingen bedömning %(count)s") % {"count": counts[None]})
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]  # "Ingen bedömning 15" when nothing was judged
