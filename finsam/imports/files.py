"""Uploaded files on their way in: spooled to disk, measured and hashed while copied.

Files are never read whole into memory here: a year of vouchers in SIE can be tens of
megabytes, and the readers stream from the file.
"""

import hashlib
import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


@dataclass(frozen=True)
class Spooled:
    path: Path
    size: int
    sha256: str


def spool(source: bytes | BinaryIO, folder: Path) -> Spooled:
    """Copy `source` to a new file in `folder`, returning its size and SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".upload") as target:
        for chunk in _chunks(source):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return Spooled(Path(target.name), size, digest.hexdigest())


def _chunks(source: bytes | BinaryIO):
    if isinstance(source, bytes | bytearray):
        for start in range(0, len(source), CHUNK):
            yield bytes(source[start : start + CHUNK])
        return
    if hasattr(source, "seek"):
        source.seek(0)
    while chunk := source.read(CHUNK):
        yield chunk


def keep(spooled: Spooled, destination: Path) -> None:
    """Move a spooled file to its place; a file with the same checksum is already there."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        spooled.path.unlink()
    else:
        shutil.move(spooled.path, destination)


class _Counted(io.RawIOBase):
    """A file that tells `progress` how far it has been read."""

    def __init__(self, raw: BinaryIO, size: int, progress: Callable[[int, int], None]) -> None:
        self._raw, self._size, self._progress, self._read = raw, size, progress, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:  # the checks read a file's head, then start over
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._read = self._raw.seek(offset, whence)
        return self._read

    def tell(self) -> int:
        return self._read

    def readinto(self, buffer) -> int:
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._read += count or 0  # the position: what is read after a seek counts from there
        self._progress(self._read, self._size)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def counted(raw: BinaryIO, size: int, progress: Callable[[int, int], None]) -> BinaryIO:
    """`raw` (opened unbuffered) read through a buffer, reporting the bytes read so far."""
    return io.BufferedReader(_Counted(raw, size, progress), buffer_size=CHUNK)


def discard(spooled: Spooled) -> None:
    spooled.path.unlink(missing_ok=True)


__all__ = ["Spooled", "counted", "discard", "keep", "spool"]
