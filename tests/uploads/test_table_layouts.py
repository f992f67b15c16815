"""Spreadsheets as people make them, through the table reader (finsam/lib/tabular.py) and the
imports built on it: formulas with and without Excel's computed values, merged cells, hidden
and several sheets, a title above the header, extra columns, empty and hidden rows. Each is
read correctly or refused with a message saying what to do."""

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from budgets.accounts.models import MonthMovement
from finsam.imports.batches import import_upload
from finsam.models import Association, ImportBatch
from tests.spreadsheets import with_computed_values, workbook_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Kommun", "Datum", "Invånare"]
ROWS = [
    ["Gislaveds kommun", "2015-11-01", 29250],
    ["Gnosjö kommun", "2015-11-01", 9520],
    ["Värnamo kommun", "2015-11-01", 33300],
]


def book(*rows, title="Invånare") -> Workbook:
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    return workbook


def population(content: bytes, name: str = "inv.xlsx"):
    association = Association.objects.get(slug="finnveden")
    return import_upload(
        association=association, kind="population", filename=name, content=content, user=None
    )


def read_figures(content: bytes) -> list[tuple[str, int]]:
    batch, plan = population(content)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert batch is not None
    return [(change.subject, change.after) for change in plan.changes]


def problems(content: bytes) -> str:
    batch, plan = population(content)
    assert batch is None
    return " ".join(str(p) for p in plan.problems)


EXPECTED = [
    ("Gislaveds kommun 2015-11-01", "29\u00a0250"),
    ("Gnosjö kommun 2015-11-01", "9\u00a0520"),
    ("Värnamo kommun 2015-11-01", "33\u00a0300"),
]


def test_the_plain_layout(db):
    assert read_figures(workbook_bytes(book(HEADER, *ROWS))) == EXPECTED


def test_a_formula_is_read_as_the_value_excel_computed():
    workbook = book(HEADER, *ROWS)
    workbook.active["C3"] = "=C2-19730"  # 29250 - 19730 = 9520
    content = with_computed_values(workbook_bytes(workbook), {("Invånare", "C3"): 9520})
    assert read_figures(content) == EXPECTED


def test_a_formula_excel_never_computed_is_refused_with_its_place():
    workbook = book(HEADER, *ROWS)
    workbook.active["C3"] = "=C2-19730"
    assert (
        "blad Invånare, rad 3, kolumn C: formeln =C2-19730 har inget beräknat värde. "
        "Öppna och spara filen i Excel, eller skriv in värdet."
    ) in problems(workbook_bytes(workbook))


def test_a_formula_that_computed_an_error_is_named():
    workbook = book(HEADER, *ROWS)
    workbook.active["C3"] = "=C2/0"
    content = with_computed_values(workbook_bytes(workbook), {("Invånare", "C3"): "#DIV/0!"})
    assert "”#DIV/0!”" in problems(content)


def test_merged_cells_are_refused_naming_them():
    workbook = book(HEADER, *ROWS)
    workbook.active.merge_cells("A3:B3")
    assert "Bladet Invånare har sammanfogade celler (A3:B3)" in problems(workbook_bytes(workbook))


def test_a_hidden_sheet_before_the_data_is_passed_over():
    workbook = book(["Gammalt"], ["Gislaveds kommun", "2014-11-01", 1], title="Arkiv")
    workbook.active.sheet_state = "hidden"
    data = workbook.create_sheet("Invånare")
    for row in (HEADER, *ROWS):
        data.append(row)
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_data_on_a_hidden_sheet_only_is_refused_clearly():
    workbook = book(HEADER, *ROWS, title="Data")
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Tomt")
    assert "Uppgifterna står bara på dolda blad (Data)" in problems(workbook_bytes(workbook))


