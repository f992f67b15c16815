"""Reading rows from the spreadsheets people upload: xlsx (openpyxl) and csv.

Every cell comes back as text with its place (sheet, row number, column letter), so that an
error message can say exactly where it is. What spreadsheets add on top of a plain table is
handled here, once:

- csv: the encoding (UTF-8 with or without BOM, else Windows-1252 as Swedish Excel writes) and
  the delimiter (";" from Swedish Excel, "," or tab) are detected;
- xlsx: the first visible sheet with anything on it is read (an empty cover sheet is passed
  over); formulas are read as their last computed value; a formula that was never computed (a
  file written by a program, not opened in Excel) is refused, as are merged cells in the data
  and a workbook whose data is on a hidden sheet only. Hidden rows and columns are read, as
  Excel's own CSV export does.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from finsam.lib.text import gettext as _
from finsam.lib.xlsx_limits import WorkbookLimitError, check_workbook

MAX_ROWS = 100_000


class TableError(ValueError):
    """The file cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it stands, for messages such as "Blad1, rad 4, kolumn B"."""

    text: str
    sheet: str
    row: int
    column: str

    @property
    def place(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.sheet:
            return _("blad %(sheet)s, rad %(row)s, kolumn %(column)s") % where
        return _("rad %(row)s, kolumn %(column)s") % where


Row = list[Cell]


def read_table(content: bytes, filename: str) -> list[Row]:
    """All non-empty rows of the first visible sheet with data (xlsx) or of the file (csv)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return list(_xlsx_rows(content))
    if name.endswith((".csv", ".txt")):
        return list(_csv_rows(content))
    raise TableError(
        _("%(filename)s: filtypen stöds inte. Ladda upp en .xlsx- eller .csv-fil.")
        % {"filename": filename}
    )


def _csv_rows(content: bytes) -> Iterator[Row]:
    text = _decode(content)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=";,\t"
        )
    except csv.Error:
        dialect = _SwedishExcel
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if number > MAX_ROWS:
                raise TableError(_("Filen har fler än %(rows)s rader.") % {"rows": MAX_ROWS})
            if any(value.strip() for value in values):
                yield [
                    Cell(value.strip(), "", number, get_column_letter(index))
                    for index, value in enumerate(values, start=1)
                ]
    except csv.Error as error:  # e.g. a field longer than the csv module allows
        raise TableError(
            _("Filen kunde inte läsas som CSV (%(error)s).") % {"error": error}
        ) from error


class _SwedishExcel(csv.excel):
    """What Swedish Excel writes when the sniffer cannot tell: semicolons between fields."""

    delimiter = ";"


def _decode(content: bytes) -> str:
    if b"\x00" in content[:1024]:
        raise TableError(_("Filen är ingen textfil (csv). Spara den som CSV (semikolonavgränsad)."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError(
            _(
                "Filen går inte att läsa som text (tecknet på plats %(position)s); "
                "spara den som CSV UTF-8 eller CSV (semikolonavgränsad)."
            )
            % {"position": error.start + 1}
        ) from error


def _xlsx_rows(content: bytes) -> Iterator[Row]:
    try:
        check_workbook(content)  # before openpyxl spends memory and time on it
    except WorkbookLimitError as error:
        raise TableError(str(error)) from error
    workbook = _open_workbook(content, data_only=False)
    sheet = _data_sheet(workbook)
    # The computed values are a second reading of the whole file: only worth it for formulas.
    has_formulas = any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    values = _open_workbook(content, data_only=True)[sheet.title] if has_formulas else sheet
    merged = [str(cells) for cells in sheet.merged_cells.ranges]
    if merged:
        raise TableError(
            _(
                "Bladet %(sheet)s har sammanfogade celler (%(cells)s); "
                "dela upp dem så att varje värde står i en egen cell."
            )
            % {"sheet": sheet.title, "cells": ", ".join(merged[:3])}
        )
    for formulas, computed in zip(sheet.iter_rows(), values.iter_rows(), strict=True):
        row = [_xlsx_cell(sheet.title, f, c) for f, c in zip(formulas, computed, strict=True)]
        if any(cell.text for cell in row):
            yield row


def _open_workbook(content: bytes, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(content), data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError(_("Filen kunde inte läsas som en Excel-fil (.xlsx).")) from error


def _data_sheet(workbook):
    """The first visible sheet with anything on it (an empty cover sheet is passed over)."""
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    found = next((ws for ws in visible if _has_values(ws)), None)
    if found is not None:
        return found
    hidden = [ws.title for ws in workbook.worksheets if ws not in visible and _has_values(ws)]
    if hidden:
        raise TableError(
            _(
                "Uppgifterna står bara på dolda blad (%(sheets)s). Visa bladet i Excel "
                "eller flytta uppgifterna till ett synligt blad."
            )
            % {"sheets": ", ".join(hidden)}
        )
    if not visible:
        raise TableError(_("Arbetsboken har inget synligt blad."))
    return visible[0]


def _has_values(sheet) -> bool:
    rows = sheet.iter_rows(values_only=True)
    return any(value not in (None, "") for row in rows for value in row)


def _xlsx_cell(sheet: str, formula_cell, value_cell) -> Cell:
    place = Cell("", sheet, formula_cell.row, formula_cell.column_letter)
    is_formula = isinstance(formula_cell.value, str) and formula_cell.value.startswith("=")
    if is_formula and value_cell.value is None:
        raise TableError(
            _(
                "%(place)s: formeln %(formula)s har inget beräknat värde. "
                "Öppna och spara filen i Excel, eller skriv in värdet."
            )
            % {"place": place.place, "formula": formula_cell.value}
        )
    return Cell(_text(value_cell.value), sheet, formula_cell.row, formula_cell.column_letter)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # openpyxl gives numbers as float; repr keeps every digit Excel stored
        return str(Decimal(repr(value))).replace(".", ",")
    return str(value).strip()
