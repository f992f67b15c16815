"""Reads of initiatives, for views and for other apps (budgets, reports).

`granted_amount(initiative, year)` is the one figure other apps use: the budgets app shows it
on an initiative's budget line. Everything else returns plain data objects for the pages,
with every total and share already computed (templates only show).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from finsam.lib.shares import format_share
from finsam.models import Association
from initiatives import grants
from initiatives.models import (
    Decision,
    ExitCategory,
    ExitReason,
    FollowUp,
    Goal,
    GoalLevel,
    GoalStatus,
    HeadCountKind,
    Initiative,
    Outcome,
    ReferralCount,
    ReferralYear,
)
from initiatives.panels import ShownPanel, panels_for
from members.models import Member


def _decisions(initiative: Initiative) -> list[Decision]:
    # .all() uses a prefetch when the caller made one (the list page and budgets do).
    return list(initiative.decisions.all())


def granted_amount(initiative: Initiative, year: int) -> Decimal | None:
    """What the board has granted the initiative for `year` (None: nothing decided).

    Derived from the decisions (`initiatives.grants`): revoked decisions do not count, and
    a grant crossing a year end is split between the years by days.
    """
    return grants.by_year(_decisions(initiative)).get(year)


def with_decisions(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Prefetch what `granted_amount` needs, for callers that show many initiatives."""
    return queryset.prefetch_related("decisions")


@dataclass
class OutcomeView:
    outcome: Outcome
    status: GoalStatus
    computed: GoalStatus
    share: str

    @property
    def overridden(self) -> bool:
        return self.status != self.computed


@dataclass
class GoalView:
    goal: Goal
    target: str
    outcomes: list[OutcomeView]
    children: list["GoalView"] = field(default_factory=list)

    @property
    def latest(self) -> OutcomeView | None:
        return self.outcomes[-1] if self.outcomes else None


def _outcome_view(outcome: Outcome) -> OutcomeView:
    share = ""
    if outcome.numerator is not None and outcome.denominator is not None:
        share = format_share(outcome.numerator, outcome.denominator)
    return OutcomeView(outcome, outcome.status, outcome.computed_status, share)


def _goal_views(goals: list[Goal]) -> list[GoalView]:
    """Goals as a tree (sub-goals under their goal), each with its outcomes oldest first."""
    views = {
        g.pk: GoalView(
            goal=g,
            target=g.target.describe() + (f" {g.target_per}" if g.target_per else "")
            if g.target
            else "",
            outcomes=[_outcome_view(o) for o in g.outcomes.all()],
        )
        for g in goals
    }
    roots = []
    for goal in goals:
        if goal.parent_id in views:
            views[goal.parent_id].children.append(views[goal.pk])
        else:
            roots.append(views[goal.pk])
    return roots


def _goals_queryset() -> QuerySet[Goal]:
    return Goal.objects.prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.order_by("period_end", "pk"))
    )


@dataclass
class InitiativeRow:
    initiative: Initiative
    granted: Decimal | None
    glance: list[tuple[GoalStatus, int]]


def _glance(goals) -> list[tuple[GoalStatus, int]]:
    counts = Counter(
        _outcome_view(list(g.outcomes.all())[-1]).status for g in goals if g.outcomes.all()
    )
    return [(status, counts[status]) for status in GoalStatus if counts[status]]


def initiative_rows(association: Association, year: int) -> list[InitiativeRow]:
    """The list page: each initiative with its granted amount for `year` and goal statuses."""
    initiatives = (
        Initiative.objects.filter(association=association)
        .select_related("owner")
        .prefetch_related("decisions", Prefetch("goals", queryset=_goals_queryset()))
    )
    return [InitiativeRow(i, granted_amount(i, year), _glance(i.goals.all())) for i in initiatives]


def default_year(association: Association, today: date) -> int:
    """This year, or if nothing is granted for it, the latest earlier year with a grant."""
    years: set[int] = set()
    for initiative in with_decisions(Initiative.objects.filter(association=association)):
        years.update(grants.by_year(_decisions(initiative)))
    if today.year in years or not years:
        return today.year
    earlier = [y for y in years if y < today.year]
    return max(earlier) if earlier else min(years)