def test_an_empty_cover_sheet_is_passed_over_and_later_sheets_ignored():
    workbook = book(title="Försättsblad")
    data = workbook.create_sheet("Invånare")
    for row in (HEADER, *ROWS):
        data.append(row)
    notes = workbook.create_sheet("Anteckningar")
    notes.append(["Kommun", "Datum", "Invånare"])
    notes.append(["Gislaveds kommun", "2015-11-01", 1])  # a sheet after the data is not read
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_when_the_first_sheet_is_not_the_table_the_message_names_the_sheet_read():
    workbook = book(["Läs mig först"], title="Instruktioner")
    data = workbook.create_sheet("Invånare")
    for row in (HEADER, *ROWS):
        data.append(row)
    assert "kolumnen ”Kommun” saknas i rubrikraden" in problems(workbook_bytes(workbook))


def test_a_title_and_an_empty_row_above_the_header():
    workbook = book(["Invånare 1 november 2015"], [], ["Källa: SCB"], HEADER, *ROWS)
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_extra_columns_in_any_order_and_empty_rows_between():
    header = ["Invånare", "Kommentar", "Kommun", "Datum"]
    rows = [[r[2], "enligt SCB", r[0], r[1]] for r in ROWS]
    workbook = book(header, rows[0], [], [None, None, None], rows[1], [], rows[2])
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_hidden_rows_are_read_as_excel_exports_them():
    workbook = book(HEADER, *ROWS)
    workbook.active.row_dimensions[3].hidden = True
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_typed_dates_and_numbers_stored_as_text():
    workbook = book(
        HEADER,
        ["Gislaveds kommun", date(2015, 11, 1), "29 250"],
        ["Gnosjö kommun", date(2015, 11, 1), 9520.0],
        ["Värnamo kommun", "2015-11-01", "33300"],
    )
    assert read_figures(workbook_bytes(workbook)) == EXPECTED


def test_csv_with_a_title_above_the_header_and_windows_line_ends():
    text = "Invånare per kommun\r\n\r\nKommun;Datum;Invånare\r\n" + "".join(
        f"{r[0]};{r[1]};{r[2]}\r\n" for r in ROWS
    )
    batch, plan = population(text.encode("cp1252"), "inv.csv")
    assert not plan.problems and [(c.subject, c.after) for c in plan.changes] == EXPECTED


def test_a_csv_field_too_long_for_the_csv_module_is_a_message_not_a_crash():
    content = ("Kommun;Datum;Invånare\n" + '"' + "x" * 200_000 + '";2015-11-01;1\n').encode()
    assert "kunde inte läsas som CSV" in problems_named(content, "inv.csv")


def problems_named(content: bytes, name: str) -> str:
    batch, plan = population(content, name)
    assert batch is None
    return " ".join(str(p) for p in plan.problems)


def test_trial_balance_with_a_title_a_formula_and_extra_columns():
    """The trial balance reads through the same table reader: its computed closing balance
    and a report title above the header are read as they stand."""
    workbook = book(
        ["Råbalans mars 2015", None, None, None, None, None],
        ["Konto", "Benämning", "Ingående balans", "Periodens förändring", "Utgående balans", "Ver"],
        [1930, "Bank", 100000, -5000, "=C3+D3", 12],
        [2010, "Eget kapital", -100000, 0, -100000, 0],
        [3010, "Bidrag", 0, -10000, -10000, 3],
        [4010, "Kansli", 0, 15000, 15000, 9],
        title="Råbalans",
    )
    content = with_computed_values(workbook_bytes(workbook), {("Råbalans", "E3"): 95000})
    finnveden = Association.objects.get(slug="finnveden")
    batch, plan = import_upload(
        association=finnveden,
        kind="trial_balance",
        filename="rb.xlsx",
        content=content,
        user=None,
        period_end=date(2015, 3, 31),
    )
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.ledger.movements[("1930", 2015, 3)] == Decimal(-5000)
    assert ImportBatch.objects.filter(pk=batch.pk).exists()
    assert not MonthMovement.objects.filter(association=finnveden, year=2015).exists()
