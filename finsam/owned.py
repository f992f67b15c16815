"""What the platform knows of the domain's models without importing them.

A model whose rows belong to one association names the lookup from it to its association in
`tenant_path` ("association", "initiative__association"; "pk" for the association itself):
scoping, backup and history filter on it. A model whose changes are kept carries `history`,
django-simple-history's manager (`history = audited()`), and the historical model made for
it knows the model it describes (`instance_type`) and the many-to-many fields it snapshots.
Models implement these by declaring the attributes; nothing is inherited.
"""

from typing import Any, Protocol, runtime_checkable

from django.db import models


@runtime_checkable
class TenantOwned(Protocol):
    tenant_path: str


@runtime_checkable
class Audited(Protocol):
    history: Any  # simple_history's HistoryManager: the library ships no types


@runtime_checkable
class Historical(Protocol):
    instance_type: type[models.Model]
    _history_m2m_fields: list[Any]


def tenant_path(model: type[models.Model]) -> str:
    """The lookup from `model` to its association."""
    if not isinstance(model, TenantOwned):
        raise TypeError(f"{model.__name__} belongs to no association: it has no tenant_path.")
    return model.tenant_path


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The table of `model`'s past versions, if its changes are kept."""
    return model.history.model if isinstance(model, Audited) else None


def _historical(history: type[models.Model]) -> Historical:
    if not isinstance(history, Historical):
        raise TypeError(f"{history.__name__} is not a historical model.")
    return history


def tracked_model(history: type[models.Model]) -> type[models.Model]:
    """The model whose past versions the historical model `history` holds."""
    return _historical(history).instance_type


def history_m2m_fields(history: type[models.Model]) -> list[Any]:
    """The many-to-many fields whose state each row of `history` keeps."""
    return _historical(history)._history_m2m_fields
