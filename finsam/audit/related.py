"""Objects that historical rows point to, fetched in bulk, and found in history when deleted.

A history page names, for every row, the object it is about and the objects its fields point
to ("Kansli / Budget 2014", "Region Jönköpings län"). Fetching them one by one would cost a
query per row; `Related` gathers what is wanted, then fetches it with one query per model
(two when some are deleted: a deleted object is rebuilt from its own last historical row).
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models

from finsam.owned import Audited


class Related:
    """A bulk cache of related objects, keyed by model and primary key."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self._found: dict[type[models.Model], dict[Any, models.Model]] = defaultdict(dict)

    def want(self, model: type[models.Model], pk: Any) -> None:
        if pk is not None and pk not in self._found[model]:
            self._wanted[model].add(pk)

    def get(self, model: type[models.Model], pk: Any) -> models.Model | None:
        return self._found[model].get(pk)

    def fetch(self) -> list[models.Model]:
        """Fetch everything wanted; returns what was newly found."""
        fetched: list[models.Model] = []
        for model, pks in self._wanted.items():
            live = model._default_manager.in_bulk(pks)
            gone = _from_history(model, pks - set(live))
            self._found[model].update(live)
            self._found[model].update(gone)
            fetched += [*live.values(), *gone.values()]
        self._wanted.clear()
        return fetched

    def want_relations_of(self, objects: Iterable[models.Model]) -> None:
        for obj in objects:
            for field in _foreign_keys(type(obj)):
                self.want(field.related_model, getattr(obj, field.attname))

    def attach_to(self, objects: Iterable[models.Model]) -> None:
        """Put the fetched objects in the instances' relation caches (no query on access)."""
        for obj in objects:
            for field in _foreign_keys(type(obj)):
                found = self.get(field.related_model, getattr(obj, field.attname))
                if found is not None:
                    field.set_cached_value(obj, found)

    def load_for(self, objects: list[models.Model], depth: int = 2) -> None:
        """Fetch and attach what `objects` point to, and what that points to, `depth` deep."""
        level = objects
        for _ in range(depth):
            self.want_relations_of(level)
            self.fetch()
            self.attach_to(level)
            level = [
                found
                for obj in level
                for field in _foreign_keys(type(obj))
                if (found := self.get(field.related_model, getattr(obj, field.attname)))
            ]


def _foreign_keys(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def _from_history(model: type[models.Model], pks: set[Any]) -> dict[Any, models.Model]:
    """Deleted objects as their last historical rows describe them (untracked: nothing)."""
    if not pks or not isinstance(model, Audited):
        return {}
    rows = model.history.filter(id__in=pks).order_by("id", "-history_id")
    last: dict[Any, models.Model] = {}
    for row in rows:
        last.setdefault(row.id, row.instance)
    return last
