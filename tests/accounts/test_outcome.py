"""Outcome per budget line from the books, and the forecast proposal (worked examples)."""

from decimal import Decimal

import pytest

from budgets.accounts.outcome import forecast_proposal, outcome_by_line

D = Decimal


def test_vaxjo_january_to_august_2014_per_line():
    year_to_date = {"3010": D(-533333), "3011": D(-533333), "4010": D(363000), "4610": D(400000)}
    lines = {"3010": 1, "3011": 1, "4010": 2, "4610": 3}
    assert outcome_by_line(year_to_date, lines, {1: False, 2: True, 3: True}) == {
        1: D(1066666),
        2: D(363000),
        3: D(400000),
    }


def test_an_unmapped_account_counts_nowhere_and_a_quiet_account_as_zero():
    assert outcome_by_line({"4010": D(5), "9999": D(7)}, {"4010": 1, "5010": 1}, {1: True}) == {
        1: D(5)
    }


def test_forecast_is_outcome_plus_the_budget_of_the_months_left():
    # Växjö: 2 339 tkr spent by August; a cost line budgeted at 3 600 000 for the year
    assert forecast_proposal(D(2339000), D(3600000), 8) == D(3539000)
    assert forecast_proposal(D(0), D(1000), 0) == D(1000)
    assert forecast_proposal(D(1234), D(1000), 12) == D(1234)


def test_months_outside_the_year_are_refused():
    with pytest.raises(ValueError, match="0–12"):
        forecast_proposal(D(0), D(0), 13)
