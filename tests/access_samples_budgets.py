"""Access sweep arguments for the budgets app: each association's demo budget."""

from budgets.models import BudgetAmount, BudgetDocument
from finsam.models import Association


def _document(association: Association) -> dict:
    return {"pk": BudgetDocument.objects.filter(association=association).order_by("pk").first().pk}


def _line(association: Association) -> dict:
    document = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    return {"pk": document.pk, "line": document.lines.order_by("pk").first().pk}


def _cell(association: Association) -> dict:
    document = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    amount = BudgetAmount.objects.filter(line__document=document).order_by("pk").first()
    return {"pk": document.pk, "line": amount.line_id, "column": amount.column_id}


def _column(association: Association) -> dict:
    document = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    return {"pk": document.pk, "column": document.columns.order_by("pk").first().pk}


def _section(association: Association) -> dict:
    document = BudgetDocument.objects.filter(association=association).order_by("pk").first()
    return {"pk": document.pk, "section": document.sections.order_by("pk").first().pk}


def _delete(association: Association) -> dict:
    line = _line(association)
    return {"pk": line["pk"], "what": "rad", "item": line["line"]}


def _comment(association: Association) -> dict:
    # The demo has no comments: any number will do, the document is looked up first (another
    # association's is a 404) and a comment not on this document is refused with a message.
    return {**_document(association), "comment": 1}


SAMPLES = {
    "budgets:document": _document,
    "budgets:cell": _document,
    "budgets:paste": _document,
    "budgets:export": _document,
    "budgets:followup": _document,
    "budgets:history": _document,
    "budgets:line_history": _line,
    "budgets:cell_history": _cell,
    "budgets:structure": _document,
    "budgets:line_add": _document,
    "budgets:line": _line,
    "budgets:footnotes": _document,
    "budgets:columns": _document,
    "budgets:settings": _document,
    "budgets:sections": _document,
    "budgets:adopt": _document,
    "budgets:new_revision": _document,
    "budgets:new_from": _document,
    "budgets:column_move": _column,
    "budgets:section_move": _section,
    "budgets:delete": _delete,
    "budgets:comment_add": _document,
    "budgets:comment_resolve": _comment,
}


def _budget_file(association: Association) -> dict:
    """The association's latest budget exported as a budget of a year it has none of, and
    uploaded, waiting for its preview to be confirmed."""
    from io import BytesIO

    from openpyxl import load_workbook

    from budgets.apps import BUDGET_FILE
    from budgets.selectors import budget_sheet
    from budgets.xlsx.export import export_budget
    from finsam.imports.batches import import_upload

    document = BudgetDocument.objects.filter(association=association).order_by("-pk").first()
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    book["Inställningar"]["B2"] = document.year + 20
    content = BytesIO()
    book.save(content)
    batch, plan = import_upload(
        association=association,
        kind=BUDGET_FILE,
        filename="budget.xlsx",
        content=content.getvalue(),
        user=None,
    )
    assert batch is not None, plan.problems
    return {"pk": batch.pk}


SAMPLES["budgets:import_preview"] = _budget_file
SAMPLES["budgets:import_decide"] = _budget_file
