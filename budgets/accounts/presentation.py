"""The income statement, the balance sheet and their notes as printed: their rows in order,
with labels, note numbers and figures printed by the reader's options (kr or tkr, each figure
rounded on its own from the kronor in the books), for the statements page and for reports
alike (the municipal layout of Växjö samordningsförbund's interim report, Kommunal
redovisningslag).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from budgets.accounts.lines import StatementLine as L
from budgets.accounts.statements import Figures, Note, Statements
from budgets.presentation import Cell, DisplayOptions, RowKind, TableRow, figure_cells


@dataclass(frozen=True)
class StatementRow:
    """kind: heading (a group's name, no figures), line, subtotal or total."""

    kind: str
    label: str
    figures: Figures | None = None
    note: int | None = None


def printed(rows: list[StatementRow], options: DisplayOptions) -> list[TableRow]:
    """Statement rows as a table: the note number, this period, the comparison column."""
    return [
        TableRow(RowKind(row.kind), row.label)
        if row.figures is None
        else TableRow(
            RowKind(row.kind),
            row.label,
            (
                Cell(str(row.note or "")),
                *figure_cells(options, row.figures.current, row.figures.previous),
            ),
        )
        for row in rows
    ]


def income_statement(s: Statements, options: DisplayOptions) -> list[TableRow]:
    return printed(income_statement_rows(s), options)


def balance_sheet(
    s: Statements, options: DisplayOptions, *, result_label: str | None = None
) -> list[TableRow]:
    return printed(balance_sheet_rows(s, result_label=result_label), options)


@dataclass(frozen=True)
class NoteTable:
    """A note as printed: its rows (one figure each) and their sum."""

    note: Note
    rows: list[TableRow]
    total: TableRow


def note_table(note: Note, options: DisplayOptions) -> NoteTable:
    return NoteTable(
        note,
        [TableRow(RowKind.LINE, row.label, figure_cells(options, row.amount)) for row in note.rows],
        TableRow(RowKind.TOTAL, _("Summa"), figure_cells(options, note.total)),
    )


def _line(s: Statements, line: L) -> StatementRow:
    return StatementRow("line", str(line.label), s.lines[line], s.notes_by_line.get(line))


def income_statement_rows(s: Statements) -> list[StatementRow]:
    return [
        _line(s, L.OPERATING_REVENUE),
        _line(s, L.OPERATING_COSTS),
        StatementRow("subtotal", _("Resultat före finansiella poster"), s.operating_result),
        _line(s, L.FINANCIAL_REVENUE),
        _line(s, L.FINANCIAL_COSTS),
        StatementRow("subtotal", _("Summa finansiella intäkter och kostnader"), s.financial_net),
        StatementRow("total", _("Periodens resultat"), s.result),
    ]


def balance_sheet_rows(s: Statements, *, result_label: str | None = None) -> list[StatementRow]:
    """The balance sheet's rows; `result_label` names the result row ("Årets resultat" in an
    annual report, "Periodens resultat" by default)."""
    return [
        StatementRow("heading", _("Tillgångar")),
        StatementRow("heading", _("Omsättningstillgångar")),
        _line(s, L.SHORT_TERM_RECEIVABLES),
        _line(s, L.PREPAID_EXPENSES),
        _line(s, L.CASH_AND_BANK),
        StatementRow("subtotal", _("Summa omsättningstillgångar"), s.assets),
        StatementRow("total", _("Summa tillgångar"), s.assets),
        StatementRow("heading", _("Eget kapital och skulder")),
        StatementRow("heading", _("Eget kapital")),
        StatementRow("line", _("Ingående eget kapital"), s.opening_equity),
        StatementRow("line", result_label or _("Periodens resultat"), s.result),
        StatementRow("subtotal", _("Summa eget kapital"), s.equity),
        StatementRow("heading", _("Kortfristiga skulder")),
        _line(s, L.SUPPLIERS),
        _line(s, L.OTHER_LIABILITIES),
        _line(s, L.ACCRUED_EXPENSES),
        StatementRow("subtotal", _("Summa kortfristiga skulder"), s.liabilities),
        StatementRow("total", _("Summa eget kapital och skulder"), s.equity_and_liabilities),
    ]
