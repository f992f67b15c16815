"""What the blocks of one report read, fetched once per build.

Blocks ask the context for the budget sheet, the period and the display options instead of
querying on their own, so a report with the budget in three sections computes it once; the
query count of a whole report stays fixed (pinned in the tests).
"""

from datetime import date
from functools import cached_property

from budgets.accounts.cashflow import CashFlow
from budgets.accounts.selectors import cash_flows_for, statements_for, year_balances_only
from budgets.accounts.statements import Statements
from budgets.calculation import ColumnResult
from budgets.presentation import DisplayOptions
from budgets.selectors import BudgetSheet, budget_sheet, follow_up_of, running_column
from finsam.lib.dates import period_label
from finsam.models import Association
from initiatives.models import Goal, Initiative
from initiatives.selectors import (
    FollowUpView,
    GoalView,
    ReferralTable,
    follow_ups_by_initiative,
    goals_by_initiative,
    granted_for_later,
    referrals_by_initiative,
)
from members.funding import FundingBreakdown, funding_breakdown
from members.models import FundingYear
from reports.economy import BudgetFollowUp, Economy, economy_of
from reports.models import Report, ReportSection


class BuildContext:
    """One report being built: the report, its association, and shared data fetched once."""

    def __init__(self, report: Report):
        self.report = report
        self.association: Association = report.association
        self.section: ReportSection | None = None  # the section whose block is being built

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

    @property
    def initiative(self) -> Initiative | None:
        """The initiative the current section is about, if any."""
        return self.section.initiative if self.section else None

    @property
    def period_label(self) -> str:
        """ "januari – augusti 2014"."""
        return period_label(self.period_start, self.period_end)

    @cached_property
    def statements(self) -> Statements:
        """Income statement, balance sheet and notes: the period against the year before."""
        return statements_for(self.association, self.period_end)

    @cached_property
    def cash_flows(self) -> tuple[CashFlow, CashFlow]:
        """The cash flow of the report's year and of the year before (an annual report)."""
        return cash_flows_for(self.association, self.year)

    @cached_property
    def year_budget(self) -> ColumnResult | None:
        """The report year's budget column of the report's budget, as computed, or None."""
        sheet = self.sheet
        column = running_column(sheet, self.year) if sheet else None
        if sheet is None or column is None or column.year != self.year:
            return None
        return sheet.result.columns[column.pk]

    @cached_property
    def months_missing(self) -> bool:
        """The books have the report year as year balances only (an SIE 1 file), so the
        period's figures cannot be taken from them: the statements say so."""
        return self.period_end.month != 12 and year_balances_only(self.association, self.year)

    @cached_property
    def budget_follow_up(self) -> BudgetFollowUp | None:
        """The report year's budget column followed up through the period's last month."""
        sheet = self.sheet
        column = running_column(sheet, self.year) if sheet else None
        if sheet is None or column is None:
            return None
        result, _entered = follow_up_of(sheet, column, through_month=self.period_end.month)
        return BudgetFollowUp(sheet, column, result)

    @cached_property
    def economy(self) -> Economy | None:
        """The year's budget, spent to date and forecast (None without a budget to follow)."""
        follow_up = self.budget_follow_up
        if follow_up is None:
            return None
        later = granted_for_later(self.association, self.period_start, self.period_end)
        return economy_of(follow_up, later)

    @cached_property
    def initiative_goals(self) -> dict[int, list[GoalView]]:
        return goals_by_initiative(self.association)

    @cached_property
    def initiative_follow_ups(self) -> dict[int, list[FollowUpView]]:
        return follow_ups_by_initiative(self.association, self.period_start, self.period_end)

    @cached_property
    def initiative_referrals(self) -> dict[int, ReferralTable]:
        return referrals_by_initiative(self.association, self.year)

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
