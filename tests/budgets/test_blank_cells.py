"""Blank is not zero: an empty cell prints empty on the page, in the PDF and in xlsx, and
counts as 0 in sums. Worked on Finnveden 2014, whose "Processtöd till huvudmännen" has 0 in
2014 and 210 000 in 2015: made blank in 2014, every total stays as printed.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budgets.calculation import (
    BudgetInput,
    CellInput,
    ColumnInput,
    LineInput,
    SectionInput,
    calculate,
)
from budgets.models import BudgetAmount, BudgetDocument
from budgets.presentation import DisplayOptions, grid_rows
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import read_budget
from reports.blocks.budget import budget_block
from reports.builders import build_report
from reports.context import BuildContext
from reports.rendering import report_pdf
from tests.reports.helpers import normalised, pdf_text
from tests.reports.plan_texts import plan

pytestmark = pytest.mark.django_db
D = Decimal
LABEL = "Processtöd till huvudmännen"


def test_blank_amount_is_none_and_sums_as_zero():
    columns = [ColumnInput(1, "budget", 2030, "Budget 2030")]
    lines = [
        LineInput(1, 10, "amount", {1: CellInput(stored=D(500))}),
        LineInput(2, 10, "amount", {}),
        LineInput(3, 10, "amount", {1: CellInput(stored=D(0))}),
        LineInput(4, 10, "initiative", {1: CellInput()}),  # nothing granted that year
    ]
    result = calculate(BudgetInput(columns, [SectionInput(10, "operations")], lines))
    assert [result.cell(k, 1).value for k in (1, 2, 3, 4)] == [D(500), None, D(0), None]
    assert [result.cell(k, 1).figure for k in (1, 2, 3, 4)] == [D(500), 0, 0, 0]
    assert result.columns[1].costs == D(500)


@pytest.fixture
def finnveden() -> BudgetDocument:
    document = BudgetDocument.objects.get(association__slug="finnveden", year=2014)
    BudgetAmount.objects.filter(line__label=LABEL, column__year=2014).delete()
    return document


def _row(sheet, label: str):
    return next(r for r in grid_rows(sheet, DisplayOptions.of(sheet.document)) if r.label == label)


def test_page_prints_blank_and_totals_stay(finnveden):
    sheet = budget_sheet(finnveden)
    assert [c.text for c in _row(sheet, LABEL).cells] == ["", "210\u00a0000"]
    assert [c.typed for c in _row(sheet, LABEL).cells] == ["", "210\u00a0000"]
    # the seed's cost totals, unchanged by a blank where it printed 0
    costs = [sheet.result.columns[c.pk].costs for c in sheet.columns]
    assert costs == [D(4_412_000), D(3_692_000)]


def test_report_and_pdf_print_blank(finnveden):
    report = plan("finnveden", 2014)
    rows = budget_block(BuildContext(report)).tables[0].rows
    row = next(r for r in rows if r.label == LABEL)
    assert list(row.cells) == ["", "210\u00a0000"]
    text = pdf_text(report_pdf(build_report(report)))
    assert normalised(f"{LABEL} 210 000 4) Kompetensutveckling 300 000 300 000") in text


def test_xlsx_writes_an_empty_cell_and_reads_it_back_blank(finnveden):
    content = export_budget(budget_sheet(finnveden))
    ws = load_workbook(BytesIO(content))["Budget"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == LABEL)
    assert (ws.cell(row, 5).value, ws.cell(row, 6).value) == (None, 210000)
    jobbcenter = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Kansli")
    assert ws.cell(jobbcenter, 5).value == 425000
    plan_lines = [line for s in read_budget(content).sections for line in s.lines]
    assert next(p for p in plan_lines if p.label == LABEL).values == [None, D(210_000)]


@pytest.mark.parametrize("typed", ["", "-", "–"])
def test_cell_form_takes_empty_or_dash_as_blank(staff_client, typed):
    document = BudgetDocument.objects.get(association__slug="finnveden", year=2014)
    line = document.lines.get(label="Kansli")
    column = document.columns.get(year=2015)
    url = reverse("budgets:cell", args=["finnveden", document.pk])
    response = staff_client.post(
        url, {"line": line.pk, "column": column.pk, "value": typed, "was": "430000"}
    )
    assert response.status_code == 200, response.content
    assert not BudgetAmount.objects.filter(line=line, column=column).exists()
    assert response.json()["cells"][f"c{column.pk}-l{line.pk}"]["text"] == ""
    assert response.json()["cells"][f"c{column.pk}-cost"]["text"] == "3\u00a0262\u00a0000"


def test_an_adopted_revision_keeps_its_blank_cells(finnveden):
    """The frozen figures keep blank apart from 0, as the live ones do."""
    from budgets.services import document_adopt

    document_adopt(
        document=finnveden,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet används medvetet.",
    )
    finnveden.refresh_from_db()
    sheet = budget_sheet(finnveden)
    assert sheet.adoption is not None
    assert [c.text for c in _row(sheet, LABEL).cells] == ["", "210\u00a0000"]
    assert sheet.result.cell(_row(sheet, LABEL).line.pk, sheet.columns[0].pk).value is None


@pytest.mark.parametrize("typed", ["-", "–", " "])
def test_a_dash_in_a_budget_file_is_read_as_blank(typed):
    document = BudgetDocument.objects.get(association__slug="finnveden", year=2014)
    workbook = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = workbook["Budget"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Kansli")
    ws.cell(row, 6).value = typed
    out = BytesIO()
    workbook.save(out)
    plan_lines = [line for s in read_budget(out.getvalue()).sections for line in s.lines]
    assert next(p for p in plan_lines if p.label == "Kansli").values == [D(425_000), None]
