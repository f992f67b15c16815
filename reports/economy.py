"""The economy of an interim report: the year's budget, what is spent to date, the forecast.

The year's budget is the surplus carried forward from earlier years plus the members'
contributions for the year (Växjö 2014: 981 + 3 200 = 4 181 tkr). What is spent to date is
the outcome of the budget's cost lines from the books through the period's last month; the
full-year forecast is the follow-up's (typed where staff know better, else proposed from the
books). The administration's share is of the costs spent to date. Grants the board decided
during the period for months after it are named, as they are booked as costs when decided.
"""

from dataclasses import dataclass
from decimal import Decimal

from budgets.followup import FollowUp
from budgets.models import BudgetColumn, SectionKind
from budgets.selectors import BudgetSheet
from finsam.lib.shares import share_percent

ZERO = Decimal(0)


@dataclass(frozen=True)
class BudgetFollowUp:
    """The budget column an interim report follows up, and the follow-up's figures."""

    sheet: BudgetSheet
    column: BudgetColumn
    result: FollowUp


@dataclass(frozen=True)
class Economy:
    carried_forward: Decimal  # the surplus from earlier years, the budget's opening balance
    contributions: Decimal  # the year's own revenue in the budget
    spent: Decimal  # costs to date
    administration: Decimal  # of which the administration's
    decided_for_later: Decimal  # grants decided in the period for months after it
    forecast_result: Decimal  # the year's result as forecast (without the opening balance)
    forecast_difference: Decimal  # forecast result minus budgeted result: + is a surplus

    @property
    def budget(self) -> Decimal:
        return self.carried_forward + self.contributions

    @property
    def target_groups(self) -> Decimal:
        return self.spent - self.administration

    @property
    def administration_share(self) -> Decimal | None:
        return share_percent(self.administration, self.spent)

    @property
    def target_group_share(self) -> Decimal | None:
        return share_percent(self.target_groups, self.spent)

    @property
    def forecast_closing(self) -> Decimal:
        """What is left of the surplus at the year's end, as forecast."""
        return self.carried_forward + self.forecast_result


def economy_of(follow_up: BudgetFollowUp, decided_for_later: Decimal) -> Economy:
    column = follow_up.sheet.result.columns[follow_up.column.pk]
    result = follow_up.result
    administration = sum(
        (
            result.sections[part.section.pk].outcome_to_date
            for part in follow_up.sheet.sections
            if part.section.kind == SectionKind.ADMINISTRATION
        ),
        ZERO,
    )
    return Economy(
        carried_forward=column.opening,
        contributions=column.year_revenue,
        spent=result.costs.outcome_to_date,
        administration=administration,
        decided_for_later=decided_for_later,
        forecast_result=result.result.forecast,
        forecast_difference=result.result.difference,
    )
