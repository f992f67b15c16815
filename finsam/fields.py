"""The project's field types, defined once."""

from typing import TYPE_CHECKING, Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from djmoney.models.fields import MoneyField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from finsam.lib.numbers import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, MONEY_WHOLE_DIGITS
from finsam.lib.years import FIRST_YEAR, LAST_YEAR

__all__ = ["MONEY_WHOLE_DIGITS", "amount_field", "sek_field", "year_field", "year_validators"]


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


def amount_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    """An amount in kronor without a currency column (budget figures, follow-up figures),
    with the same precision as `sek_field`."""
    return models.DecimalField(
        verbose_name, max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, **kwargs
    )


def year_validators() -> list[MinValueValidator | MaxValueValidator]:
    """The year range of `finsam.lib.years` as model validators."""
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_field(verbose_name: Any, **kwargs: Any) -> models.PositiveSmallIntegerField:
    """A budget, funding or report year, in the one range of `finsam.lib.years`."""
    return models.PositiveSmallIntegerField(verbose_name, validators=year_validators(), **kwargs)
