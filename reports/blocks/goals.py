"""Goals in a plan: the association's directions and goals, its financial goals, and the goals
table each initiative's subsection shows.

A goal table has one row per goal (sub-goals follow their goal, indented) and the target of a
measurable goal in its own column ("minst 38 %", "minst 5 per kommun och år"), so the targets
are figures the adoption freezes.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatives.models import Goal, GoalLevel
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Row, Table

PLAN = frozenset({"verksamhetsplan"})


@block("goals", _("Förbundets inriktning och mål"), PLAN)
def goals_block(context: BuildContext) -> Block:
    goals = [goal for goal in context.association_goals if goal.level != GoalLevel.FINANCIAL]
    table = goals_table(_("Förbundets mål"), goals)
    return Block("goals", "reports/blocks/_tables.html", tables=[table] if table.rows else [])


@block("financial_goals", _("Finansiella mål"), PLAN)
def financial_goals_block(context: BuildContext) -> Block:
    goals = [goal for goal in context.association_goals if goal.level == GoalLevel.FINANCIAL]
    paragraphs = [goal.text for goal in goals if goal.parent_id is None]
    return Block(
        "financial_goals", "reports/blocks/_paragraphs.html", context={"paragraphs": paragraphs}
    )


def goals_table(caption: str, goals: list[Goal]) -> Table:
    """Goals in order, each root followed by its sub-goals; `goals` as one query gives them."""
    by_parent: dict[int | None, list[Goal]] = {}
    for goal in goals:
        by_parent.setdefault(goal.parent_id, []).append(goal)
    rows: list[Row] = []
    for root in by_parent.get(None, []):
        rows.append(_goal_row(root, "line"))
        rows += [_goal_row(child, "sub") for child in by_parent.get(root.pk, [])]
    return Table(caption, (_("Målvärde"),), tuple(rows), label_heading=_("Mål"))


def goal_prefetch() -> Prefetch:
    return Prefetch("goals", queryset=Goal.objects.order_by("order", "pk"))


def _goal_row(goal: Goal, kind: str) -> Row:
    label = f"{goal.code}. {goal.text}" if goal.code else goal.text
    return Row(label, (_target(goal),), kind=kind)


def _target(goal: Goal) -> str:
    target = goal.target
    if target is None:
        return ""
    return f"{target.describe()} {goal.target_per}".strip()
