"""The budget export writes the formulas the application computes and nothing else: labels,
footnotes and titles that look like formulas stay text."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets.models import BudgetDocument
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import read_budget

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://example.com/stol","Klicka här")'


def _formulas(book) -> set[tuple[str, str]]:
    return {
        (ws.title, cell.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def test_a_line_named_like_a_formula_is_exported_as_text():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    before = _formulas(load_workbook(BytesIO(export_budget(budget_sheet(document)))))
    line = document.lines.filter(kind="amount").order_by("order").first()
    line.label = LINK
    line.save()
    section = document.sections.order_by("order").first()
    section.name, section.subtotal_label = "+SUM(1)", "@Summa"
    section.save()
    footnote = document.footnotes.order_by("number").first()
    footnote.text = '-1+HYPERLINK("http://example.com")'
    footnote.save()
    document.title = "=1+1"
    document.save()

    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    assert _formulas(book) == before  # only the application's own totals and chain
    texts = {
        cell.value: (cell.data_type, cell.quotePrefix)
        for row in book["Budget"].iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for value in (LINK, "+SUM(1)", "@Summa", footnote.text, "=1+1"):
        assert texts[value] == ("s", True), value


def test_a_label_that_looks_like_a_formula_survives_the_round_trip():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    line = document.lines.filter(kind="amount").order_by("order").first()
    line.label = LINK
    line.save()
    plan = read_budget(export_budget(budget_sheet(document)))
    assert LINK in [ln.label for s in plan.sections for ln in s.lines]
