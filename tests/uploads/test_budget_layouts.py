"""Budget workbooks changed the way people change them in Excel, through the budget xlsx
reader: formulas in amount cells with and without computed values, merged cells, hidden and
extra sheets, rows inserted above the table, empty rows, stray rows, settings moved about.
Each file is read with the same figures or refused naming sheet, row and column."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets.models import BudgetDocument
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import BudgetFileError, read_budget
from tests.spreadsheets import with_computed_values, workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported():
    """Finnveden's budget as downloaded: (workbook, the row of the line "Kansli")."""
    document = BudgetDocument.objects.get(association__slug="finnveden")
    book = load_workbook(BytesIO(export_budget(budget_sheet(document))))
    ws = book["Budget"]
    kansli = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Kansli")
    return book, kansli


def figures(plan) -> dict:
    return {
        (line.label, index): value
        for section in plan.sections
        for line in section.lines
        for index, value in enumerate(line.values)
    }


def refused(content: bytes) -> str:
    with pytest.raises(BudgetFileError) as failed:
        read_budget(content)
    return " ".join(failed.value.problems)


def test_an_amount_written_as_a_formula_is_read_as_its_computed_value(exported):
    book, kansli = exported
    before = figures(read_budget(workbook_bytes(book)))
    kept = book["Budget"].cell(kansli, 5).value
    book["Budget"].cell(kansli, 5).value = f"={kept}-100+100"
    content = with_computed_values(workbook_bytes(book), {("Budget", f"E{kansli}"): kept})
    assert figures(read_budget(content)) == before
    assert before[("Kansli", 0)] == Decimal(kept)


def test_an_amount_formula_never_computed_is_refused_with_its_place(exported):
    book, kansli = exported
    book["Budget"].cell(kansli, 5).value = "=1000+2000"
    assert (
        f"Blad ”Budget”, rad {kansli}, kolumn E: formeln =1000+2000 har inget beräknat värde"
    ) in refused(workbook_bytes(book))


def test_a_settings_value_as_a_formula_uses_its_value(exported):
    book, _kansli = exported
    book["Inställningar"]["B2"] = "=2013+1"
    content = with_computed_values(workbook_bytes(book), {("Inställningar", "B2"): 2014})
    assert read_budget(content).settings["year"] == 2014


def test_merged_cells_in_the_table_are_refused(exported):
    book, kansli = exported
    book["Budget"].merge_cells(f"A{kansli}:B{kansli}")
    assert f"Bladet ”Budget” har sammanfogade celler (A{kansli}:B{kansli})" in refused(
        workbook_bytes(book)
    )


def test_a_merged_title_above_the_table_is_harmless(exported):
    book, _kansli = exported
    before = figures(read_budget(workbook_bytes(book)))
    book["Budget"].merge_cells("A1:D1")
    assert figures(read_budget(workbook_bytes(book))) == before


def test_hidden_and_extra_sheets(exported):
    book, _kansli = exported
    before = figures(read_budget(workbook_bytes(book)))
    book["Inställningar"].sheet_state = "hidden"
    notes = book.create_sheet("Anteckningar", 0)
    notes.append(["Kansli", "belopp", "", "", 1])  # looks like a line, but on another sheet
    assert figures(read_budget(workbook_bytes(book))) == before


def test_a_missing_sheet_is_named(exported):
    book, _kansli = exported
    book["Budget"].title = "Budget 2014"
    assert refused(workbook_bytes(book)) == "Bladet ”Budget” saknas."


def test_rows_inserted_above_the_table_move_it_down(exported):
    book, _kansli = exported
    before = read_budget(workbook_bytes(book))
    book["Budget"].insert_rows(3, amount=4)
    after = read_budget(workbook_bytes(book))
    assert figures(after) == figures(before) and after.columns == before.columns


def test_empty_rows_in_the_table_are_skipped(exported):
    book, kansli = exported
    before = figures(read_budget(workbook_bytes(book)))
    book["Budget"].insert_rows(kansli, amount=2)
    assert figures(read_budget(workbook_bytes(book))) == before


def test_a_row_with_figures_but_no_row_kind_is_refused_not_skipped(exported):
    book, kansli = exported
    ws = book["Budget"]
    ws.insert_rows(kansli)
    ws.cell(kansli, 1).value = "Konsulter"
    ws.cell(kansli, 5).value = 50000
    assert (
        f"Blad ”Budget”, rad {kansli}, kolumn B: raden har innehåll men ingen radtyp"
    ) in refused(workbook_bytes(book))


def test_an_extra_column_needs_a_kind_and_a_year(exported):
    book, _kansli = exported
    ws = book["Budget"]
    last = 5
    while ws.cell(5, last + 1).value:
        last += 1
    ws.cell(5, last + 1).value = "Kommentar"
    message = refused(workbook_bytes(book))
    assert (
        "rad 6, kolumn" in message
        and "slaget ska vara budget, prognos, plan eller utfall" in message
    )


def test_settings_in_another_order_are_read_by_their_labels(exported):
    book, _kansli = exported
    settings_sheet = book["Inställningar"]
    settings_sheet.insert_rows(1, amount=2)
    settings_sheet["A1"] = "Inställningar för budgeten"
    settings_sheet.move_range("A12:B12", rows=3)  # the last setting moves below a gap
    plan = read_budget(workbook_bytes(book))
    assert plan.settings["year"] == 2014 and plan.settings["title"]


def test_a_missing_setting_is_named(exported):
    book, _kansli = exported
    book["Inställningar"]["A2"] = "År"
    assert "Blad ”Inställningar”, kolumn A: raden ”Budgetår” saknas." in refused(
        workbook_bytes(book)
    )
