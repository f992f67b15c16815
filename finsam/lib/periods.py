"""Money over periods of days: splitting a grant by calendar year, or taking one window's part.

A decision grants an amount for a period ("1 294 000 kr for one year from 30 September
2013"). Budgets and cost per participant need the part of it that falls in a calendar year
or another window. The part is proportional to the number of days, in whole kronor, split
with the largest-remainder method so the parts always add up to the amount exactly.
"""

from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from finsam.lib.allocation import allocate
from finsam.lib.rounding import KRONA
from finsam.lib.text import gettext as _


def days(start: date, end: date) -> int:
    """Days from `start` to `end`, both included (0 when the period is empty)."""
    return max((end - start).days + 1, 0)


def overlap(start: date, end: date, window_start: date, window_end: date) -> int:
    """Days of [start, end] that fall within [window_start, window_end]."""
    return days(max(start, window_start), min(end, window_end))


def split_by_years(amount: Decimal, start: date, end: date) -> dict[int, Decimal]:
    """The amount's part in each calendar year of the period, in whole kronor, adding up."""
    if end < start:
        raise ValueError(_("Perioden slutar före den börjar."))
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
        raise ValueError(_("Perioden slutar före den börjar."))
    inside = overlap(start, end, window_start, window_end)
    if inside == 0:
        return Decimal(0)
    before = overlap(start, end, start, window_start - timedelta(days=1))
    after = overlap(start, end, window_end + timedelta(days=1), end)
    return _allocate_signed(amount, [before, inside, after])[1]


def _allocate_signed(amount: Decimal, weights: list[int]) -> list[Decimal]:
    parts = allocate(abs(amount), weights, KRONA)
    return [-p for p in parts] if amount < 0 else parts


def months_covered(start: date, end: date) -> Fraction:
    """How many months of a calendar year the period from 1 January covers: whole months
    count as one each, a partial last month by its days (31 August gives exactly 8)."""
    if start != date(start.year, 1, 1) or end.year != start.year or end < start:
        raise ValueError(_("Perioden ska börja 1 januari och sluta samma år."))
    month_days = monthrange(end.year, end.month)[1]
    return Fraction(end.month - 1) + Fraction(end.day, month_days)


def interim_period_problem(start: date, end: date) -> str:
    """Why an interim report's period is unusual, or "" when it covers 1/2 to 2/3 of the year.

    The municipal accounting rules expect an interim report to cover at least half and at
    most two thirds of the financial year (January–June to January–August).
    """
    try:
        months = months_covered(start, end)
    except ValueError as error:
        return str(error)
    if months < 6:
        return _("Perioden täcker %(months)s månader: mindre än halva året.") % {
            "months": _months_text(months)
        }
    if months > 8:
        return _("Perioden täcker %(months)s månader: mer än två tredjedelar av året.") % {
            "months": _months_text(months)
        }
    return ""


def _months_text(months: Fraction) -> str:
    if months.denominator == 1:
        return str(months.numerator)
    exact = Decimal(months.numerator) / Decimal(months.denominator)
    return f"{exact:.1f}".replace(".", ",")
