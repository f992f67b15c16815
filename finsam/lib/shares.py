"""Shares of a whole as Swedish reports print them: "9 av 31 = 29 %".

The percentage is rounded on its own (half away from zero) from the exact fraction; with a
whole of zero there is no share to print.
"""

from decimal import Decimal

from finsam.lib.numbers import format_amount, format_percent
from finsam.lib.text import gettext as _


def share_percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """The exact share in per cent, or None when the whole is zero: the one home of the
    formula, for head counts, goals, contributions and the administration share alike."""
    if whole == 0:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def format_share(part: int, whole: int, decimals: int = 0) -> str:
    """ "9 av 31 = 29 %" (non-breaking spaces in numbers and before %); "0 av 0" without share."""
    percent = share_percent(part, whole)
    counted = _("%(part)s av %(whole)s") % {
        "part": format_amount(part),
        "whole": format_amount(whole),
    }
    return counted if percent is None else f"{counted} = {format_percent(percent, decimals)}"
