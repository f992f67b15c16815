"""Rules on the values of single records: the financial year, amounts, sizes.

Each function returns a Swedish message (without line number: the reader adds it) or None.
They are kept apart from `parser` so the reader stays about structure.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal
from functools import cache

from finsam.lib.text import gettext as _

from .guards import Limits
from .tokens import shown

__all__ = ["account_problem", "amount_problem", "name_problem", "year_problem"]

_CENT = Decimal("0.01")
_WIDE = Context(prec=80)  # parse_amount admits 40 characters; quantize must never overflow


def year_problem(year: int, start: date, end: date, formed_on: date | None) -> str | None:
    """A förbund's year is the calendar year; only its first year, from its formation, is short."""
    if end == date(start.year, 12, 31) and start.year == end.year:
        if start == date(start.year, 1, 1):
            return None
        if formed_on is not None and formed_on <= start and start.year == formed_on.year:
            return None
        short = " " + (
            _(
                "Ett kortare första år godtas bara om det börjar tidigast den dag förbundet "
                "bildades (%(formed_on)s) och samma år."
            )
            % {"formed_on": formed_on.isoformat()}
            if formed_on is not None
            else _(
                "Ett kortare första år godtas när förbundets bildandedatum är angivet "
                "(under förbundets uppgifter) och året börjar tidigast då."
            )
        )
    else:
        short = ""
    return (
        _(
            "#RAR %(year)s har räkenskapsåret %(start)s–%(end)s; "
            "ett samordningsförbunds räkenskapsår är kalenderåret."
        )
        % {"year": year, "start": start.isoformat(), "end": end.isoformat()}
        + short
    )


def amount_problem(amount: Decimal, limits: Limits) -> str | None:
    """More than two decimals, or more digits than the application stores."""
    if _WIDE.quantize(amount, _CENT) != amount:
        return _("beloppet %(amount)s har fler än två decimaler (kronor och ören)") % {
            "amount": amount
        }
    digits = limits.amount_digits
    if digits is not None and abs(amount) >= _bound(digits):
        return _(
            "beloppet %(amount)s är för stort (högst %(digits)s siffror före "
            "decimalpunkten kan lagras)"
        ) % {"amount": shown(str(amount)), "digits": digits}
    return None


@cache
def _bound(digits: int) -> Decimal:
    return Decimal(10) ** digits


def account_problem(account: str, limits: Limits) -> str | None:
    length = limits.account_length
    if length is not None and len(account) > length:
        return _("kontonumret '%(account)s' är för långt (högst %(length)s tecken)") % {
            "account": shown(account),
            "length": length,
        }
    return None


def name_problem(name: str, limits: Limits) -> str | None:
    length = limits.name_length
    if length is not None and len(name) > length:
        return _("namnet är %(count)s tecken långt (högst %(length)s kan lagras)") % {
            "count": len(name),
            "length": length,
        }
    return None
