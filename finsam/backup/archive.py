"""Reading an export file: its manifest, its rows line by line, its files. Every problem is
a `BackupError` saying what is wrong and where, never a traceback."""

import io
import json
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from finsam.backup.shared import SHARED
from finsam.backup.writer import FORMAT, VERSION

# What each list of the manifest holds: the keys every entry must have, and their kinds.
ENTRY_KEYS = {
    "users": ("id", "username", "first_name", "last_name", "email", "is_active"),
    "files": ("name", "sha256", "size"),
}
ENTRY_KINDS: dict[str, type] = {
    **{key: str for keys in ENTRY_KEYS.values() for key in keys},
    "id": int,
    "size": int,
    "is_active": bool,
}
# Tables whose models moved from members to the platform (finsam) with their data: an export
# made before the move names them by the old app, and is read as if made after it.
MOVED_TABLES = {
    f"members.{name}": f"finsam.{name}"
    for model in ("association", "userrole", "importbatch", "invitation")
    for name in (model, f"historical{model}")
}
# What zipfile raises for a damaged or unreadable entry (bad CRC or deflate stream, cut short,
# an unknown compression method, encryption).
BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
MAX_MANIFEST = 64 * 2**20  # users, members and file names: a few hundred kilobytes in practice
MAX_LINE = 64 * 2**20  # one row of data.jsonl; the largest, a report's figures, is far less


class BackupError(Exception):
    """The export file cannot be restored; the message says why."""


class Archive:
    """An export file opened for reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError as error:
            raise BackupError(_("Filen %(path)s finns inte.") % {"path": path}) from error
        except (zipfile.BadZipFile, OSError) as error:
            raise BackupError(
                _("%(name)s är ingen zip-fil; väntade en fil från export_association.")
                % {"name": path.name}
            ) from error
        self.manifest = self._manifest()

    def _manifest(self) -> dict:
        try:
            if self.zip.getinfo("manifest.json").file_size > MAX_MANIFEST:
                raise BackupError(
                    _("manifest.json är större än %(size)s MB; ingen export skriver så stora.")
                    % {"size": MAX_MANIFEST // 2**20}
                )
            manifest = json.loads(self.zip.read("manifest.json"))
        except KeyError as error:
            raise BackupError(
                _("%(name)s saknar manifest.json.") % {"name": self.path.name}
            ) from error
        except (ValueError, *BROKEN) as error:
            raise BackupError(
                _("manifest.json går inte att läsa: %(error)s") % {"error": error}
            ) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(
                _("%(name)s är ingen export av ett förbund (%(format)s).")
                % {"name": self.path.name, "format": FORMAT}
            )
        if manifest.get("version") != VERSION:
            raise BackupError(
                _(
                    "Filen har formatversion %(found)s; "
                    "den här installationen läser version %(ours)s."
                )
                % {"found": manifest.get("version"), "ours": VERSION}
            )
        _check_shape(manifest)
        manifest["tables"] = {MOVED_TABLES.get(k, k): n for k, n in manifest["tables"].items()}
        return manifest

    @property
    def slug(self) -> str:
        return self.manifest["association"]["slug"]

    def check_migrations(self) -> None:
        """Refuse data from a newer version of the application than this installation."""
        applied = set(MigrationRecorder.Migration.objects.values_list("app", "name"))
        missing = [
            f"{app}.{name}"
            for app, names in self.manifest["migrations"].items()
            for name in names
            if (app, name) not in applied
        ]
        if missing:
            raise BackupError(
                _(
                    "Filen kommer från en nyare version av finsam; den här installationen saknar "
                    "migreringarna %(names)s. Uppdatera och kör migrate först."
                )
                % {"names": ", ".join(missing[:5])}
            )

    def rows(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(line number, table, row) for every line of data.jsonl."""
        try:
            raw = self.zip.open("data.jsonl")
        except KeyError as error:
            raise BackupError(
                _("%(name)s saknar data.jsonl.") % {"name": self.path.name}
            ) from error
        except BROKEN as error:
            raise BackupError(
                _("data.jsonl går inte att läsa: %(error)s") % {"error": error}
            ) from error
        with io.TextIOWrapper(raw, encoding="utf-8") as lines:
            yield from _numbered(lines)

    def open_file(self, entry: dict) -> tuple[str, IO[bytes]]:
        """A stored file's name (checked to stay inside MEDIA_ROOT) and its content."""
        name = safe_name(entry["name"])
        try:
            return name, self.zip.open(f"files/{name}")
        except KeyError as error:
            raise BackupError(
                _("Filen files/%(name)s saknas i exporten.") % {"name": name}
            ) from error
        except BROKEN as error:
            raise BackupError(
                _("files/%(name)s går inte att läsa: %(error)s") % {"name": name, "error": error}
            ) from error


