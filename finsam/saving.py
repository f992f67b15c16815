"""Saving model instances the one way this project does: validate fully, then save."""

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)
K = TypeVar("K", bound=Hashable)


def saved(instance: M) -> M:
    """`instance` after `full_clean()` and `save()`; a broken rule raises ValidationError."""
    instance.full_clean()
    instance.save()
    return instance


def rows_synced(
    existing: Iterable[M],
    *,
    key: Callable[[M], K],
    wanted: Mapping[K, Mapping[str, Any]],
    make: Callable[[K], M],
    keep_order: bool = False,
) -> None:
    """Make a set of rows match `wanted` (key -> field values), writing only what differs.

    Rows no longer wanted are deleted, changed ones saved, new ones created; an unchanged row
    is not written at all, so the audit trail shows the real changes and nothing else. With
    `keep_order` (rows shown in the order they were entered) new rows land after the kept
    ones; only a wanted order that this cannot give replaces every row, in the wanted order.
    """
    rows = {key(row): row for row in existing}
    kept = [k for k in rows if k in wanted]
    if keep_order and kept + [k for k in wanted if k not in rows] != list(wanted):
        for row in rows.values():
            row.delete()
        rows = {}
    for gone in [k for k in rows if k not in wanted]:
        rows.pop(gone).delete()
    for k, values in wanted.items():
        row = rows.get(k) or make(k)
        if row.pk is not None and all(getattr(row, f) == v for f, v in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        saved(row)


class ConstraintsAtFields(models.Model):
    """A violated check constraint reported at the field it is about, so that a form shows
    its message next to that field: Django files every check constraint's message above the
    form. `CONSTRAINT_FIELDS` maps a constraint's name, without its "<app>_<model>_"
    prefix, to the field."""

    CONSTRAINT_FIELDS: ClassVar[Mapping[str, str]] = {}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Any = None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            fields = {
                str(constraint.get_violation_error_message()): self.CONSTRAINT_FIELDS[name]
                for constraint in self._meta.constraints
                if (name := constraint.name.removeprefix(self._constraint_prefix()))
                in self.CONSTRAINT_FIELDS
            }
            placed: dict[str, list[str]] = {}
            for field, messages in error.message_dict.items():
                for message in messages:
                    home = fields.get(message, field) if field == NON_FIELD_ERRORS else field
                    placed.setdefault(home, []).append(message)
            raise ValidationError(placed) from error

    def _constraint_prefix(self) -> str:
        return f"{self._meta.app_label}_{self._meta.model_name}_"
