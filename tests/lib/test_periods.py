"""An interim report's period: how many months it covers, and when that is unusual."""

from datetime import date
from fractions import Fraction

import pytest

from finsam.lib.periods import interim_period_problem, months_covered

JAN_1 = date(2014, 1, 1)


@pytest.mark.parametrize(
    ("end", "months"),
    [
        (date(2014, 8, 31), Fraction(8)),
        (date(2014, 6, 30), Fraction(6)),
        (date(2014, 4, 30), Fraction(4)),
        (date(2014, 1, 31), Fraction(1)),
        (date(2014, 8, 15), Fraction(7) + Fraction(15, 31)),
        (date(2014, 2, 14), Fraction(1) + Fraction(14, 28)),
        (date(2016, 2, 29), Fraction(2)),  # a leap year's February ends on the 29th
        (date(2014, 12, 31), Fraction(12)),
    ],
)
def test_months_covered(end, months):
    start = date(end.year, 1, 1)
    assert months_covered(start, end) == months


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2014, 2, 1), date(2014, 8, 31)),  # not from 1 January
        (JAN_1, date(2015, 1, 31)),  # into the next year
        (date(2014, 1, 1), date(2013, 12, 31)),  # ends before it starts
    ],
)
def test_months_covered_refuses_other_periods(start, end):
    with pytest.raises(ValueError, match="1 januari och sluta samma år"):
        months_covered(start, end)


@pytest.mark.parametrize("end", [date(2014, 6, 30), date(2014, 7, 31), date(2014, 8, 31)])
def test_half_to_two_thirds_of_the_year_is_fine(end):
    assert interim_period_problem(JAN_1, end) == ""


def test_less_than_half_the_year_is_named():
    assert interim_period_problem(JAN_1, date(2014, 4, 30)) == (
        "Perioden täcker 4 månader: mindre än halva året."
    )


def test_a_partial_month_is_counted_by_its_days():
    assert interim_period_problem(JAN_1, date(2014, 6, 15)) == (
        "Perioden täcker 5,5 månader: mindre än halva året."
    )
    assert interim_period_problem(JAN_1, date(2014, 9, 15)) == (
        "Perioden täcker 8,5 månader: mer än två tredjedelar av året."
    )


def test_more_than_two_thirds_is_named():
    assert interim_period_problem(JAN_1, date(2014, 9, 30)) == (
        "Perioden täcker 9 månader: mer än två tredjedelar av året."
    )


def test_a_period_that_is_not_from_1_january_is_named():
    assert interim_period_problem(date(2014, 3, 1), date(2014, 8, 31)) == (
        "Perioden ska börja 1 januari och sluta samma år."
    )
