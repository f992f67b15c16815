"""Writing cells of the workbooks the application exports, so that a text stays text.

openpyxl takes any string starting with "=" for a formula, and Excel turns a text cell
starting with "=", "+", "-", "@", a tab or a carriage return into one as soon as someone edits
it. A budget line named `=HYPERLINK("http://...")` would then become a live link in the
treasurer's workbook. So every xlsx writer puts values through `put` / `append`: a str is
always stored as a text cell, marked with Excel's quote prefix when it starts with one of
those characters (shown as typed, kept as text on edit), and the few control characters XML
cannot hold (which make openpyxl raise) are dropped. The application's own formulas are
written with `formula`, the only way into a formula cell.
"""

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING, Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

from finsam.lib.text import gettext as _

# What a spreadsheet program reads as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 allows tab, line feed and carriage return, but no other control character.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text(value: str) -> str:
    """The text as a cell can hold it: without the control characters XML refuses."""
    return CONTROL.sub("", value)


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write `value` to the cell; a str is stored as text, never as a formula."""
    cell = sheet.cell(row=row, column=column)
    set_value(cell, value)
    return cell


def append(sheet: Worksheet, values: Iterable[Any]) -> list[Cell]:
    """Write `values` to a new row under the last one, as `put` does."""
    row = sheet._current_row + 1  # the row Worksheet.append would write
    return [put(sheet, row, column, value) for column, value in enumerate(values, start=1)]


def write_only_row(sheet: Any, values: Iterable[Any], font: Any = None) -> None:
    """Append a row to a write-only sheet (openpyxl's streaming mode), as `put` writes."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        set_value(cell, value)
        if font is not None:
            cell.font = font
        cells.append(cell)
    sheet.append(cells)


def set_value(cell: Cell, value: Any) -> None:
    if isinstance(value, str):
        value = text(value)
        cell.value = value
        cell.data_type = TYPE_STRING
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value


def formula(sheet: Worksheet, ref: str, expression: str) -> Cell:
    """One of the application's own formulas (`expression` starts with "=")."""
    if not expression.startswith("="):
        raise ValueError(_("ingen formel: %(expression)r") % {"expression": expression})
    cell = sheet[ref]
    cell.value = expression
    cell.data_type = TYPE_FORMULA
    return cell


__all__ = ["FORMULA_STARTS", "append", "formula", "put", "set_value", "text"]
