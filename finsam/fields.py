"""The project's field types, defined once."""

from typing import TYPE_CHECKING, Any

from djmoney.models.fields import MoneyField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2  # öre where they occur; documents print whole kronor or tkr
# The whole kronor a stored amount holds: a larger one is refused where it is typed or read.
MONEY_WHOLE_DIGITS = MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES


def sek_field(verbose_name: "StrOrPromise", **kwargs: Any) -> MoneyField:
    """An amount in Swedish kronor with the project's precision."""
    return MoneyField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        default_currency="SEK",
        currency_choices=[("SEK", "SEK")],
        **kwargs,
    )
