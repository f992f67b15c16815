"""What today's data would print differently from an adopted budget revision.

The adopted sheet (figures from the snapshot) and today's sheet (figures from today's
funding, grant decisions and typed amounts) are printed with the document's own display
options, and compared figure by figure by the rule adopted reports use
(`finsam.lib.figures.differences`): line, column, adopted, now. The checks are compared
too, as a table of their own ("Kontroller").
"""

from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import BudgetSheet, budget_sheet
from finsam.lib.figures import Difference, Figure, differences

CHECKS = "Kontroller"
LEVELS = {"error": "Fel", "warning": "Varning", "info": "Upplysning"}


def printed_figures(sheet: BudgetSheet) -> list[Figure]:
    """Every figure of the grid as printed, and each check, located for comparing."""
    figures = []
    for row in grid_rows(sheet, DisplayOptions.of(sheet.document)):
        table = row.section.name if row.section is not None and row.kind != "heading" else ""
        for cell in row.cells:
            if cell.text:
                figures.append(Figure(table, row.label, cell.column.label, cell.text))
    for check in sheet.result.checks:
        figures.append(Figure(CHECKS, check.message, "", LEVELS.get(check.level, check.level)))
    return figures


def adopted_differences(sheet: BudgetSheet) -> list[Difference]:
    """What differs between an adopted sheet and today's data (empty for a draft)."""
    if sheet.adoption is None:
        return []
    today = budget_sheet(sheet.document, today=True)
    return differences(printed_figures(sheet), printed_figures(today))
