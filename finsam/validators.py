"""Validators for Swedish identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def validate_orgnr(value: str) -> None:
    """An organisation number with a correct Luhn check digit, e.g. 222000-2873."""
    try:
        orgnr.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _(
                "%(value)s är inte ett giltigt organisationsnummer (kontrollsiffran stämmer "
                "inte eller formatet är fel; skriv t.ex. 222000-2873)."
            ),
            code="invalid_orgnr",
            params={"value": value},
        ) from error


def normalise_orgnr(value: str) -> str:
    """The printed form NNNNNN-NNNN."""
    return orgnr.format(value) if value else value
