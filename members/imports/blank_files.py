"""Downloadable templates for the import files: the header row and example rows."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from finsam.lib.xlsx_cells import append
from finsam.models import Association
from members.selectors import members_during_year

HEADERS = {
    "contributions": ["År", "Medlem", "Belopp"],
    "population": ["Kommun", "Datum", "Invånare"],
}


def blank_file(association: Association, kind: str, year: int) -> bytes:
    """An xlsx with the layout's header and one row per member of `year` to fill in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Import")  # the header row stays Swedish: it is the layout the reader reads
    append(sheet, HEADERS[kind])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for member in members_during_year(association, year):
        if kind == "contributions":
            append(sheet, [year, member.name, None])
        elif member.kind == "municipality":
            append(sheet, [member.name, f"{year - 1}-11-01", None])
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["A"].width = 30 if kind == "population" else 8
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
