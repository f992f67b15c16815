"""The statements of an interim report, from the books: the income statement and the balance
sheet (the period against the last full year) with note numbers, and the notes.

The rows, their order and their printed figures are the statements page's
(budgets.accounts.presentation), in the report's unit: each figure rounded on its own from the
kronor in the books, so Växjö's note 1 prints four contributions of 533 tkr under a total of
2 133 tkr.
"""

from datetime import date

from django.utils.translation import gettext as _

from budgets.accounts import presentation
from budgets.accounts.lines import StatementLine
from budgets.accounts.statements import Note
from budgets.presentation import TableRow
from finsam.lib.numbers import format_amount, format_percent
from reports.blocks.registry import LOOKING_BACK, block
from reports.context import BuildContext
from reports.data import Block, Row, Table

INTERIM = frozenset({"delarsrapport"})
TABLES = "reports/blocks/_tables.html"


def _unit(context: BuildContext) -> str:
    return context.options.unit  # "kr" or "tkr", as printed after a caption


def _rows(rows: list[TableRow]) -> tuple[Row, ...]:
    return tuple(Row.of(row) for row in rows)


def _months_missing(context: BuildContext) -> tuple[str, ...]:
    if not context.months_missing:
        return ()
    return (
        _(
            "Bokföringen för %(year)s har bara årssaldon, inga månadsbelopp, så periodens "
            "siffror går inte att ta fram ur den; de visas som 0. Läs in en SIE-fil med "
            "verifikationer eller periodsaldon för året."
        )
        % {"year": context.year},
    )


def _result_label(context: BuildContext) -> str | None:
    """An annual report's result is the year's; an interim report's is the period's."""
    return _("Årets resultat") if context.report.kind == "arsredovisning" else None


def _previous_year_end(context: BuildContext) -> str:
    return date(context.year - 1, 12, 31).isoformat()


@block("income_statement", _("Resultaträkning (perioden mot föregående år)"), INTERIM)
def income_statement_block(context: BuildContext) -> Block:
    table = Table(
        caption=_("Resultaträkning, %(unit)s") % {"unit": _unit(context)},
        columns=(
            _("Not"),
            _("Delårsbokslut %(date)s") % {"date": context.period_end.isoformat()},
            _("Årsbokslut %(date)s") % {"date": _previous_year_end(context)},
        ),
        rows=_rows(presentation.income_statement(context.statements, context.options)),
        notes=_months_missing(context),
        style="keep",
    )
    return Block("income_statement", TABLES, tables=[table])


@block("balance_sheet", _("Balansräkning (periodens slut mot föregående år)"), LOOKING_BACK)
def balance_sheet_block(context: BuildContext) -> Block:
    table = Table(
        caption=_("Balansräkning, %(unit)s") % {"unit": _unit(context)},
        columns=(_("Not"), context.period_end.isoformat(), _previous_year_end(context)),
        rows=_rows(
            presentation.balance_sheet(
                context.statements, context.options, result_label=_result_label(context)
            )
        ),
        notes=_months_missing(context),
        style="keep",
    )
    return Block("balance_sheet", TABLES, tables=[table])


@block("notes", _("Noter till resultat- och balansräkningen"), LOOKING_BACK)
def notes_block(context: BuildContext) -> Block:
    return Block("notes", TABLES, tables=[note_table(context, n) for n in context.statements.notes])


def note_table(context: BuildContext, note: Note) -> Table:
    printed = presentation.note_table(note, context.options)
    return Table(
        caption=_("Not %(number)s %(title)s") % {"number": note.number, "title": note.title},
        columns=(_unit(context).capitalize(),),
        rows=_rows([*printed.rows, printed.total]),
        notes=tuple(note_remarks(context, note)),
        style="keep",
    )


def note_remarks(context: BuildContext, note: Note) -> list[str]:
    """What the notes say in words: the contribution per member when all are equal, and the
    administration's share of the costs."""
    amounts = {row.amount for row in note.rows}
    if note.line == StatementLine.OPERATING_REVENUE and len(note.rows) > 1 and len(amounts) == 1:
        each = format_amount(amounts.pop())
        if context.report.kind == "arsredovisning":
            return [_("Bidraget för året är %(amount)s kr per huvudman.") % {"amount": each}]
        return [_("Bidraget för perioden är %(amount)s kr per huvudman.") % {"amount": each}]
    economy = context.economy
    share = economy.administration_share if economy else None
    if note.line == StatementLine.OPERATING_COSTS and share is not None:
        return [
            _("Administrationens kostnader utgör %(share)s av de totala kostnaderna.")
            % {"share": format_percent(share)}
        ]
    return []
