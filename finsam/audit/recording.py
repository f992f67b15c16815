"""Filling in what django-simple-history cannot know: the association, the import, the reason.

simple-history writes a historical row on every save and delete and finds the user through
its request middleware. Around that, a service or an import says what else holds for the
writes it makes (`recording(user=..., batch=..., reason=...)`); a signal receiver, connected
in `MembersConfig.ready`, copies it onto each historical row together with the association
the object belongs to (found along the model's `tenant_path`).

Bulk writes send no signals, so a tracked model is bulk-created with `bulk_create_audited`,
which writes the same historical rows in bulk.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from simple_history.utils import bulk_create_with_history

from finsam.models.audit import AuditedHistory


@dataclass(frozen=True)
class Recording:
    """What holds for the historical rows written inside a `recording` block."""

    user: Any = None
    batch_id: int | None = None
    reason: str = ""


_NOTHING = Recording()
_current: ContextVar[Recording] = ContextVar("audit_recording", default=_NOTHING)


@contextmanager
def recording(*, user: Any = None, batch: Any = None, reason: str = "") -> Iterator[None]:
    """Inside the block, history names `user` (if signed in), the import `batch` and `reason`.

    Blocks nest: what the inner block leaves out, the outer one gives.
    """
    outer = _current.get()
    inner = replace(
        outer,
        user=user if getattr(user, "is_authenticated", False) else outer.user,
        batch_id=batch.pk if batch is not None else outer.batch_id,
        reason=reason or outer.reason,
    )
    token = _current.set(inner)
    try:
        yield
    finally:
        _current.reset(token)


def association_id_of(instance: models.Model) -> int | None:
    """The association `instance` belongs to, read along its model's `tenant_path`.

    Related objects already loaded are used as they are; otherwise one query asks for the
    rest of the path, and when the parent is gone (a cascade deleting it too) the parent's
    own history answers.
    """
    path = getattr(type(instance), "tenant_path", None)
    if path is None:
        return None
    if path == "pk":
        return instance.pk
    hops = path.split("__")
    current = instance
    for index, hop in enumerate(hops[:-1]):
        field = current._meta.get_field(hop)
        assert isinstance(field, models.ForeignKey)  # a tenant path runs along foreign keys
        if not field.is_cached(current):
            return _association_of_parent(field, getattr(current, field.attname), hops[index + 1 :])
        cached = field.get_cached_value(current)
        if cached is None:
            return None
        current = cached
    return getattr(current, f"{hops[-1]}_id")


def _association_of_parent(field: Any, parent_pk: Any, rest: list[str]) -> int | None:
    if parent_pk is None:
        return None
    parent = field.related_model
    found = (
        parent._default_manager.filter(pk=parent_pk).values_list("__".join(rest), flat=True).first()
    )
    if found is None and hasattr(parent, "history"):
        found = (
            parent.history.filter(id=parent_pk)
            .values_list("history_association_id", flat=True)
            .first()
        )
    return found


def fill_history_row(sender: type, instance: models.Model, history_instance: Any, **_: Any) -> None:
    """Receiver of simple-history's `pre_create_historical_record`."""
    if not issubclass(sender, AuditedHistory):
        return
    now = _current.get()
    history_instance.history_association_id = association_id_of(instance)
    history_instance.history_import_id = now.batch_id
    if now.user is not None:
        history_instance.history_user_id = now.user.pk
    if now.reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = now.reason


def bulk_create_audited(
    model: type[models.Model],
    objects: Iterable[models.Model],
    *,
    association_id: int,
    batch_size: int | None = None,
) -> list[models.Model]:
    """`model.objects.bulk_create(objects)` plus one historical row per object."""
    now = _current.get()
    return bulk_create_with_history(
        list(objects),
        model,
        batch_size=batch_size,
        default_user=now.user,
        default_change_reason=now.reason or None,
        custom_historical_attrs={
            "history_association_id": association_id,
            "history_import_id": now.batch_id,
        },
    )
