"""The history as a spreadsheet: one row per changed field, for auditors to sort and filter.

Every value is written as text, exactly as the history page shows it: a text that happens
to start with "=" stays text and never becomes a formula (`finsam.lib.xlsx_cells`).
"""

from collections.abc import Callable
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from finsam.audit.entries import Change, Entry, entries_of
from finsam.lib.progress import in_step, steps_done
from finsam.lib.xlsx_cells import write_only_row

CHUNK = 2000
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
    rows: QuerySet,
    title: str,
    out: IO[bytes],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Every row of `rows` (from `history_rows`), newest first, as an xlsx file into `out`;
    `progress` is told how many rows are written, and how many there are.

    A million history rows must not be held in memory, nor read by ever larger offsets:
    the rows are read once, through a server-side cursor where the database has one, and
    written by openpyxl's write-only mode, which keeps only the row being written.
    """
    total = rows.count() if progress is not None else 0
    # Two steps: the rows written, then the workbook saved (zipped), which takes its time too.
    written = in_step(progress, 0, 2)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Historik"))
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    bold = Font(bold=True)
    write_only_row(sheet, [title], bold)
    write_only_row(sheet, _headings(), bold)
    chunk: list[dict] = []
    done = 0
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            _write(sheet, chunk)
            done += len(chunk)
            chunk = []
            if written is not None:
                written(done, total)
    _write(sheet, chunk)
    if written is not None:
        written(done + len(chunk), total)
    book.save(out)
    steps_done(progress, 2, 2)


def _write(sheet: Any, rows: list[dict]) -> None:
    for entry in entries_of(rows):
        for line in _lines(entry):
            write_only_row(sheet, line)
