"""Validators for Swedish identifiers."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


DUPLICATE_ORGNR = "duplicate_org_number"


def stored_orgnr(value: str) -> str:
    """The number as it will be stored, so uniqueness is checked on that form ("2120000587"
    and "212000-0587" are one organisation); an invalid one is left for its validator."""
    try:
        validate_orgnr(value)
    except ValidationError:
        return value
    return normalise_orgnr(value)


@contextmanager
def duplicate_number_at_its_field() -> Iterator[None]:
    """A taken organisation number is said next to the number, not above the form (a
    conditional unique constraint reports to the whole object)."""
    try:
        yield
    except ValidationError as error:
        errors = error.update_error_dict({})
        whole = errors.pop(NON_FIELD_ERRORS, [])
        moved = [e for e in whole if getattr(e, "code", None) == DUPLICATE_ORGNR]
        kept = [e for e in whole if e not in moved]
        if moved:
            errors.setdefault("org_number", []).extend(moved)
        if kept:
            errors[NON_FIELD_ERRORS] = kept
        raise ValidationError(errors) from error
