"""The budget in a report: the table with its footnotes, and the chart across its years."""

from django.utils.translation import gettext as _

from budgets.presentation import GridRow, grid_rows, visible_columns
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Row, Table

# How the budget grid's rows are printed in a report; the grid's administration share row
# is left out, as the documents state the share in their text.
ROW_KINDS = {
    "heading": "heading",
    "line": "line",
    "subtotal": "subtotal",
    "revenue_total": "total",
    "cost_total": "total",
    "result": "result",
}


@block("budget", _("Budgeten"))
def budget_block(context: BuildContext) -> Block:
    sheet = context.sheet
    if sheet is None:
        return Block("budget", "reports/blocks/_missing.html", context={"what": _("budget")})
    return Block("budget", "reports/blocks/_tables.html", tables=[budget_table(context)])


def budget_table(context: BuildContext) -> Table:
    sheet, options = context.sheet, context.options
    columns = visible_columns(sheet, options)
    rows = [_row(row) for row in grid_rows(sheet, options) if row.kind in ROW_KINDS]
    notes = tuple(f"{note.number}. {note.text}" for note in sheet.footnotes)
    return Table(
        caption=sheet.document.title,
        columns=tuple(column.label for column in columns),
        rows=tuple(rows),
        label_heading=_("Belopp i tkr") if options.unit == "tkr" else _("Belopp i kr"),
        notes=notes,
    )


def _row(row: GridRow) -> Row:
    cells = tuple(cell.text for cell in row.cells)
    return Row(row.label, cells, kind=ROW_KINDS[row.kind], marks=row.marks)
