"""The export's files written back to MEDIA_ROOT, each checked against its SHA-256 and size.

A stored file is linked only to bytes that came from this archive: every file is unpacked
(next to its target, under a temporary name) and checked before it takes its place, even
when a file with the same name and checksum is already stored; a row may only name a file
the archive holds (`check_linked`). Without this, a crafted archive could name another
association's frozen PDF by its checksum name and the restore would link to it. Unpacking
counts what it writes and stops past the size the manifest declares, so a small archive
cannot fill the disk.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from finsam.backup.archive import BROKEN, Archive, BackupError

CHUNK = 2**20


def restore_files(archive: Archive, written: list[Path]) -> set[str]:
    """Write the files and return their names; `written` lists what was written, to remove
    it if the restore fails. A file already stored with the same content is kept; a
    different one is refused."""
    restored = set()
    for entry in archive.manifest["files"]:
        name, stream = archive.open_file(entry)
        target = Path(settings.MEDIA_ROOT) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        unpacked = target.with_name(target.name + ".restoring")
        written.append(unpacked)
        with stream, unpacked.open("wb") as out:
            digest = _copy(stream, out, name, entry["size"])
        if digest != entry["sha256"]:
            raise BackupError(
                _("files/%(name)s har inte den kontrollsumma manifestet anger.") % {"name": name}
            )
        if target.exists():
            if sha256_of(target) != digest:
                raise BackupError(
                    _("En annan fil finns redan lagrad som %(name)s i MEDIA_ROOT.") % {"name": name}
                )
            unpacked.unlink()  # the same bytes are stored already: they stay as they are
        else:
            unpacked.rename(target)
            written.append(target)
        restored.add(name)
    return restored


def _copy(stream, out, name: str, declared: int) -> str:
    digest, size = hashlib.sha256(), 0
    while chunk := _read(stream, name):
        size += len(chunk)
        if size > declared:
            raise BackupError(
                _(
                    "files/%(name)s packas upp till mer än de %(size)s byte manifestet anger; "
                    "uppackningen avbröts."
                )
                % {"name": name, "size": declared}
            )
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest()


def _read(stream, name: str) -> bytes:
    try:
        return stream.read(CHUNK)
    except BROKEN as error:
        raise BackupError(
            _("files/%(name)s är skadad i zip-filen: %(error)s") % {"name": name, "error": error}
        ) from error


def check_linked(linked: dict[str, str], restored: set[str]) -> None:
    """Every file a row names (name -> where) came from the archive, and every file of the
    archive belongs to a row."""
    for name, where in linked.items():
        if name not in restored:
            raise BackupError(
                _("%(where)s pekar på filen %(name)s, som inte finns i exporten.")
                % {"where": where, "name": name}
            )
    for name in sorted(restored - set(linked)):
        raise BackupError(
            _("Filen files/%(name)s i exporten hör inte till någon rad.") % {"name": name}
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
