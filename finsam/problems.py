"""Every problem with an entry told in one answer, each at its field (issue #17).

A service checks every rule it can before it refuses, and raises one ValidationError keyed
by the form's field names; a form then shows each message next to its field (see
`finsam.forms.add_errors`). Refusing at the first broken rule makes the user fix one thing,
post, and only then learn the next.
"""

import copy
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Problems:
    """The problems found so far, by field; `raise_any` raises them together."""

    def __init__(self) -> None:
        # ValidationError instances, not their texts: a message's code and params survive
        # (a caller may move a message by its code, see finsam.validators).
        self.by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str | None, message: "StrOrPromise") -> None:
        """A problem at `field`; None for one no field fits (shown above the form)."""
        self.by_field.setdefault(field or NON_FIELD_ERRORS, []).append(ValidationError(message))

    def merge(self, error: ValidationError) -> None:
        """Another check's refusal: a dict's messages at their fields, a plain message or list
        above the form."""
        error.update_error_dict(self.by_field)

    @contextmanager
    def gathered(self, *, new_fields_only: bool = False) -> Iterator[None]:
        """A check run inside adds its refusal here instead of ending the service.

        `new_fields_only`: a field already told keeps the earlier words. The model's own
        check of a link (a tenant link, say) repeats a service's rule in other words; told
        twice, the user reads two problems where there is one."""
        try:
            yield
        except ValidationError as error:
            if new_fields_only and hasattr(error, "error_dict"):
                fresh = {f: e for f, e in error.error_dict.items() if f not in self.by_field}
                error = ValidationError(fresh)
            self.merge(error)

    def has(self, field: str) -> bool:
        return field in self.by_field

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def check_model(
    instance: models.Model,
    values: Mapping[str, Any],
    fields: Iterable[str],
) -> None:
    """The model's own rules (its fields', `clean()`, constraints) on a copy of `instance`
    with `fields` set from `values`; `instance` itself is left as it was.

    A field missing from `values` (a form's invalid one) is left out, and with it every
    constraint that reads it (`full_clean(exclude=...)`): a form runs this beside its own
    checks, so that an end before the start comes in the same answer as a missing name,
    not after it is fixed. The service runs the model's rules again when it saves; a model
    with `finsam.saving.ConstraintsAtFields` tells its constraints at their fields."""
    candidate = copy.copy(instance)  # Django copies the state too: the original stays
    missing = []
    for name in fields:
        if name in values:
            setattr(candidate, name, values[name])
        else:
            missing.append(name)
    candidate.full_clean(exclude=missing)
