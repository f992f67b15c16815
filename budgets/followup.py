"""Following up the running year: budget, outcome to date, full-year forecast, difference.

Pure: takes the computed budget of one column and the figures entered per line, and returns
rows for the page, the chart and reports. A line without a forecast is forecast at its budget
(the usual assumption until someone says otherwise); a line without an outcome has spent 0.
Where the books give a line's outcome to date (its mapped accounts, `BooksOutcome`), that
outcome is used unless one was typed, and the forecast proposed is the outcome plus the
budget of the months still to come.
The difference is forecast minus budget: for revenue a positive difference is good, for costs
a negative one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgets.accounts.outcome import forecast_proposal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Entered:
    outcome_to_date: Decimal | None = None
    forecast: Decimal | None = None


@dataclass(frozen=True)
class BooksOutcome:
    """Outcome to date per line from the books, through the end of `months_passed`."""

    by_line: Mapping[int, Decimal]
    months_passed: int


NO_BOOKS = BooksOutcome({}, 0)


@dataclass(frozen=True)
class FollowUpLine:
    key: int
    section: int
    budget: Decimal
    outcome_to_date: Decimal
    forecast: Decimal
    forecast_entered: bool
    outcome_from_books: bool = False

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
    books: BooksOutcome = NO_BOOKS,
) -> FollowUp:
    lines = [
        _line(key, section, value, entered.get(key, Entered()), books)
        for key, (section, value) in budget.items()
    ]
    sections = {
        key: _total([line for line in lines if line.section == key]) for key in section_is_cost
    }
    return FollowUp(
        lines=lines,
        sections=sections,
        revenue=_total([line for line in lines if not section_is_cost[line.section]]),
        costs=_total([line for line in lines if section_is_cost[line.section]]),
    )


def _line(key: int, section: int, value: Decimal, figures: Entered, books: BooksOutcome):
    from_books = figures.outcome_to_date is None and key in books.by_line
    outcome = books.by_line[key] if from_books else (figures.outcome_to_date or ZERO)
    if figures.forecast is not None:
        forecast = figures.forecast
    elif key in books.by_line:
        forecast = forecast_proposal(outcome, value, books.months_passed)
    else:
        forecast = value
    return FollowUpLine(
        key, section, value, outcome, forecast, figures.forecast is not None, from_books
    )


def _total(lines: Sequence[FollowUpLine]) -> FollowUpTotal:
    return FollowUpTotal(
        sum((line.budget for line in lines), ZERO),
        sum((line.outcome_to_date for line in lines), ZERO),
        sum((line.forecast for line in lines), ZERO),
    )
