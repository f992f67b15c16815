"""Money over periods of days: splitting a grant by calendar year, or taking one window's part.

A decision grants an amount for a period ("1 294 000 kr for one year from 30 September
2013"). Budgets and cost per participant need the part of it that falls in a calendar year
or another window. The part is proportional to the number of days, in whole kronor, split
with the largest-remainder method so the parts always add up to the amount exactly.
"""

from datetime import date, timedelta
from decimal import Decimal

from finsam.lib.allocation import allocate
from finsam.lib.rounding import KRONA


def days(start: date, end: date) -> int:
    """Days from `start` to `end`, both included (0 when the period is empty)."""
    return max((end - start).days + 1, 0)


def overlap(start: date, end: date, window_start: date, window_end: date) -> int:
    """Days of [start, end] that fall within [window_start, window_end]."""
    return days(max(start, window_start), min(end, window_end))


def split_by_years(amount: Decimal, start: date, end: date) -> dict[int, Decimal]:
    """The amount's part in each calendar year of the period, in whole kronor, adding up."""
    if end < start:
        raise ValueError("Perioden slutar före den börjar.")
    years = list(range(start.year, end.year + 1))
    weights = [overlap(start, end, date(y, 1, 1), date(y, 12, 31)) for y in years]
    return dict(zip(years, _allocate_signed(amount, weights), strict=True))


def part_within(
    amount: Decimal, start: date, end: date, window_start: date, window_end: date
) -> Decimal:
    """The amount's part that falls in the window, in whole kronor.

    Split as before / within / after the window, so that the three parts add up exactly.
    """
    if end < start:
        raise ValueError("Perioden slutar före den börjar.")
    inside = overlap(start, end, window_start, window_end)
    if inside == 0:
        return Decimal(0)
    before = overlap(start, end, start, window_start - timedelta(days=1))
    after = overlap(start, end, window_end + timedelta(days=1), end)
    return _allocate_signed(amount, [before, inside, after])[1]


def _allocate_signed(amount: Decimal, weights: list[int]) -> list[Decimal]:
    parts = allocate(abs(amount), weights, KRONA)
    return [-p for p in parts] if amount < 0 else parts
