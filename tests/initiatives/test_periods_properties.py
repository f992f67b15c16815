"""Properties of splitting a grant over periods: the parts always add up, in whole kronor."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finsam.lib.periods import days, part_within, split_by_years

amounts = st.integers(min_value=-10_000_000, max_value=10_000_000).map(Decimal)
starts = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))
lengths = st.integers(min_value=0, max_value=2000)


@given(amounts, starts, lengths)
def test_years_add_up_to_the_decision(amount, start, length):
    end = start + timedelta(days=length)
    parts = split_by_years(amount, start, end)
    assert sum(parts.values()) == amount
    assert list(parts) == list(range(start.year, end.year + 1))
    assert all(part == part.to_integral() for part in parts.values())


@given(amounts, starts, lengths, st.integers(min_value=0, max_value=2000))
def test_a_window_and_the_rest_add_up(amount, start, length, cut):
    end = start + timedelta(days=length)
    middle = start + timedelta(days=min(cut, length))
    first = part_within(amount, start, end, start - timedelta(days=400), middle)
    second = part_within(amount, start, end, middle + timedelta(days=1), end + timedelta(days=400))
    assert first + second == amount
    assert days(start, end) == length + 1
