"""The budget in a report: the table as the report's layout prints it, with its footnotes,
the total budget per year where a seed states it under the table, and the budget's checks
(shown in drafts, for the people preparing the document)."""

from django.utils.translation import gettext as _

from budgets.presentation import grid_rows, visible_columns
from reports.blocks.budget_layout import (
    BudgetLayout,
    footnote_numbers,
    printed_rows,
    report_row,
    summed_sections,
)
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Row, Table
from reports.models import RevenueTotal


@block("budget", _("Budgeten"))
def budget_block(context: BuildContext) -> Block:
    sheet = context.sheet
    if sheet is None:
        return Block("budget", "reports/blocks/_missing.html", context={"what": _("budget")})
    tables = [budget_table(context)]
    if context.report.budget_revenue_total == RevenueTotal.AFTER:
        tables.append(revenue_totals_table(context))
    checks = [check.message for check in sheet.result.checks if check.level != "info"]
    if sheet.adoption is not None and sheet.adoption.motivation:
        checks.append(_("Styrelsens motivering vid fastställelsen: %s") % sheet.adoption.motivation)
    return Block("budget", "reports/blocks/_budget.html", tables=tables, context={"checks": checks})


def budget_table(context: BuildContext) -> Table:
    sheet, options = context.sheet, context.options
    assert sheet is not None  # the budget block prints no table without a budget
    layout = BudgetLayout.of(context.report)
    grid = grid_rows(sheet, options)
    summed = summed_sections(grid, layout)
    rows = printed_rows(grid, layout, summed)
    used = footnote_numbers(rows)
    return Table(
        caption=sheet.document.title,
        columns=tuple(column.label for column in visible_columns(sheet, options)),
        rows=tuple(report_row(row, layout, summed) for row in rows),
        label_heading=options.heading,
        comment_heading=_("Fotnot") if layout.footnote_column else "",
        notes=tuple(
            f"{note.number}. {note.text}" for note in sheet.footnotes if note.number in used
        ),
    )


def revenue_totals_table(context: BuildContext) -> Table:
    """The total budget of each year (revenue with what is carried forward), as Ale states it
    under its table: "Total budget för 2013 är 6 440 tkr"."""
    sheet, options = context.sheet, context.options
    assert sheet is not None  # the budget block prints no table without a budget
    label = sheet.document.revenue_total_label
    rows = [
        Row(
            _("%(label)s för %(year)s") % {"label": label, "year": column.year},
            (options.text(sheet.result.columns[column.pk].revenue),),
            kind="total",
        )
        for column in visible_columns(sheet, options)
    ]
    return Table(caption=label, columns=(options.unit,), rows=tuple(rows))
