"""Shares of a whole as Swedish reports print them: "9 av 31 = 29 %".

The percentage is rounded on its own (half away from zero) from the exact fraction; with a
whole of zero there is no share to print.
"""

from decimal import Decimal
from fractions import Fraction

from finsam.lib.numbers import format_amount, format_percent
from finsam.lib.text import gettext as _


def exact_share(part: Decimal | int, whole: Decimal | int) -> Fraction | None:
    """The share in per cent as an exact fraction, or None when the whole is zero: the one
    home of the formula, for head counts, goals, contributions and the administration share
    alike (a goal's status compares it exactly, never as printed)."""
    if whole == 0:
        return None
    return Fraction(part) * 100 / Fraction(whole)


def share_percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`exact_share` as a Decimal (correctly rounded to the context's 28 digits)."""
    exact = exact_share(part, whole)
    if exact is None:
        return None
    return Decimal(exact.numerator) / Decimal(exact.denominator)


def whole_percent_done(done: int, total: int) -> int | None:
    """How far a piece of work has come, in whole per cent rounded down (a progress bar never
    shows 100 before the end), at most 100; None when the total is unknown."""
    exact = exact_share(done, total) if total else None
    return None if exact is None else min(100, int(exact))


def format_share(part: int, whole: int, decimals: int = 0) -> str:
    """ "9 av 31 = 29 %" (non-breaking spaces in numbers and before %); "0 av 0" without share."""
    percent = share_percent(part, whole)
    counted = _("%(part)s av %(whole)s") % {
        "part": format_amount(part),
        "whole": format_amount(whole),
    }
    return counted if percent is None else f"{counted} = {format_percent(percent, decimals)}"
