"""The equity ceiling of an association's year, from the national step table.

`equity_ceiling(association, year)` is what the annual report prints beside the equity: the
year's contributions (the basis), the step that covers them and the ceiling in kronor. It is
None when no ceiling can be given: the table is empty (it ships empty, see
docs/equity-ceiling.md), the year has no funding decision, or no step covers the basis.
The budget checks read the same table (`ceiling_steps`) against a column's contributions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgets.models import EquityCeilingStep
from finsam.lib.equity_ceiling import CeilingStep, ceiling_of, step_for
from finsam.models import Association
from members.funding import funding_breakdown
from members.models import FundingYear


@dataclass(frozen=True)
class EquityCeiling:
    """The ceiling of one year: `ceiling` kronor for `contributions` under `step`."""

    contributions: Decimal
    step: CeilingStep
    ceiling: Decimal

    @property
    def share_percent(self) -> Decimal | None:
        return self.step.share_percent

    def excess(self, equity: Decimal) -> Decimal:
        """How far `equity` is above the ceiling (0 when it is not)."""
        return max(equity - self.ceiling, Decimal(0))


def ceiling_steps() -> Sequence[CeilingStep]:
    """The national table as plain steps (empty when nobody has entered it)."""
    return [row.as_step() for row in EquityCeilingStep.objects.all()]


def equity_ceiling(association: Association, year: int) -> EquityCeiling | None:
    """The ceiling for `year`, based on that year's contributions (see the module)."""
    steps = ceiling_steps()
    if not steps:
        return None
    funding_year = FundingYear.objects.filter(association=association, year=year).first()
    if funding_year is None:
        return None
    contributions = funding_breakdown(funding_year).total
    return ceiling_at(steps, contributions)


def ceiling_at(steps: Sequence[CeilingStep], contributions: Decimal) -> EquityCeiling | None:
    step = step_for(steps, contributions)
    if step is None:
        return None
    return EquityCeiling(contributions, step, ceiling_of(step, contributions))
