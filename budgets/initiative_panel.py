"""The budget lines that name an initiative, shown on the initiative's page through
`initiatives.panels`: budgets builds on initiatives, never the other way."""

from budgets.models import BudgetLine
from initiatives.models import Initiative


def initiative_budget_lines(initiative: Initiative) -> dict:
    lines = (
        BudgetLine.objects.filter(initiative=initiative)
        .select_related("document")
        .prefetch_related("amounts__column")
        .order_by("document__year", "document__pk")
    )
    return {"budget_lines": list(lines)}
