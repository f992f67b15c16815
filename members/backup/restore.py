"""Restoring an export into an installation where the association does not exist.

All or nothing: one transaction. The file is read twice: first every object id is collected,
so each gets a new id that is free in this installation (in the same order, since lists are
ordered by id where nothing else orders them); then every row is written with its ids and
keys translated. History is restored as it was (who, when, what), never written anew.

Users and member organisations are shared by associations: they are matched by user name
and by organisation name. A user the installation lacks is created *without a usable
password* (an admin sets one, or the user resets it); a member organisation it lacks is
created as the file describes it.
"""

import hashlib
import shutil
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from finsam.saving import saved
from members.backup.archive import Archive, BackupError
from members.backup.tables import HISTORY, HISTORY_LINK, ROW, Table, association_tables, kept_ids
from members.backup.values import decoded
from members.models import Association, Member

BATCH = 1000


@dataclass
class Restored:
    """What a restore wrote."""

    association: Association
    rows: int = 0
    created_users: list[str] = field(default_factory=list)
    created_members: list[str] = field(default_factory=list)
    files: int = 0


def import_association(path: Path) -> Restored:
    archive = Archive(path)
    archive.check_migrations()
    if Association.objects.filter(slug=archive.slug).exists():
        raise BackupError(
            f"Förbundet ”{archive.slug}” finns redan i installationen. En export läses bara in "
            "där förbundet inte finns: ta bort det först, eller läs in i en annan installation."
        )
    written: list[Path] = []
    try:
        with transaction.atomic():
            restored = _restore(archive, written)
    except DatabaseError as error:
        _remove(written)
        raise BackupError(
            f"Filen bryter mot en regel i databasen; inget lästes in: {error}"
        ) from error
    except BaseException:
        _remove(written)
        raise
    return restored


def _restore(archive: Archive, written: list[Path]) -> Restored:
    tables = {t.label: t for t in association_tables()}
    kept = kept_ids(list(tables.values()))
    _hold_writes(kept)
    keys = Keys(kept)
    created_users = keys.match_users(archive.manifest["users"])
    created_members = keys.match_members(archive.manifest["members"])
    keys.allocate(_object_ids(archive, tables, kept))
    writer = _Writer(tables, keys)
    with _stored_timestamps([t.model for t in tables.values() if t.kind == ROW]):
        for number, label, row in archive.rows():
            writer.add(number, label, row)
        writer.flush()
    _check_counts(archive, writer.counts)
    _advance_sequences(kept)
    files = _restore_files(archive, written)
    association = Association.objects.get(slug=archive.slug)
    return Restored(association, sum(writer.counts.values()), created_users, created_members, files)


class Keys:
    """Old ids from the file to ids in this installation, per model."""

    def __init__(self, kept: set[type[models.Model]]) -> None:
        self.kept = kept
        self.maps: dict[type[models.Model], dict[Any, Any]] = defaultdict(dict)

    def match_users(self, users: list[dict]) -> list[str]:
        created, model = [], get_user_model()
        for user in users:
            found = model.objects.filter(username=user["username"]).first()
            if found is None:
                found = model(
                    **{
                        k: user[k]
                        for k in ("username", "first_name", "last_name", "email", "is_active")
                    }
                )
                found.set_unusable_password()
                found.save()
                created.append(found.username)
            self.maps[model][user["id"]] = found.pk
        return created

    def match_members(self, members: list[dict]) -> list[str]:
        created = []
        for member in members:
            found = Member.objects.filter(name=member["name"]).first()
            if found is None:
                try:
                    found = saved(
                        Member(
                            name=member["name"],
                            kind=member["kind"],
                            org_number=member["org_number"],
                        )
                    )
                except ValidationError as error:
                    raise BackupError(
                        f"Medlemmen {member['name']}: {' '.join(error.messages)}"
                    ) from error
                created.append(found.name)
            elif found.kind != member["kind"]:
                raise BackupError(
                    f"Medlemmen ”{found.name}” finns redan här, men som {found.get_kind_display()} "
                    f"(filen: {member['kind']})."
                )
            self.maps[Member][member["id"]] = found.pk
        return created

    def allocate(self, ids: dict[type[models.Model], set]) -> None:
        """Give every object id of the file a free id here, in the same order."""
        for model, olds in ids.items():
            first = _next_free_id(model)
            self.maps[model] = {old: first + index for index, old in enumerate(sorted(olds))}

    def translated(self, model: type[models.Model], old: Any) -> Any:
        return self.maps[model].get(old)


def _object_ids(archive: Archive, tables: dict[str, Table], kept: set) -> dict[type, set]:
    """Every id of a kept model the file names: live rows, and objects only history knows."""
    history_of = {t.model: t.model.instance_type for t in tables.values() if t.kind == HISTORY}
    ids: dict[type, set] = {model: set() for model in kept}
    for number, label, row in archive.rows():
        table = tables.get(label)
        if table is None:
            raise BackupError(f"data.jsonl rad {number}: okänd tabell ”{label}”.")
        owner = table.model if table.kind == ROW else history_of.get(table.model)
        if owner in kept:
            ids[owner].add(row.get("id"))
    return ids