@dataclass
class Figure:
    label: str
    count: int
    share: str


# Referred, taken in, enrolled: the order reports print them.
KIND_ORDER: list[str] = list(HeadCountKind)


@dataclass
class FollowUpView:
    follow_up: FollowUp
    head_counts: list[tuple[str, int, list[Figure]]]
    exits: list[tuple[ExitReason, int]]
    exits_total: int
    exit_categories: list[Figure]
    standings: list[tuple[str, int]]
    standings_total: int


def _head_count_figures(row) -> list[Figure]:
    figures = []
    for name, label in (
        ("women", "kvinnor"),
        ("men", "män"),
        ("under_30", "under 30 år"),
        ("born_abroad", "utrikesfödda"),
    ):
        value = getattr(row, name)
        if value is not None:
            figures.append(Figure(label, value, format_share(value, row.total)))
    if row.needs_interpreter is not None:
        # Documents count interpreter needs among those born abroad ("20 av dessa 29").
        whole, label = (
            (row.born_abroad, "behov av tolk (av utrikesfödda)")
            if row.born_abroad
            else (row.total, "behov av tolk")
        )
        figures.append(
            Figure(label, row.needs_interpreter, format_share(row.needs_interpreter, whole))
        )
    return figures


def _follow_up_view(follow_up: FollowUp) -> FollowUpView:
    exits = [(e.reason, e.count) for e in follow_up.exit_counts.all()]
    exits_total = sum(count for _, count in exits)
    by_category: Counter[str] = Counter()
    for reason, count in exits:
        by_category[reason.category] += count
    standings = [(s.get_standing_display(), s.count) for s in follow_up.standing_counts.all()]
    return FollowUpView(
        follow_up=follow_up,
        head_counts=[
            (h.get_kind_display(), h.total, _head_count_figures(h))
            for h in sorted(follow_up.head_counts.all(), key=lambda h: KIND_ORDER.index(h.kind))
        ],
        exits=exits,
        exits_total=exits_total,
        exit_categories=[
            Figure(c.label, by_category[c], format_share(by_category[c], exits_total))
            for c in ExitCategory
        ]
        if exits
        else [],
        standings=standings,
        standings_total=sum(count for _, count in standings),
    )


@dataclass
class ReferralTable:
    years: list[ReferralYear]
    rows: list[tuple[Member, list[int | None]]]
    totals: list[int]


def _referral_table(years: list[ReferralYear]) -> ReferralTable | None:
    if not years:
        return None
    members: dict[int, Member] = {}
    cells: dict[tuple[int, int], int] = {}
    for column in years:
        for count in column.counts.all():
            members.setdefault(count.member_id, count.member)
            cells[(count.member_id, column.year)] = count.count
    rows = [(m, [cells.get((pk, c.year)) for c in years]) for pk, m in members.items()]
    totals = [sum(cells.get((pk, c.year), 0) for pk in members) for c in years]
    return ReferralTable(years=years, rows=rows, totals=totals)


@dataclass
class CostRow:
    year: int
    granted: Decimal
    participants: int
    through: date
    cost: Decimal | None


def _costs(by_year: dict[int, Decimal], follow_ups: list[FollowUp]) -> list[CostRow]:
    """Granted amount per participant taken in, per year with both figures."""
    rows = []
    for year, granted in by_year.items():
        taken = [
            (f.end, h.total)
            for f in follow_ups
            if f.start.year == year
            for h in f.head_counts.all()
            if h.kind == HeadCountKind.TAKEN_IN
        ]
        if not taken:
            continue
        participants = sum(total for _, total in taken)
        cost = granted / participants if participants else None
        rows.append(CostRow(year, granted, participants, max(end for end, _ in taken), cost))
    return rows


@dataclass
class InitiativePage:
    initiative: Initiative
    members: list
    status_changes: list
    decisions: list[Decision]
    granted_by_year: dict[int, Decimal]
    goals: list[GoalView]
    follow_ups: list[FollowUpView]
    referrals: ReferralTable | None
    costs: list[CostRow]
    panels: list[ShownPanel]  # what apps above add to the page (`initiatives.panels`)


