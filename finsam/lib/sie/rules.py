"""Rules on the values of single records: the financial year, amounts, sizes.

Each function returns a Swedish message (without line number: the reader adds it) or None.
They are kept apart from `parser` so the reader stays about structure.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal
from functools import cache

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
        short = (
            f" Ett kortare första år godtas bara om det börjar tidigast den dag förbundet "
            f"bildades ({formed_on.isoformat()}) och samma år."
            if formed_on is not None
            else " Ett kortare första år godtas när förbundets bildandedatum är angivet "
            "(under förbundets uppgifter) och året börjar tidigast då."
        )
    else:
        short = ""
    return (
        f"#RAR {year} har räkenskapsåret {start.isoformat()}–{end.isoformat()}; "
        f"ett samordningsförbunds räkenskapsår är kalenderåret.{short}"
    )


def amount_problem(amount: Decimal, limits: Limits) -> str | None:
    """More than two decimals, or more digits than the application stores."""
    if _WIDE.quantize(amount, _CENT) != amount:
        return f"beloppet {amount} har fler än två decimaler (kronor och ören)"
    digits = limits.amount_digits
    if digits is not None and abs(amount) >= _bound(digits):
        return (
            f"beloppet {shown(str(amount))} är för stort (högst {digits} siffror före "
            "decimalpunkten kan lagras)"
        )
    return None


@cache
def _bound(digits: int) -> Decimal:
    return Decimal(10) ** digits


def account_problem(account: str, limits: Limits) -> str | None:
    length = limits.account_length
    if length is not None and len(account) > length:
        return f"kontonumret '{shown(account)}' är för långt (högst {length} tecken)"
    return None


def name_problem(name: str, limits: Limits) -> str | None:
    length = limits.name_length
    if length is not None and len(name) > length:
        return f"namnet är {len(name)} tecken långt (högst {length} kan lagras)"
    return None
