"""Pure helpers behind the initiatives: shares, goal status, grants over periods, printed totals."""

from datetime import date
from decimal import Decimal

import pytest

from finsam.lib.periods import part_within, split_by_years
from finsam.lib.shares import format_share, share_percent
from finsam.lib.totals import PrintedTotalMismatch, checked_total
from initiatives.goal_status import Comparison, GoalStatus, Metric, Target, status_of

NBSP = "\u00a0"
AT_LEAST_30 = Target(Metric.SHARE, Comparison.AT_LEAST, Decimal(30))
AT_LEAST_40 = Target(Metric.SHARE, Comparison.AT_LEAST, Decimal(40))
TWO_DAYS = Target(Metric.COUNT, Comparison.AT_LEAST, Decimal(2))


def test_share_is_printed_as_vaxjo_prints_it():
    assert format_share(9, 31) == f"9 av 31 = 29{NBSP}%"
    assert format_share(42, 67) == f"42 av 67 = 63{NBSP}%"
    assert format_share(39, 67) == f"39 av 67 = 58{NBSP}%"
    assert format_share(14, 35) == f"14 av 35 = 40{NBSP}%"
    assert format_share(0, 0) == "0 av 0"
    assert share_percent(0, 0) is None


def test_nine_of_thirty_one_does_not_meet_at_least_thirty_percent():
    assert status_of(AT_LEAST_30, numerator=9, denominator=31, interim=True) == GoalStatus.NOT_MET


def test_nine_of_thirty_one_does_not_meet_the_forty_percent_target():
    assert status_of(AT_LEAST_40, numerator=9, denominator=31) == GoalStatus.NOT_MET


def test_share_is_compared_exactly_not_as_printed():
    # 89 of 300 is 29.67 %, printed "30 %", and still below 30 %.
    assert format_share(89, 300) == f"89 av 300 = 30{NBSP}%"
    assert status_of(AT_LEAST_30, numerator=89, denominator=300) == GoalStatus.NOT_MET
    assert status_of(AT_LEAST_30, numerator=90, denominator=300) == GoalStatus.MET


def test_two_collaboration_days_meet_at_least_two_a_year():
    assert status_of(TWO_DAYS, value=Decimal(2)) == GoalStatus.MET
    assert status_of(TWO_DAYS, value=Decimal(1)) == GoalStatus.NOT_MET


def test_an_interim_count_below_an_at_least_target_is_not_yet_measurable():
    assert status_of(TWO_DAYS, value=Decimal(1), interim=True) == GoalStatus.NOT_YET
    assert status_of(TWO_DAYS, value=Decimal(2), interim=True) == GoalStatus.MET


def test_at_most_targets():
    at_most_3 = Target(Metric.COUNT, Comparison.AT_MOST, Decimal(3))
    assert status_of(at_most_3, value=Decimal(3)) == GoalStatus.MET
    assert status_of(at_most_3, value=Decimal(4), interim=True) == GoalStatus.NOT_MET
    assert status_of(at_most_3, value=Decimal(2), interim=True) == GoalStatus.NOT_YET


def test_nothing_measured_or_no_target_is_not_yet_measurable_and_partly_met_is_never_computed():
    assert status_of(None, value=Decimal(5)) == GoalStatus.NOT_YET
    assert status_of(AT_LEAST_30) == GoalStatus.NOT_YET
    assert status_of(AT_LEAST_30, numerator=0, denominator=0) == GoalStatus.NOT_YET
    assert status_of(AT_LEAST_30, numerator=29, denominator=100) != GoalStatus.PARTLY_MET


def test_target_describes_itself():
    assert AT_LEAST_30.describe() == f"minst 30{NBSP}%"
    assert TWO_DAYS.describe() == "minst 2"


def test_a_grant_over_a_year_end_is_split_by_days_and_adds_up():
    parts = split_by_years(Decimal(1294000), date(2013, 9, 30), date(2014, 9, 29))
    # 93 of 365 days fall in 2013 (30 September to 31 December).
    assert parts == {2013: Decimal(329704), 2014: Decimal(964296)}
    assert sum(parts.values()) == Decimal(1294000)


def test_part_within_a_window():
    assert part_within(
        Decimal(400000),
        date(2014, 10, 1),
        date(2014, 12, 31),
        date(2014, 10, 1),
        date(2014, 12, 31),
    ) == Decimal(400000)
    assert part_within(
        Decimal(400000), date(2014, 10, 1), date(2014, 12, 31), date(2015, 1, 1), date(2015, 12, 31)
    ) == Decimal(0)
    assert part_within(
        Decimal(-300), date(2014, 1, 1), date(2014, 1, 3), date(2014, 1, 2), date(2014, 1, 2)
    ) == Decimal(-100)


def test_printed_total_must_match_the_rows():
    assert checked_total([28, 24, 11, 14], printed=None, table="T", column="2011") == 77
    with pytest.raises(PrintedTotalMismatch) as caught:
        checked_total(
            [28, 24, 11, 14], printed=67, table="Inkomna intresseanmälningar", column="2011"
        )
    message = str(caught.value)
    assert "Inkomna intresseanmälningar" in message and "2011" in message
    assert "77" in message and "67" in message
