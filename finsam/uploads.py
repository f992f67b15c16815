"""Limits on uploaded files: a size per kind of file (settings) and a type judged by content.

Every upload view and import asks `refusal(...)` before a reader sees the file; a refused file
is not kept and changes nothing. The limits come from the environment (README):
FINSAM_MAX_UPLOAD_MB for spreadsheets, FINSAM_MAX_SIE_UPLOAD_MB for SIE files (a year of
vouchers can be tens of megabytes), FINSAM_MAX_UNPACKED_MB for what an xlsx unpacks to.
A logo is small by nature: its limits are fixed here (LOGO_MAX_BYTES, LOGO_MAX_PIXELS).
"""

from collections.abc import Callable
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from finsam.lib.filetypes import (
    FileTypeError,
    check_csv,
    check_image,
    check_pdf,
    check_sie,
    check_xlsx,
)

Check = Callable[[BinaryIO, str], None]
TABLE_SUFFIXES = (".xlsx", ".csv", ".txt")
LOGO_MAX_BYTES = 2 * 2**20
LOGO_MAX_PIXELS = 16 * 10**6
LOGO_SUFFIXES = {"png": ".png", "jpeg": ".jpg"}


def shown_name(name: str) -> str:
    """The file's own name (no folders), cut short for a message."""
    base = PurePath(name.replace("\\", "/")).name or name
    return base if len(base) <= 80 else base[:77] + "…"


def limit_mb(*, sie: bool = False) -> int:
    return settings.FINSAM_MAX_SIE_UPLOAD_MB if sie else settings.FINSAM_MAX_UPLOAD_MB


def refusal(
    stream: BinaryIO, name: str, size: int, *, check: Check, sie: bool = False
) -> str | None:
    """Why the file is refused (a message naming it and the limit), or None."""
    shown = shown_name(name)
    if not size:
        return _("Filen %(name)s är tom.") % {"name": shown}
    limit = limit_mb(sie=sie)
    if size > limit * 2**20:
        if sie:
            message = _("%(name)s är %(size)s MB; SIE-filer får vara högst %(limit)s MB.")
        else:
            message = _("%(name)s är %(size)s MB; filer får vara högst %(limit)s MB.")
        return message % {"name": shown, "size": _mb(size), "limit": limit}
    try:
        check(stream, name)
    except FileTypeError as error:
        return str(error)
    return None


def check_workbook(stream: BinaryIO, name: str) -> None:
    shown = shown_name(name)
    if not name.lower().endswith(".xlsx"):
        raise FileTypeError(_("%(name)s: ladda upp en Excel-arbetsbok (.xlsx).") % {"name": shown})
    check_xlsx(stream, shown, max_unpacked=settings.FINSAM_MAX_UNPACKED_MB * 2**20)


def check_table(stream: BinaryIO, name: str) -> None:
    """A spreadsheet: an xlsx workbook or a csv text file, by name and then by content."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        check_workbook(stream, name)
    elif lowered.endswith(TABLE_SUFFIXES):
        check_csv(stream, shown_name(name))
    else:
        raise FileTypeError(
            _("%(name)s: filtypen stöds inte. Ladda upp en .xlsx- eller .csv-fil.")
            % {"name": shown_name(name)}
        )


def check_pdf_document(stream: BinaryIO, name: str) -> None:
    """A PDF document (an auditors' report): by its name's ending, then by its content."""
    if not name.lower().endswith(".pdf"):
        raise FileTypeError(
            _("%(name)s: ladda upp en PDF-fil (.pdf).") % {"name": shown_name(name)}
        )
    check_pdf(stream, shown_name(name))


def check_sie_file(stream: BinaryIO, name: str) -> None:
    check_sie(stream, shown_name(name))


def logo_refusal(stream: BinaryIO, name: str, size: int) -> str | None:
    """Why an uploaded logo is refused (empty, too large, not a PNG or JPEG image), or None."""
    shown = shown_name(name)
    if not size:
        return _("Filen %(name)s är tom.") % {"name": shown}
    if size > LOGO_MAX_BYTES:
        return _("%(name)s är %(size)s MB; en logotyp får vara högst %(limit)s MB.") % {
            "name": shown,
            "size": _mb(size),
            "limit": LOGO_MAX_BYTES // 2**20,
        }
    try:
        check_image(stream, shown, max_pixels=LOGO_MAX_PIXELS)
    except FileTypeError as error:
        return str(error)
    return None


def logo_suffix(stream: BinaryIO, name: str) -> str:
    """The file ending a checked logo is stored under, from its content, never its name."""
    return LOGO_SUFFIXES[check_image(stream, shown_name(name), max_pixels=LOGO_MAX_PIXELS)]


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")
