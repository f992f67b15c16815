"""Writing a budget to xlsx in the layout of the page, with formulas for every total.

Figures are written in kronor; the number format shows them as on screen (tkr through the
"#,##0," format, which Excel shows with Swedish separators). Subtotals, totals, the result,
the administration share, the chain (each opening refers to the cell it comes from) and the
counted share of initiatives are formulas, so the workbook stays live in Excel.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from budgets.calculation import opening_source
from budgets.models import LineKind, SectionKind
from budgets.presentation import DisplayOptions, subtotal_label
from budgets.selectors import BudgetSheet
from budgets.xlsx import (
    COLUMN_KINDS,
    FIRST_VALUE_COLUMN,
    LINE_FACTS,
    LINE_KINDS,
    SECTION_KINDS,
    SETTINGS,
    SETTINGS_SHEET,
    SHARE_ENTRIES,
    SHEET,
)
from finsam.lib.xlsx_cells import put

BOLD = Font(bold=True)


def export_budget(sheet: BudgetSheet, options: DisplayOptions | None = None) -> bytes:
    """The workbook of a budget: every column (so it can be read back), shown in the unit and
    with the sign of costs the reader chose (the document's defaults unless given)."""
    options = options or DisplayOptions.of(sheet.document)
    book = Workbook()
    ws = book.active
    ws.title = SHEET
    _settings(book, sheet)
    number_format = options.number_format()
    letters = [get_column_letter(FIRST_VALUE_COLUMN + i) for i in range(len(sheet.columns))]
    _header(ws, sheet, options)
    rows = _body(ws, sheet, letters, number_format, options)
    _chain(ws, sheet, letters, rows)
    _footnotes(ws, sheet, rows["end"] + 2)
    ws.column_dimensions["A"].width = 48
    for letter in letters:
        ws.column_dimensions[letter].width = 15
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _settings(book: Workbook, sheet: BudgetSheet) -> None:
    ws = book.create_sheet(SETTINGS_SHEET)
    document = sheet.document
    for row, (name, label) in enumerate(SETTINGS, start=1):
        value = getattr(document, name)
        if isinstance(value, bool):
            value = "ja" if value else "nej"
        put(ws, row, 1, label)
        put(ws, row, 2, value)
    ws.column_dimensions["A"].width = 40


def _header(ws, sheet: BudgetSheet, options: DisplayOptions) -> None:
    put(ws, 1, 1, sheet.document.title).font = BOLD
    put(ws, 2, 1, options.heading)
    for label, row in (("Kolumn", 5), ("Slag", 6), ("År", 7)):
        put(ws, row, 4, label)
    for index, column in enumerate(sheet.columns):
        put(ws, 5, FIRST_VALUE_COLUMN + index, column.label).font = BOLD
        put(ws, 6, FIRST_VALUE_COLUMN + index, COLUMN_KINDS[column.kind])
        put(ws, 7, FIRST_VALUE_COLUMN + index, column.year)
    for col, text in enumerate(("Text", "Radtyp", "Medlemmar", "Fotnoter"), start=1):
        put(ws, 8, col, text).font = BOLD
    for col, text in enumerate(LINE_FACTS.values(), start=_facts_column(sheet)):
        put(ws, 8, col, text).font = BOLD


def _facts_column(sheet: BudgetSheet) -> int:
    return FIRST_VALUE_COLUMN + len(sheet.columns) + 1


def _body(ws, sheet: BudgetSheet, letters: list[str], plain: str, options: DisplayOptions) -> dict:
    row = 9
    rows: dict = {"revenue": [], "cost": [], "administration": [], "carried": None}
    for part in sheet.sections:
        section = part.section
        number_format = options.number_format(cost=section.is_cost)
        put(ws, row, 1, section.name).font = BOLD
        put(ws, row, 2, f"avsnitt {SECTION_KINDS[section.kind]}")
        put(ws, row, 3, section.subtotal_label)
        put(ws, row, 4, "delsumma" if section.show_subtotal else "ingen delsumma")
        row += 1
        first = row
        for line in part.lines:
            _line_row(ws, sheet, line, row, letters, number_format)
            if line.kind == LineKind.CARRIED_FORWARD:
                rows["carried"] = row
            row += 1
        cells = (first, row - 1) if part.lines else None
        target = "revenue" if not section.is_cost else "cost"
        if cells:
            rows[target].append(cells)
            if section.kind == SectionKind.ADMINISTRATION:
                rows["administration"].append(cells)
        if section.show_subtotal:
            put(ws, row, 1, subtotal_label(section)).font = BOLD
            put(ws, row, 2, "delsumma")
            for letter in letters:
                ranges = [cells] if cells else []
                _formula(ws, f"{letter}{row}", _sum(letter, ranges), number_format)
            row += 1
    return _totals(ws, sheet, letters, rows, row, plain, options.number_format(cost=True))


def _line_row(
    ws, sheet: BudgetSheet, line, row: int, letters: list[str], number_format: str
) -> None:
    put(ws, row, 1, line.label)
    put(ws, row, 2, LINE_KINDS[line.kind])
    put(ws, row, 3, "; ".join(m.name for m in line.members.all()))
    put(ws, row, 4, ", ".join(str(f.number) for f in line.footnotes.all()))
    for letter, column in zip(letters, sheet.columns, strict=True):
        cell = sheet.result.cell(line.pk, column.pk)
        target = ws[f"{letter}{row}"]
        if cell.maximum is not None:
            target.value = f"=ROUND({int(cell.maximum)}*{SETTINGS_SHEET}!$B$5/100,0)"
        elif cell.value is not None:  # a blank stays an empty cell, not 0
            target.value = int(cell.value) if cell.value == int(cell.value) else cell.value
        target.number_format = number_format
    _line_facts(ws, sheet, line, row)


def _line_facts(ws, sheet: BudgetSheet, line, row: int) -> None:
    """What the figures alone cannot say, so that a file read back gives the same budget."""
    col = _facts_column(sheet)
    if line.initiative is not None:
        put(ws, row, col, line.initiative.name)
    if line.exempt_from_share:
        put(ws, row, col + 1, "ja")
    if line.kind == LineKind.INITIATIVE:
        put(ws, row, col + 2, SHARE_ENTRIES[line.share_entry])
    if line.kind in (LineKind.CONTRIBUTION, LineKind.INITIATIVE):
        # A figure equal to the computed one may still be typed (it stays when funding or a
        # grant changes later): the numbers (1 = first column) of the typed ones.
        typed = [
            str(number)
            for number, column in enumerate(sheet.columns, start=1)
            if sheet.result.cell(line.pk, column.pk).stored is not None
        ]
        put(ws, row, col + 3, ", ".join(typed) or None)


def _sum(letter: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return "=0"
    return "=SUM(" + ",".join(f"{letter}{a}:{letter}{b}" for a, b in ranges) + ")"


def _formula(ws, ref: str, formula: str, number_format: str, bold: bool = False) -> None:
    ws[ref] = formula
    ws[ref].number_format = number_format
    if bold:
        ws[ref].font = BOLD


def _totals(
    ws, sheet: BudgetSheet, letters, rows: dict, row: int, number_format: str, costs_format: str
) -> dict:
    document = sheet.document
    labels = [
        ("summa intäkter", document.revenue_total_label),
        ("summa kostnader", document.cost_total_label),
        ("resultat", document.result_label),
        ("administrationsandel", "Administrationens andel av kostnaderna"),
    ]
    at = {name: row + i for i, (name, _label) in enumerate(labels)}
    for name, label in labels:
        put(ws, at[name], 1, label).font = BOLD
        put(ws, at[name], 2, name)
    for letter in letters:
        rev, cost = f"{letter}{at['summa intäkter']}", f"{letter}{at['summa kostnader']}"
        _formula(ws, rev, _sum(letter, rows["revenue"]), number_format, bold=True)
        _formula(ws, cost, _sum(letter, rows["cost"]), costs_format, bold=True)
        _formula(ws, f"{letter}{at['resultat']}", f"={rev}-{cost}", number_format, bold=True)
        admin = _sum(letter, rows["administration"])[1:]
        share = f'=IF({cost}=0,"",{admin}/{cost})'
        _formula(ws, f"{letter}{at['administrationsandel']}", share, "0.0%")
    return {**rows, "result_row": at["resultat"], "end": at["administrationsandel"]}


def _chain(ws, sheet: BudgetSheet, letters: list[str], rows: dict) -> None:
    """Openings that follow the chain refer to the cell they come from."""
    carried = rows["carried"]
    if carried is None:
        return
    letter_of = {c.pk: letter for c, letter in zip(sheet.columns, letters, strict=True)}
    inputs = {c.key: c for c in sheet.input.columns}
    line = next(line for line in sheet.lines if line.kind == LineKind.CARRIED_FORWARD)
    for column in sheet.columns:
        cell = sheet.result.cell(line.pk, column.pk)
        source = opening_source(inputs[column.pk], sheet.input.columns)
        if cell.stored is not None or source is None:
            continue
        row = rows["result_row"] if source[0] == "closing" else carried
        ws[f"{letter_of[column.pk]}{carried}"] = f"={letter_of[source[1].key]}{row}"


def _footnotes(ws, sheet: BudgetSheet, row: int) -> None:
    if not sheet.footnotes:
        return
    put(ws, row, 1, "Fotnoter").font = BOLD
    put(ws, row, 2, "fotnoter")
    for offset, note in enumerate(sheet.footnotes, start=1):
        put(ws, row + offset, 1, note.number)
        put(ws, row + offset, 2, note.text)
