"""Reading an export file: its manifest, its rows line by line, its files; every problem is a
`BackupError` that says what is wrong and where, never a traceback."""

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.db.migrations.recorder import MigrationRecorder

from members.backup.writer import FORMAT, VERSION


class BackupError(Exception):
    """The export file cannot be restored; the message says why."""


class Archive:
    """An export file opened for reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError as error:
            raise BackupError(f"Filen {path} finns inte.") from error
        except (zipfile.BadZipFile, OSError) as error:
            raise BackupError(
                f"{path.name} är ingen zip-fil; väntade en fil från export_association."
            ) from error
        self.manifest = self._manifest()

    def _manifest(self) -> dict:
        try:
            manifest = json.loads(self.zip.read("manifest.json"))
        except KeyError as error:
            raise BackupError(f"{self.path.name} saknar manifest.json.") from error
        except (ValueError, zipfile.BadZipFile) as error:
            raise BackupError(
                f"manifest.json i {self.path.name} går inte att läsa: {error}"
            ) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{self.path.name} är ingen export av ett förbund ({FORMAT}).")
        if manifest.get("version") != VERSION:
            raise BackupError(
                f"Filen har formatversion {manifest.get('version')}; "
                f"den här installationen läser version {VERSION}."
            )
        for key in ("association", "tables", "users", "members", "files", "migrations"):
            if key not in manifest:
                raise BackupError(f"manifest.json saknar ”{key}”.")
        return manifest

    @property
    def slug(self) -> str:
        slug = self.manifest["association"].get("slug")
        if not isinstance(slug, str) or not slug:
            raise BackupError("manifest.json anger inget förbund (association.slug).")
        return slug

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
                "Filen kommer från en nyare version av finsam; den här installationen saknar "
                f"migreringarna {', '.join(missing[:5])}. Uppdatera och kör migrate först."
            )

    def rows(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(line number, table, row) for every line of data.jsonl."""
        try:
            raw = self.zip.open("data.jsonl")
        except KeyError as error:
            raise BackupError(f"{self.path.name} saknar data.jsonl.") from error
        with io.TextIOWrapper(raw, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                yield number, *_parsed(number, line)

    def open_file(self, entry: dict) -> tuple[str, IO[bytes]]:
        """A stored file's name (checked to stay inside MEDIA_ROOT) and its content."""
        name = safe_name(entry.get("name"))
        try:
            return name, self.zip.open(f"files/{name}")
        except KeyError as error:
            raise BackupError(f"Filen files/{name} saknas i exporten.") from error


def _parsed(number: int, line: str) -> tuple[str, dict[str, Any]]:
    try:
        data = json.loads(line)
        table, row = data["table"], data["row"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"data.jsonl rad {number}: ingen giltig rad ({error}).") from error
    if not isinstance(table, str) or not isinstance(row, dict):
        raise BackupError(f"data.jsonl rad {number}: ingen giltig rad.")
    return table, row


def safe_name(name: Any) -> str:
    """A stored file's name, refused if it would land outside MEDIA_ROOT."""
    path = PurePosixPath(str(name or ""))
    if not name or path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Otillåtet filnamn i manifestet: {name!r}.")
    return str(path)