class _Writer:
    """Rows translated and written in batches, table by table."""

    def __init__(self, tables: dict[str, Table], keys: Keys) -> None:
        self.tables, self.keys = tables, keys
        self.counts: dict[str, int] = defaultdict(int)
        self.pending: list[tuple[int, models.Model]] = []
        self.label = ""

    def add(self, number: int, label: str, row: dict) -> None:
        table = self.tables[label]
        if label != self.label or len(self.pending) >= BATCH:
            self.flush()
            self.label = label
        self.pending.append((row.get("history_id"), _instance(number, table, row, self.keys)))
        self.counts[label] += 1

    def flush(self) -> None:
        if not self.pending:
            return
        table = self.tables[self.label]
        created = table.model._default_manager.bulk_create([obj for _, obj in self.pending])
        if table.kind == HISTORY:  # snapshots of many-to-many fields point to these rows
            for (old, _), obj in zip(self.pending, created, strict=True):
                self.keys.maps[table.model][old] = obj.pk
        self.pending = []


def _instance(number: int, table: Table, row: dict, keys: Keys) -> models.Model:
    unknown = set(row) - set(table.columns)
    if unknown:
        raise BackupError(
            f"data.jsonl rad {number}: {table.label} har inget fält {sorted(unknown)[0]}."
        )
    values = {}
    for f in table.model._meta.concrete_fields:
        if f.attname not in row or _is_new_key(table, f, keys):
            continue
        try:
            values[f.attname] = decoded(f, _translated(table, f, row[f.attname], keys, number))
        except ValueError as error:
            raise BackupError(f"data.jsonl rad {number}: {error}") from error
    return table.model(**values)


def _is_new_key(table: Table, f: models.Field, keys: Keys) -> bool:
    """A primary key the database gives anew (rows nothing points to, history rows)."""
    return f.primary_key and not (table.kind == ROW and table.model in keys.kept)


def _translated(table: Table, f: models.Field, value: Any, keys: Keys, number: int) -> Any:
    if value is None:
        return None
    if table.kind == HISTORY and f.attname == "history_user_id":
        return keys.translated(get_user_model(), value)
    target = _target(table, f)
    if target is None:
        return value
    found = keys.translated(target, value)
    if found is None and table.kind not in (HISTORY, HISTORY_LINK):
        raise BackupError(
            f"data.jsonl rad {number}: {table.label}.{f.attname} pekar på "
            f"{target._meta.label_lower} {value}, som inte finns i filen."
        )
    return found


def _target(table: Table, f: models.Field) -> type[models.Model] | None:
    """The model whose ids this column holds, or None for a plain value."""
    if table.kind == ROW and f.primary_key:
        return table.model
    if table.kind == HISTORY and f.attname == "id":  # the id of the object the row describes
        return table.model.instance_type
    if f.is_relation:
        return f.related_model
    return None


@contextmanager
def _stored_timestamps(owned: list) -> Iterator[None]:
    """Write "created at" and "changed at" as the file has them, not as of now."""
    stamped = [
        f
        for model in owned
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    flags = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    for f in stamped:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in flags:
            f.auto_now, f.auto_now_add = now, now_add


def _check_counts(archive: Archive, counts: dict[str, int]) -> None:
    for label, expected in archive.manifest["tables"].items():
        if counts.get(label, 0) != expected:
            raise BackupError(
                f"Filen är ofullständig: {label} har {counts.get(label, 0)} rader, "
                f"manifestet anger {expected}."
            )


def _restore_files(archive: Archive, written: list[Path]) -> int:
    for entry in archive.manifest["files"]:
        name, stream = archive.open_file(entry)
        target = Path(settings.MEDIA_ROOT) / name
        if target.exists():
            if _sha256(target) != entry.get("sha256"):
                raise BackupError(f"En annan fil finns redan lagrad som {name} i MEDIA_ROOT.")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with stream, target.open("wb") as out:
            written.append(target)
            shutil.copyfileobj(stream, out, 2**20)
        if _sha256(target) != entry.get("sha256"):
            raise BackupError(f"files/{name} har inte den kontrollsumma manifestet anger.")
    return len(archive.manifest["files"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(2**20):
            digest.update(chunk)
    return digest.hexdigest()


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _hold_writes(kept: set) -> None:
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
        highest = max(highest, model.history.model.objects.aggregate(top=Max("id"))["top"] or 0)
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


def _advance_sequences(kept: set) -> None:
    """PostgreSQL: move each sequence past the ids written here (never back)."""
    for model in kept:
        sequence = _sequence(model)
        if sequence is None:
            continue
        highest = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value FROM {sequence}")
            cursor.execute("SELECT setval(%s, %s)", [sequence, max(highest, cursor.fetchone()[0])])
