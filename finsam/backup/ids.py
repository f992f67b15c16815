"""Ids on restore: the file's ids translated to ids free in this installation.

Objects of the association get new ids above every id the table, its history and (on
PostgreSQL) its sequence have handed out, in the file's order. Users and member
organisations and other rows associations share are matched by user name and by what
their app registers (`finsam.backup.shared`).
"""

from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import Max

from finsam.models import Association
from finsam.owned import history_model

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")


class Keys:
    """Old ids from the file to ids in this installation, per model."""

    def __init__(self, kept: set[type[models.Model]]) -> None:
        self.kept = kept
        self.maps: dict[type[models.Model], dict[Any, Any]] = defaultdict(dict)

    def allocate(self, ids: dict[type[models.Model], set]) -> None:
        """Give every object id of the file a free id here, in the same order."""
        for model, olds in ids.items():
            first = _next_free_id(model)
            self.maps[model] = {old: first + index for index, old in enumerate(sorted(olds))}

    def translated(self, model: type[models.Model], old: Any) -> Any:
        return self.maps[model].get(old)


def match_users(keys: Keys, users: list[dict]) -> list[str]:
    """Each user of the file, found here by user name or created without a password."""
    created, model = [], get_user_model()
    for user in users:
        found = model.objects.filter(username=user["username"]).first()
        if found is None:
            found = model(**{name: user[name] for name in USER_FIELDS})
            found.set_unusable_password()
            found.save()
            created.append(found.username)
        keys.maps[model][user["id"]] = found.pk
    return created


def hold_writes(kept: set) -> None:
    """Keep other writers out until commit, so the ids chosen here stay free."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in kept)
            cursor.execute(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        else:  # SQLite has one writer at a time: becoming it is enough
            table = connection.ops.quote_name(Association._meta.db_table)
            cursor.execute(f"UPDATE {table} SET name = name WHERE id = -1")


def _next_free_id(model: type[models.Model]) -> int:
    """Above every id the table, its history and its sequence have ever handed out."""
    highest = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
    if hasattr(model._meta, "simple_history_manager_attribute"):
        history = history_model(model)
        assert history is not None
        highest = max(highest, history._default_manager.aggregate(top=Max("id"))["top"] or 0)
    return max(highest, _sequence_value(model)) + 1


def _sequence(model: type[models.Model]) -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column]
        )
        return cursor.fetchone()[0]


def _sequence_value(model: type[models.Model]) -> int:
    sequence = _sequence(model)
    if sequence is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value FROM {sequence}")
        return cursor.fetchone()[0]


def advance_sequences(kept: set) -> None:
    """PostgreSQL: move each sequence past the ids written here (never back)."""
    for model in kept:
        sequence = _sequence(model)
        if sequence is None:
            continue
        highest = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
        value = max(highest, _sequence_value(model))
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(%s, %s)", [sequence, value])