def _numbered(lines: IO[str]) -> Iterator[tuple[int, str, dict[str, Any]]]:
    number = 0
    try:
        while line := lines.readline(MAX_LINE + 1):
            number += 1
            if len(line) > MAX_LINE:
                raise BackupError(
                    _("data.jsonl rad %(number)s är längre än %(size)s MB.")
                    % {"number": number, "size": MAX_LINE // 2**20}
                )
            yield number, *_parsed(number, line)
    except UnicodeDecodeError as error:  # its message would quote the whole chunk read
        raise BackupError(
            _("data.jsonl är skadad eller ingen UTF-8-text (rad %(number)s).")
            % {"number": number + 1}
        ) from error
    except BROKEN as error:
        raise BackupError(
            _("data.jsonl är skadad i zip-filen (efter rad %(number)s): %(error)s")
            % {"number": number, "error": error}
        ) from error


def _entry_keys() -> dict[str, tuple[str, ...]]:
    """ENTRY_KEYS and the lists of rows the apps share (`finsam.backup.shared`)."""
    return {**ENTRY_KEYS, **{key: shared.fields for key, shared in SHARED.items()}}


def _check_shape(manifest: dict) -> None:
    """Every part of the manifest the restore reads is there and of the right kind."""
    association = manifest.get("association")
    if not isinstance(association, dict) or not isinstance(association.get("slug"), str):
        raise BackupError(_("manifest.json anger inget förbund (association.slug)."))
    for key, kind in (("tables", dict), ("migrations", dict), *((k, list) for k in _entry_keys())):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(_("manifest.json saknar ”%(key)s”.") % {"key": key})
    for key, needed in _entry_keys().items():
        for index, entry in enumerate(manifest[key]):
            if not isinstance(entry, dict) or any(name not in entry for name in needed):
                raise BackupError(
                    _("manifest.json: %(key)s[%(index)s] saknar något av %(needed)s.")
                    % {"key": key, "index": index, "needed": ", ".join(needed)}
                )
            wrong = next((name for name in needed if not _is(entry[name], name)), None)
            if wrong is not None:
                raise BackupError(
                    _("manifest.json: %(key)s[%(index)s].%(name)s har fel slag: %(value)r.")
                    % {"key": key, "index": index, "name": wrong, "value": entry[wrong]}
                )
    _check_counts_and_migrations(manifest)


def _is(value: Any, name: str) -> bool:
    kind = ENTRY_KINDS.get(name, str)
    if kind is int:  # a bool is an int to Python, never to the manifest
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, kind)


def _check_counts_and_migrations(manifest: dict) -> None:
    for label, count in manifest["tables"].items():
        if not _is(count, "size"):
            raise BackupError(
                _("manifest.json: tables.%(label)s är inget antal rader: %(value)r.")
                % {"label": label, "value": count}
            )
    for app, names in manifest["migrations"].items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise BackupError(
                _("manifest.json: migrations.%(app)s är ingen lista av migreringar.") % {"app": app}
            )


def _parsed(number: int, line: str) -> tuple[str, dict[str, Any]]:
    try:
        data = json.loads(line)
        table, row = data["table"], data["row"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(
            _("data.jsonl rad %(number)s: ingen giltig rad (%(error)s).")
            % {"number": number, "error": error}
        ) from error
    if not isinstance(table, str) or not isinstance(row, dict):
        raise BackupError(_("data.jsonl rad %(number)s: ingen giltig rad.") % {"number": number})
    return MOVED_TABLES.get(table, table), row


def safe_name(name: Any) -> str:
    """A stored file's name, refused if it would land outside MEDIA_ROOT."""
    path = PurePosixPath(str(name or ""))
    if not name or path.is_absolute() or ".." in path.parts:
        raise BackupError(_("Otillåtet filnamn i manifestet: %(name)r.") % {"name": name})
    return str(path)
