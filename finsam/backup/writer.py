"""Writing one association's complete data, with its history and files, to a zip file.

The format is described in `docs/backup.md`: `manifest.json` (format, version, the
association, the migrations the data fits, row counts, the users and member organisations
the rows name, the files with their SHA-256), `data.jsonl` (one row per line, every table
in order) and `files/<stored name>` (each file the rows refer to, as kept in MEDIA_ROOT).
"""

import hashlib
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from finsam.backup.shared import SHARED, shared_model
from finsam.backup.tables import HISTORY, Table, association_tables
from finsam.backup.values import dumps
from finsam.lib.progress import Progress, steps_done
from finsam.models import Association

FORMAT = "finsam-association"
VERSION = 1


@dataclass
class Exported:
    """What an export wrote: rows per table, files kept, files that were missing."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)


@dataclass
class _Seen:
    users: set[int] = field(default_factory=set)
    shared: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    files: set[str] = field(default_factory=set)

    def ids(self, bucket: str) -> set[int]:
        return self.users if bucket == "users" else self.shared[bucket]


def export_association(
    association: Association, target: Path | BinaryIO, progress: Progress | None = None
) -> Exported:
    """Write `association` to `target` (a path or a binary stream); `progress` is told of its
    steps: each table written, then the kept files."""
    exported, seen = Exported(), _Seen()
    tables = list(association_tables())
    steps = len(tables) + 1
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("data.jsonl", "w", force_zip64=True) as out:
            for done, table in enumerate(tables, start=1):
                exported.rows[table.label] = _write_rows(table, association, out, seen)
                steps_done(progress, done, steps)
        for name in sorted(seen.files):
            _add_file(archive, name, exported)
        archive.writestr("manifest.json", dumps(_manifest(association, exported, seen)))
    steps_done(progress, steps, steps)
    return exported


def _write_rows(table: Table, association: Association, out: IO[bytes], seen: _Seen) -> int:
    count = 0
    relations = _shared_relations(table.model)
    files = [
        f.attname for f in table.model._meta.concrete_fields if isinstance(f, models.FileField)
    ]
    for row in table.rows(association).values(*table.columns).iterator(chunk_size=2000):
        for name, bucket in relations:
            if row[name] is not None:
                seen.ids(bucket).add(row[name])
        if table.kind == HISTORY and row["history_user_id"] is not None:
            seen.users.add(row["history_user_id"])
        seen.files.update(row[name] for name in files if row[name])
        out.write((dumps({"table": table.label, "row": row}) + "\n").encode())
        count += 1
    return count


def _shared_relations(model: type[models.Model]) -> list[tuple[str, str]]:
    """(column, "users" or the shared model's key) for each key pointing to rows associations
    share."""
    user_model = get_user_model()
    found = []
    for f in model._meta.concrete_fields:
        if not f.is_relation or not isinstance(f.related_model, type):
            continue
        shared = shared_model(f.related_model)
        if f.related_model is user_model:
            found.append((f.attname, "users"))
        elif shared is not None:
            found.append((f.attname, shared.key))
    return found


def _add_file(archive: zipfile.ZipFile, name: str, exported: Exported) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    if not path.is_file():
        exported.missing_files.append(name)
        return
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source, archive.open(f"files/{name}", "w", force_zip64=True) as out:
        while chunk := source.read(2**20):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    exported.files.append({"name": name, "sha256": digest.hexdigest(), "size": size})


def _manifest(association: Association, exported: Exported, seen: _Seen) -> dict:
    users = get_user_model().objects.filter(pk__in=seen.users).order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
        "association": {"id": association.pk, "slug": association.slug, "name": association.name},
        "migrations": _migrations(),
        "tables": exported.rows,
        "users": list(
            users.values("id", "username", "first_name", "last_name", "email", "is_active")
        ),
        **{
            key: list(
                shared.model._default_manager.filter(pk__in=seen.shared[key])
                .order_by("pk")
                .values(*shared.fields)
            )
            for key, shared in SHARED.items()
        },
        "files": exported.files,
        "missing_files": exported.missing_files,
    }


def _migrations() -> dict[str, list[str]]:
    apps = {table.model._meta.app_label for table in association_tables()}
    applied = MigrationRecorder.Migration.objects.filter(app__in=apps).order_by("app", "name")
    found: dict[str, list[str]] = {}
    for app, name in applied.values_list("app", "name"):
        found.setdefault(app, []).append(name)
    return found
