"""The history as a spreadsheet: one row per changed field, for auditors to sort and filter.

Every value is written as text, exactly as the history page shows it: a text that happens
to start with "=" stays text and never becomes a formula (`finsam.lib.xlsx_cells`).
"""

from collections.abc import Callable
from io import BytesIO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from finsam.audit.entries import Change, Entry, entries_of
from finsam.lib.xlsx_cells import append

CHUNK = 500
WIDTHS = [17, 20, 18, 30, 30, 10, 24, 30, 30, 30, 40]


def _headings() -> list[str]:
    return [
        _("Tidpunkt"),
        _("Vem"),
        _("Slag"),
        _("Uppgift"),
        _("Hör till"),
        _("Händelse"),
        _("Fält"),
        _("Före"),
        _("Efter"),
        _("Orsak"),
        _("Import (fil, SHA-256)"),
    ]


def _lines(entry: Entry) -> list[list[str]]:
    when = timezone.localtime(entry.when).strftime("%Y-%m-%d %H:%M:%S")
    batch = f"{entry.batch.filename} ({entry.batch.sha256})" if entry.batch else ""
    head = [when, entry.who, capfirst(entry.kind), entry.subject, entry.context, entry.action]
    changes: list[Change | None] = [*entry.changes] or [None]
    return [
        [*head, *((capfirst(c.field), c.was, c.became) if c else ("", "", "")), entry.reason, batch]
        for c in changes
    ]


def history_workbook(
    rows: QuerySet, title: str, progress: Callable[[int, int], None] | None = None
) -> bytes:
    """Every row of `rows` (from `history_rows`), newest first, as an xlsx file; `progress`
    is told how many rows are written, and how many there are."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Historik")
    append(sheet, [title])
    sheet["A1"].font = Font(bold=True)
    append(sheet, _headings())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    total = rows.count()
    for start in range(0, total, CHUNK):
        for entry in entries_of(list(rows[start : start + CHUNK])):
            for line in _lines(entry):
                append(sheet, line)
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
