"""Restoring an export into an installation where the association does not exist.

All or nothing: one transaction. The file is read twice: first every object id is collected,
so each gets a new id that is free in this installation (in the same order, since lists are
ordered by id where nothing else orders them); then every row is written with its ids and
keys translated (`finsam.backup.ids`). History is restored as it was (who, when, what),
never written anew: rows are bulk-created, which writes no historical rows.

Users and member organisations are shared by associations: they are matched by user name
and by organisation name. A user the installation lacks is created *without a usable
password* (an admin sets one, or the user resets it); a member organisation it lacks is
created as the file describes it.
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from finsam.backup.archive import Archive, BackupError
from finsam.backup.ids import Keys, advance_sequences, hold_writes, match_users
from finsam.backup.media import check_linked, remove, restore_files
from finsam.backup.shared import SHARED
from finsam.backup.tables import HISTORY, HISTORY_LINK, ROW, Table, association_tables, kept_ids
from finsam.backup.values import decoded
from finsam.models import Association
from finsam.owned import tracked_model

BATCH = 1000


@dataclass
class Restored:
    """What a restore wrote."""

    association: Association
    rows: int = 0
    created_users: list[str] = field(default_factory=list)
    created_shared: list[str] = field(default_factory=list)
    files: int = 0


def import_association(path: Path) -> Restored:
    """Restore the export at `path`; a BackupError says why nothing was restored."""
    archive = Archive(path)
    archive.check_migrations()
    _check_slug(archive.slug)
    if Association.objects.filter(slug=archive.slug).exists():
        raise BackupError(
            _(
                "Förbundet ”%(slug)s” finns redan i installationen. En export läses bara in där "
                "förbundet inte finns: ta bort det först, eller läs in i en annan installation."
            )
            % {"slug": archive.slug}
        )
    written: list[Path] = []
    try:
        with transaction.atomic():
            return _restore(archive, written)
    except BaseException as error:
        remove(written)
        raise _explained(error) from error


def _check_slug(slug: str) -> None:
    """The rules of the association form: a valid slug, not one of the application's own
    addresses (`RESERVED_SLUGS`: /konto/, /admin/...)."""
    try:
        Association._meta.get_field("slug").run_validators(slug)
    except ValidationError as error:
        raise BackupError(
            _("Förbundets kortnamn ”%(slug)s” i manifest.json går inte att använda: %(error)s")
            % {"slug": slug, "error": " ".join(error.messages)}
        ) from error


def _explained(error: BaseException) -> BaseException:
    """A file that breaks a rule is a BackupError with the rule, never a traceback."""
    if isinstance(error, DatabaseError):
        return BackupError(_("Filen bryter mot en regel i databasen: %(error)s") % {"error": error})
    if isinstance(error, ValueError | TypeError | KeyError | AttributeError):
        return BackupError(_("Filen kan inte läsas in: %(error)r") % {"error": error})
    return error


def _restore(archive: Archive, written: list[Path]) -> Restored:
    tables = {t.label: t for t in association_tables()}
    kept = kept_ids(list(tables.values()))
    hold_writes(kept)
    keys = Keys(kept)
    users = match_users(keys, archive.manifest["users"])
    shared = [
        str(s.created) % {"name": name}
        for key, s in SHARED.items()
        for name in s.match(keys, archive.manifest[key])
    ]
    keys.allocate(_object_ids(archive, tables, kept))
    writer = _Writer(tables, keys, archive.slug)
    with _stored_timestamps([t.model for t in tables.values() if t.kind == ROW]):
        for number, label, row in archive.rows():
            writer.add(number, label, row)
        writer.flush()
    _check_counts(archive, writer.counts)
    advance_sequences(kept)
    files = restore_files(archive, written)
    check_linked(writer.files, files)
    association = Association.objects.get(slug=archive.slug)
    return Restored(association, sum(writer.counts.values()), users, shared, len(files))


def _object_ids(archive: Archive, tables: dict[str, Table], kept: set) -> dict[type, set]:
    """Every id of a kept model the file names: live rows, and objects only history knows."""
    described = {t.model: tracked_model(t.model) for t in tables.values() if t.kind == HISTORY}
    ids: dict[type, set] = {model: set() for model in kept}
    for number, label, row in archive.rows():
        table = tables.get(label)
        if table is None:
            raise BackupError(
                _("data.jsonl rad %(number)s: okänd tabell ”%(table)s”.")
                % {"number": number, "table": label}
            )
        owner = table.model if table.kind == ROW else described.get(table.model)
        if owner is not None and owner in kept and row.get("id") is not None:
            ids[owner].add(row["id"])
    return ids


class _Writer:
    """Rows translated and written in batches, table by table."""

    def __init__(self, tables: dict[str, Table], keys: Keys, slug: str) -> None:
        self.tables, self.keys, self.slug = tables, keys, slug
        self.files: dict[str, str] = {}  # stored file name -> the row naming it
        self.counts: dict[str, int] = defaultdict(int)
        self.pending: list[tuple[Any, models.Model]] = []
        self.label = ""

    def add(self, number: int, label: str, row: dict) -> None:
        if label != self.label or len(self.pending) >= BATCH:
            self.flush()
            self.label = label
        table = self.tables[label]
        instance = _instance(number, table, row, self.keys)
        if isinstance(instance, Association) and instance.slug != self.slug:
            raise BackupError(
                _("data.jsonl rad %(number)s: förbundet heter ”%(slug)s”, manifestet ”%(ours)s”.")
                % {"number": number, "slug": instance.slug, "ours": self.slug}
            )
        if table.kind == ROW:
            for f in table.model._meta.concrete_fields:
                if isinstance(f, models.FileField) and row.get(f.attname):
                    where = f"data.jsonl rad {number}: {label}.{f.attname}"
                    self.files[str(row[f.attname])] = where
        self.pending.append((row.get("history_id"), instance))
        self.counts[label] += 1

    def flush(self) -> None:
        if not self.pending:
            return
        table = self.tables[self.label]
        created = table.model._default_manager.bulk_create([obj for _, obj in self.pending])
        if table.kind == HISTORY:  # many-to-many snapshots point to these rows
            for (old, _), obj in zip(self.pending, created, strict=True):
                self.keys.maps[table.model][old] = obj.pk
        self.pending = []


def _instance(number: int, table: Table, row: dict, keys: Keys) -> models.Model:
    unknown = sorted(set(row) - set(table.columns))
    if unknown:
        raise BackupError(
            _("data.jsonl rad %(number)s: %(table)s har inget fält %(field)s.")
            % {"number": number, "table": table.label, "field": unknown[0]}
        )
    values = {}
    for f in table.model._meta.concrete_fields:
        if f.attname in row and not _is_new_key(table, f, keys):
            try:
                values[f.attname] = decoded(f, _translated(table, f, row[f.attname], keys, number))
            except ValueError as error:
                raise BackupError(
                    _("data.jsonl rad %(number)s: %(error)s") % {"number": number, "error": error}
                ) from error
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
            _(
                "data.jsonl rad %(number)s: %(column)s pekar på %(target)s %(id)s, "
                "som inte finns i filen."
            )
            % {
                "number": number,
                "column": f"{table.label}.{f.attname}",
                "target": target._meta.label_lower,
                "id": value,
            }
        )
    return found  # history may name what is gone: the row keeps its other facts


def _target(table: Table, f: models.Field) -> type[models.Model] | None:
    """The model whose ids this column holds, or None for a plain value."""
    if table.kind == ROW and f.primary_key:
        return table.model
    if table.kind == HISTORY and f.attname == "id":  # the id of the object the row describes
        return tracked_model(table.model)
    if f.is_relation and isinstance(f.related_model, type):  # "self" is resolved by now
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
                _(
                    "Filen är ofullständig: %(table)s har %(found)s rader, "
                    "manifestet anger %(expected)s."
                )
                % {"table": label, "found": counts.get(label, 0), "expected": expected}
            )
