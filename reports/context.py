"""What the blocks of one report read, fetched once per build.

Blocks ask the context for the budget sheet, the period and the display options instead of
querying on their own, so a report with the budget in three sections computes it once; the
query count of a whole report stays fixed (pinned in the tests).
"""

from datetime import date
from functools import cached_property

from budgets.presentation import DisplayOptions
from budgets.selectors import BudgetSheet, budget_sheet
from initiatives.models import Goal
from members.funding import FundingBreakdown, funding_breakdown
from members.models import Association, FundingYear
from reports.models import Report


class BuildContext:
    """One report being built: the report, its association, and shared data fetched once."""

    def __init__(self, report: Report):
        self.report = report
        self.association: Association = report.association

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def period_start(self) -> date:
        return date(self.report.year, 1, 1)

    @property
    def period_end(self) -> date:
        """The interim report's last day; an operating plan covers its whole budget year."""
        return self.report.period_end or date(self.report.year, 12, 31)

    @cached_property
    def sheet(self) -> BudgetSheet | None:
        document = self.report.budget
        return budget_sheet(document) if document else None

    @cached_property
    def options(self) -> DisplayOptions:
        columns = tuple(column.pk for column in self.report.columns.all())
        document = self.report.budget
        return DisplayOptions(
            unit=self.report.unit,
            costs_negative=self.report.costs_negative,
            columns=columns or None,
            result_with_sign=bool(document and document.result_with_sign),
        )

    @cached_property
    def funding(self) -> FundingBreakdown | None:
        """The year's contributions, with the state's half shown as the report asks."""
        found = (
            FundingYear.objects.filter(association=self.association, year=self.year)
            .select_related("association")
            .prefetch_related("agreed_contributions", "fixed_shares")
            .first()
        )
        if found is None:
            return None
        return funding_breakdown(found, state_presentation=self.report.state_presentation)

    @cached_property
    def association_goals(self) -> list[Goal]:
        """The association's own goals (not an initiative's), in their order."""
        goals = Goal.objects.filter(association=self.association, initiative__isnull=True)
        return list(goals.order_by("order", "pk"))
