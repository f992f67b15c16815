"""Following up the running year: budget, outcome to date, full-year forecast, difference.

Pure: takes the computed budget of one column and the figures entered per line, and returns
rows for the page, the chart and reports. A line without a forecast is forecast at its budget
(the usual assumption until someone says otherwise); a line without an outcome has spent 0.
The difference is forecast minus budget: for revenue a positive difference is good, for costs
a negative one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Entered:
    outcome_to_date: Decimal | None = None
    forecast: Decimal | None = None


@dataclass(frozen=True)
class FollowUpLine:
    key: int
    section: int
    budget: Decimal
    outcome_to_date: Decimal
    forecast: Decimal
    forecast_entered: bool

    @property
    def difference(self) -> Decimal:
        return self.forecast - self.budget


@dataclass(frozen=True)
class FollowUpTotal:
    budget: Decimal
    outcome_to_date: Decimal
    forecast: Decimal

    @property
    def difference(self) -> Decimal:
        return self.forecast - self.budget


@dataclass(frozen=True)
class FollowUp:
    lines: Sequence[FollowUpLine]
    sections: Mapping[int, FollowUpTotal]
    revenue: FollowUpTotal
    costs: FollowUpTotal

    @property
    def result(self) -> FollowUpTotal:
        r, c = self.revenue, self.costs
        return FollowUpTotal(
            r.budget - c.budget, r.outcome_to_date - c.outcome_to_date, r.forecast - c.forecast
        )


def follow_up(
    budget: Mapping[int, tuple[int, Decimal]],  # line key -> (section key, budgeted value)
    section_is_cost: Mapping[int, bool],
    entered: Mapping[int, Entered],
) -> FollowUp:
    lines = []
    for key, (section, value) in budget.items():
        figures = entered.get(key, Entered())
        forecast = figures.forecast if figures.forecast is not None else value
        lines.append(
            FollowUpLine(
                key,
                section,
                value,
                figures.outcome_to_date or ZERO,
                forecast,
                figures.forecast is not None,
            )
        )
    sections = {
        key: _total([line for line in lines if line.section == key]) for key in section_is_cost
    }
    return FollowUp(
        lines=lines,
        sections=sections,
        revenue=_total([line for line in lines if not section_is_cost[line.section]]),
        costs=_total([line for line in lines if section_is_cost[line.section]]),
    )


def _total(lines: Sequence[FollowUpLine]) -> FollowUpTotal:
    return FollowUpTotal(
        sum((line.budget for line in lines), ZERO),
        sum((line.outcome_to_date for line in lines), ZERO),
        sum((line.forecast for line in lines), ZERO),
    )
