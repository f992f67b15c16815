"""The project's field types, defined once."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from djmoney.models.fields import MoneyField

from finsam.lib.years import FIRST_YEAR, LAST_YEAR

MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2  # öre where they occur; documents print whole kronor or tkr
# The whole kronor a stored amount holds: a larger one is refused where it is typed or read.
MONEY_WHOLE_DIGITS = MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES


def sek_field(verbose_name: str, **kwargs: Any) -> MoneyField:
    """An amount in Swedish kronor with the project's precision."""
    return MoneyField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        default_currency="SEK",
        currency_choices=[("SEK", "SEK")],
        **kwargs,
    )


def year_validators() -> list[MinValueValidator | MaxValueValidator]:
    """The year range of `finsam.lib.years` as model validators."""
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_field(verbose_name: Any, **kwargs: Any) -> models.PositiveSmallIntegerField:
    """A budget, funding or report year, in the one range of `finsam.lib.years`."""
    return models.PositiveSmallIntegerField(verbose_name, validators=year_validators(), **kwargs)
