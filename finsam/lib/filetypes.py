"""What an uploaded file is, judged by its content and not only by its name.

Each check reads what it needs from the start of the stream (an xlsx: its zip directory) and
raises `FileTypeError` with a message naming the file, so a mislabelled or hostile file is
refused before a reader spends memory on it:

- xlsx: a zip archive holding a workbook (`[Content_Types].xml`, `xl/workbook.xml`), whose
  parts do not unpack to more than `max_unpacked` bytes (a "zip bomb" of a few kilobytes
  could otherwise unpack to gigabytes inside openpyxl);
- csv: text (no NUL bytes) in UTF-8 or Windows-1252;
- SIE: text whose first line is a record (`#FLAGGA ...`); the SIE reader itself reports a
  wrong encoding, with advice;
- an image (a logo): PNG or JPEG by its signature, decoded by Pillow to the end, no larger
  than `max_pixels` (a small file can declare a huge canvas: a "decompression bomb").
- a PDF (an auditors' report received): the `%PDF-` signature, and pypdf reads its pages
  (a renamed Word file or a truncated download fails here).
A few common mistakes get their own message: an old Excel file (.xls), a password-protected
workbook (which is not a zip but an OLE container too), an xlsx sent as csv or SIE.
"""

import zipfile
from typing import BinaryIO

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from finsam.lib.text import gettext as _

HEAD = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected Office file
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
IMAGE_SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG"}


class FileTypeError(ValueError):
    """The file is not of the kind it must be; the message names the file and says why."""


def check_xlsx(stream: BinaryIO, name: str, *, max_unpacked: int) -> None:
    head = _head(stream)
    if head.startswith(OLE_MAGIC):
        raise FileTypeError(
            _(
                "%(name)s är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. "
                "Spara den som Excel-arbetsbok (.xlsx) utan lösenord."
            )
            % {"name": name}
        )
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(stream):
        raise FileTypeError(
            _("%(name)s är ingen Excel-arbetsbok (.xlsx), fast namnet slutar så.") % {"name": name}
        )
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        parts = archive.infolist()
    names = {part.filename for part in parts}
    if not all(part in names for part in WORKBOOK_PARTS):
        raise FileTypeError(
            _("%(name)s är en zip-fil men ingen Excel-arbetsbok (.xlsx).") % {"name": name}
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > max_unpacked:
        raise FileTypeError(
            _(
                "%(name)s packas upp till %(size)s MB; en arbetsbok får vara högst "
                "%(limit)s MB uppackad."
            )
            % {"name": name, "size": _mb(unpacked), "limit": max_unpacked // 2**20}
        )
    stream.seek(0)


def check_csv(stream: BinaryIO, name: str) -> None:
    head = _not_office(_head(stream), name, _("en CSV-fil"))
    if b"\x00" in head:
        raise FileTypeError(
            _("%(name)s är ingen textfil (CSV). Spara den som CSV (semikolonavgränsad).")
            % {"name": name}
        )
    text = head.removeprefix(UTF8_BOM)
    if not (_decodes(text, "utf-8") or _decodes(text, "cp1252")):
        raise FileTypeError(
            _(
                "%(name)s går inte att läsa som text i UTF-8 eller Windows-1252. "
                "Spara den som CSV (semikolonavgränsad) eller CSV UTF-8."
            )
            % {"name": name}
        )
    stream.seek(0)


def check_sie(stream: BinaryIO, name: str) -> None:
    head = _not_office(_head(stream), name, _("en SIE-fil"))
    if head.startswith(UTF16_BOMS):
        stream.seek(0)
        return  # the SIE reader names the encoding and says how to export again
    if b"\x00" in head:
        raise FileTypeError(
            _("%(name)s är ingen textfil och alltså ingen SIE-fil.") % {"name": name}
        )
    first = next((line for line in head.removeprefix(UTF8_BOM).splitlines() if line.strip()), b"")
    if not first.lstrip().startswith(b"#"):
        raise FileTypeError(
            _(
                "%(name)s är ingen SIE-fil: en SIE-fil börjar med en rad som #FLAGGA 0. "
                "Exportera bokföringen som SIE (typ 1–4) ur ekonomisystemet."
            )
            % {"name": name}
        )
    stream.seek(0)


def check_image(stream: BinaryIO, name: str, *, max_pixels: int) -> str:
    """The image's kind ("png" or "jpeg") when the bytes really are one, else FileTypeError."""
    head = _head(stream)
    kind = next((k for k, magic in IMAGE_SIGNATURES.items() if head.startswith(magic)), None)
    if kind is None:
        raise FileTypeError(
            _("%(name)s är ingen PNG- eller JPEG-bild. Spara logotypen som PNG.") % {"name": name}
        )
    try:
        with Image.open(stream, formats=[IMAGE_FORMATS[kind]]) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise FileTypeError(
                    _(
                        "%(name)s är %(width)s × %(height)s bildpunkter; en logotyp får vara "
                        "högst %(millions)s miljoner bildpunkter."
                    )
                    % {
                        "name": name,
                        "width": width,
                        "height": height,
                        "millions": max_pixels // 10**6,
                    }
                )
            image.load()  # decodes every byte: a truncated or forged file fails here
    except FileTypeError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise FileTypeError(_("%(name)s går inte att läsa som bild.") % {"name": name}) from error
    finally:
        stream.seek(0)
    return kind


def check_pdf(stream: BinaryIO, name: str) -> int:
    """The number of pages when the bytes really are a readable PDF, else FileTypeError."""
    if not _head(stream).startswith(b"%PDF-"):
        raise FileTypeError(
            _("%(name)s är ingen PDF-fil. Spara dokumentet som PDF.") % {"name": name}
        )
    try:
        pages = len(PdfReader(stream).pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise FileTypeError(_("%(name)s går inte att läsa som PDF.") % {"name": name}) from error
    finally:
        stream.seek(0)
    if not pages:
        raise FileTypeError(_("%(name)s har inga sidor.") % {"name": name})
    return pages


def _head(stream: BinaryIO) -> bytes:
    stream.seek(0)
    head = stream.read(HEAD)
    stream.seek(0)
    return head


def _not_office(head: bytes, name: str, wanted: str) -> bytes:
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise FileTypeError(
            _(
                "%(name)s är en Excel- eller zip-fil, inte %(wanted)s. Välj rätt sorts fil, "
                "eller ladda upp arbetsboken med ändelsen .xlsx."
            )
            % {"name": name, "wanted": wanted}
        )
    return head


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        head.decode(encoding)
    except UnicodeDecodeError as error:
        # The head may end inside a multi-byte letter; only an error before the end counts.
        return encoding == "utf-8" and error.start >= len(head) - 3
    return True


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


__all__ = ["FileTypeError", "check_csv", "check_image", "check_pdf", "check_sie", "check_xlsx"]
