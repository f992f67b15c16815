"""Rows several associations share (such as member organisations): each app registers its
model here from its AppConfig.ready, so backup names none. The export lists the rows an
association points to in the manifest under `key`; the restore finds each here or creates it
with `match`. Users are the platform's own and handled in `finsam.backup.ids`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Shared:
    """`match(keys, entries)` maps each entry's id to a row here and returns the names of
    the rows it created; `created` is the line a restore prints for each of them."""

    model: type[models.Model]
    key: str
    fields: tuple[str, ...]
    match: Callable[[Any, list[dict]], list[str]]
    created: str | Promise


SHARED: dict[str, Shared] = {}


def register_shared(shared: Shared) -> None:
    SHARED[shared.key] = shared


def shared_model(model: type[models.Model]) -> Shared | None:
    return next((s for s in SHARED.values() if s.model is model), None)
