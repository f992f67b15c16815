"""The export's files written back to MEDIA_ROOT, each checked against its SHA-256."""

import hashlib
import shutil
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from members.backup.archive import Archive, BackupError


def restore_files(archive: Archive, written: list[Path]) -> int:
    """Write the files; `written` lists what was written, to remove it if the restore fails.
    A file already stored with the same content is kept; a different one is refused."""
    for entry in archive.manifest["files"]:
        name, stream = archive.open_file(entry)
        target = Path(settings.MEDIA_ROOT) / name
        if target.exists():
            if sha256_of(target) != entry["sha256"]:
                raise BackupError(
                    _("En annan fil finns redan lagrad som %(name)s i MEDIA_ROOT.") % {"name": name}
                )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with stream, target.open("wb") as out:
            written.append(target)
            shutil.copyfileobj(stream, out, 2**20)
        if sha256_of(target) != entry["sha256"]:
            raise BackupError(
                _("files/%(name)s har inte den kontrollsumma manifestet anger.") % {"name": name}
            )
    return len(archive.manifest["files"])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(2**20):
            digest.update(chunk)
    return digest.hexdigest()


def remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
