"""Which rows of the budget grid a report prints, and how: the report's layout options.

The budget grid (`budgets.presentation.grid_rows`) has every row: section headings, lines,
subtotals, the revenue total, the cost total, the result and the administration share. The
seeds print different selections of them, so a report chooses: a heading before the costs,
the revenue total as a row, under the table or not at all, the cost total, the result, the
administration share, footnote markers after the label or in a column of their own, and a
section of member contributions printed as its subtotal alone (when a table of its own shows
the contributions).
"""

from dataclasses import dataclass

from budgets.models import LineKind
from budgets.presentation import GridRow
from reports.data import Row
from reports.models import Report, RevenueTotal


@dataclass(frozen=True)
class BudgetLayout:
    """A report's choices for its budget table (see `Report`'s budget fields)."""

    cost_heading: str = ""
    revenue_total: str = RevenueTotal.ROW
    cost_total: bool = True
    result: bool = True
    admin_share: bool = False
    footnote_column: bool = False
    contributions_summed: bool = False

    @classmethod
    def of(cls, report: Report) -> "BudgetLayout":
        return cls(
            cost_heading=report.budget_cost_heading,
            revenue_total=report.budget_revenue_total,
            cost_total=report.budget_cost_total,
            result=report.budget_result,
            admin_share=report.budget_admin_share,
            footnote_column=report.budget_footnote_column,
            contributions_summed=report.budget_contributions_summed,
        )


def summed_sections(grid: list[GridRow], layout: BudgetLayout) -> set[int]:
    """Sections printed as their subtotal alone: only contributions, and a subtotal to show."""
    if not layout.contributions_summed:
        return set()
    lines: dict[int, list[GridRow]] = {}
    subtotals = set()
    for row in grid:
        if row.section is not None and row.kind == "line":
            lines.setdefault(row.section.pk, []).append(row)
        if row.section is not None and row.kind == "subtotal":
            subtotals.add(row.section.pk)
    return {
        pk
        for pk, rows in lines.items()
        if pk in subtotals and all(r.line and r.line.kind == LineKind.CONTRIBUTION for r in rows)
    }


def printed_rows(grid: list[GridRow], layout: BudgetLayout, summed: set[int]) -> list[GridRow]:
    """The grid's rows the report prints, in order, with the heading before the costs."""
    printed: list[GridRow] = []
    for row in grid:
        if layout.cost_heading and row.is_cost and not any(r.is_cost for r in printed):
            printed.append(GridRow("heading", layout.cost_heading, is_cost=True))
        if _shown(row, layout, summed):
            printed.append(row)
    return printed


def _shown(row: GridRow, layout: BudgetLayout, summed: set[int]) -> bool:
    in_summed = row.section is not None and row.section.pk in summed
    shown = {
        "heading": bool(row.label) and not in_summed,
        "line": not in_summed,
        "subtotal": True,
        "revenue_total": layout.revenue_total == RevenueTotal.ROW,
        "cost_total": layout.cost_total,
        "result": layout.result,
        "share": layout.admin_share,
    }
    return shown[row.kind]


def report_row(row: GridRow, layout: BudgetLayout, summed: set[int]) -> Row:
    """A grid row as the report's table prints it."""
    kind: str = row.table_kind
    if row.kind == "subtotal" and row.section is not None and row.section.pk in summed:
        kind = "line"  # the section's one printed row
    cells = row.texts
    if layout.footnote_column:
        return Row(row.label, cells, kind=kind, comment=row.marks)
    return Row(row.label, cells, kind=kind, marks=row.marks)


def footnote_numbers(rows: list[GridRow]) -> set[int]:
    """The footnotes marked on the printed lines (a summed section's lines are not printed)."""
    return {note.number for row in rows if row.line for note in row.line.footnotes.all()}
