"""An initiative's goals in an interim report, and how they stand at the period's end.

The goals are listed as the documents list them: by level (individual, collaboration...),
then direction goals (inriktningsmål) and result goals (resultatmål). Every goal with an
outcome for the period follows in a table: its target, what was measured ("9 personer =
29 %" against "minst 30 %"), the status (computed, or the board's judgement where it was
overridden) and the comment; and the measurable ones in a chart against their targets.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.charts import Progress, progress_svg
from finsam.lib.numbers import format_amount, format_percent
from initiatives.goal_status import GoalStatus, Metric
from initiatives.models import GoalKind, GoalLevel
from initiatives.selectors import GoalView, OutcomeView
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Chart, Row, Table

LEVEL_HEADINGS = {
    GoalLevel.INDIVIDUAL: gettext_lazy("Individuella mål"),
    GoalLevel.COLLABORATION: gettext_lazy("Samverkansmål"),
    GoalLevel.STRUCTURE: gettext_lazy("Strukturmål"),
    GoalLevel.FINANCIAL: gettext_lazy("Finansiella mål"),
}


@dataclass(frozen=True)
class Measured:
    """A goal and its outcome for the period."""

    goal: GoalView
    outcome: OutcomeView


@block(
    "goal_outcomes", _("En insats mål med utfall för perioden (välj insats)"), for_initiative=True
)
def goal_outcomes_block(context: BuildContext) -> Block:
    initiative = context.initiative
    if initiative is None:
        return Block("goal_outcomes", "reports/blocks/_missing.html", context={"what": _("insats")})
    goals = flat_goals(context.initiative_goals.get(initiative.pk, []))
    measured = [
        Measured(goal, outcome)
        for goal in goals
        if (outcome := outcome_in(goal, context.period_start, context.period_end))
    ]
    title = _("Måluppfyllelse %(period)s – %(name)s") % {
        "period": context.period_label,
        "name": initiative.name,
    }
    chart = [Chart(title, progress_svg(title, items))] if (items := _progress(measured)) else []
    return Block(
        "goal_outcomes",
        "reports/blocks/_goals.html",
        tables=[outcome_table(title, measured)] if measured else [],
        charts=chart,
        context={"levels": goal_lists(goals)},
    )


def flat_goals(goals: list[GoalView]) -> list[GoalView]:
    return [each for goal in goals for each in (goal, *flat_goals(goal.children))]


def outcome_in(goal: GoalView, first: date, last: date) -> OutcomeView | None:
    """The latest outcome whose period overlaps [first, last] and has begun by `last`."""
    found = [
        o for o in goal.outcomes if o.outcome.period_start <= last and o.outcome.period_end >= first
    ]
    return found[-1] if found else None


def goal_lists(goals: list[GoalView]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(level heading, [(kind heading, [goal texts])])], in the order the goals come."""
    levels: dict[str, dict[str, list[str]]] = {}
    for view in goals:
        goal = view.goal
        kinds = levels.setdefault(goal.level, {})
        kinds.setdefault(goal.kind, []).append(goal.text)
    return [
        (
            str(LEVEL_HEADINGS[GoalLevel(level)]),
            [(str(GoalKind(kind).label), texts) for kind, texts in kinds.items()],
        )
        for level, kinds in levels.items()
    ]


def outcome_text(outcome: OutcomeView) -> str:
    """ "9 personer = 29 %" for a share of people, the value for a count, else "–"."""
    measured = outcome.outcome
    if measured.numerator is not None and measured.share is not None:
        return _("%(count)s personer = %(share)s") % {
            "count": measured.numerator,
            "share": format_percent(measured.share),
        }
    if measured.value is not None:
        return format_amount(measured.value, decimals=0 if measured.value % 1 == 0 else 1)
    return "–"


def outcome_table(title: str, measured: list[Measured]) -> Table:
    return Table(
        caption=title,
        label_heading=_("Mål"),
        columns=(_("Målvärde"), _("Utfall"), _("Bedömning")),
        comment_heading=_("Kommentar"),
        rows=tuple(
            Row(
                each.goal.goal.text,
                (
                    each.goal.target or "–",
                    outcome_text(each.outcome),
                    str(each.outcome.status.label),
                ),
                comment=each.outcome.outcome.comment,
            )
            for each in measured
        ),
        style="text",
    )


def _progress(measured: list[Measured]) -> list[Progress]:
    items = []
    for each in measured:
        target, outcome = each.goal.goal.target, each.outcome.outcome
        value = outcome.share if target and target.metric == Metric.SHARE else outcome.value
        if target is None or value is None:
            continue
        shown = format_percent(value) if target.metric == Metric.SHARE else format_amount(value)
        items.append(
            Progress(
                each.goal.goal.text,
                Decimal(value),
                target.value,
                _("%(value)s (mål: %(target)s)") % {"value": shown, "target": each.goal.target},
                each.outcome.status == GoalStatus.MET,
            )
        )
    return items
