"""Template filters that print amounts in Swedish format (they format; they never add up)."""

from decimal import Decimal

from django import template
from djmoney.money import Money

from finsam.lib.numbers import format_amount, format_percent

register = template.Library()


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Money):
        return value.amount
    return Decimal(str(value))


@register.filter
def kr(value: object) -> str:
    """Whole kronor: 748000 -> "748 000"."""
    amount = _decimal(value)
    return "" if amount is None else format_amount(amount)


@register.filter
def ore(value: object) -> str:
    """Kronor and öre: 302612.005 -> "302 612,01"."""
    amount = _decimal(value)
    return "" if amount is None else format_amount(amount, decimals=2)


@register.filter
def tkr(value: object) -> str:
    """Thousands of kronor: 2133333 -> "2 133"."""
    amount = _decimal(value)
    return "" if amount is None else format_amount(amount, thousands=True)


@register.filter
def percent(value: object, decimals: int = 0) -> str:
    """A percentage: 29.03 -> "29 %"; with |percent:1 -> "9,6 %"."""
    amount = _decimal(value)
    return "" if amount is None else format_percent(amount, int(decimals))