def initiative_page(initiative: Initiative) -> InitiativePage:
    """Everything the initiative page shows, with every total and share computed."""
    decisions = list(
        initiative.decisions.select_related("meeting", "revokes", "revoked_by", "recorded_by")
    )
    follow_ups = list(
        initiative.follow_ups.prefetch_related(
            "head_counts", "exit_counts__reason", "standing_counts"
        )
    )
    by_year = grants.by_year(decisions)
    years = list(initiative.referral_years.prefetch_related("counts__member").order_by("year"))
    return InitiativePage(
        initiative=initiative,
        members=list(initiative.members.all()),
        status_changes=list(initiative.status_changes.select_related("by")),
        decisions=decisions,
        granted_by_year=by_year,
        goals=_goal_views(list(_goals_queryset().filter(initiative=initiative))),
        follow_ups=[_follow_up_view(f) for f in follow_ups],
        referrals=_referral_table(years),
        costs=_costs(by_year, follow_ups),
        panels=panels_for(initiative),
    )


@dataclass
class AssociationGoals:
    association: Association
    priority_groups: list
    directions: list[GoalView]
    financial: list[GoalView]


def association_goals(association: Association) -> AssociationGoals:
    """The association's own goals: directions with sub-goals, and financial goals."""
    goals = list(_goals_queryset().filter(association=association, initiative__isnull=True))
    financial = [g for g in goals if g.level == GoalLevel.FINANCIAL]
    others = [g for g in goals if g.level != GoalLevel.FINANCIAL]
    return AssociationGoals(
        association=association,
        priority_groups=list(association.priority_groups.all()),
        directions=_goal_views(others),
        financial=_goal_views(financial),
    )


# Reads for reports: every initiative of the association at once, keyed by initiative, so a
# report with many initiatives runs the same few queries.


def goals_by_initiative(association: Association) -> dict[int, list[GoalView]]:
    """Each initiative's goals as a tree, with their outcomes oldest first."""
    goals = list(
        _goals_queryset()
        .filter(initiative__association=association)
        .order_by("initiative", "order", "pk")
    )
    by_initiative: dict[int, list[Goal]] = {}
    for goal in goals:
        assert goal.initiative_id is not None  # filtered on the initiative above
        by_initiative.setdefault(goal.initiative_id, []).append(goal)
    return {pk: _goal_views(each) for pk, each in by_initiative.items()}


def follow_ups_by_initiative(
    association: Association, first: date, last: date
) -> dict[int, list[FollowUpView]]:
    """Each initiative's follow-ups that lie within [first, last], oldest first."""
    follow_ups = FollowUp.objects.filter(
        initiative__association=association, start__gte=first, end__lte=last
    ).prefetch_related("head_counts", "exit_counts__reason", "standing_counts")
    views: dict[int, list[FollowUpView]] = {}
    for follow_up in follow_ups.order_by("start", "end", "pk"):
        views.setdefault(follow_up.initiative_id, []).append(_follow_up_view(follow_up))
    return views


def referrals_by_initiative(association: Association, last_year: int) -> dict[int, ReferralTable]:
    """Each initiative's referral table, from its first year through `last_year`."""
    years = ReferralYear.objects.filter(
        initiative__association=association, year__lte=last_year
    ).prefetch_related(Prefetch("counts", queryset=ReferralCount.objects.select_related("member")))
    by_initiative: dict[int, list[ReferralYear]] = {}
    for column in years.order_by("year"):
        by_initiative.setdefault(column.initiative_id, []).append(column)
    return {pk: table for pk, each in by_initiative.items() if (table := _referral_table(each))}


def granted_for_later(association: Association, first: date, last: date) -> Decimal:
    """Money the board granted during [first, last] for days after `last` (all initiatives)."""
    decisions = Decision.objects.filter(initiative__association=association)
    return grants.decided_for_later(decisions, first, last)
