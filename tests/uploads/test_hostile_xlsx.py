"""Workbooks that are small on the wire but costly to read are refused before openpyxl reads
them, with a message saying what is too large; a workbook within the bounds is read as before.
bench/hostile_uploads.py measures the same kinds of file at full size."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from budgets.models import BudgetDocument
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.lib import xlsx_limits
from finsam.lib.tabular import TableError, read_table
from finsam.models import ImportBatch
from finsam.permissions import Role
from tests.spreadsheets import workbook_bytes

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _patched(parts: dict[str, str]) -> bytes:
    """A workbook written by openpyxl (sheet "Blad1") with some parts replaced."""
    book = Workbook()
    book.active.title = "Blad1"
    book.active.append(["År", "Medlem", "Belopp"])
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(book)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, parts.get(name, source.read(name)))
        for name in set(parts) - set(source.namelist()):
            target.writestr(name, parts[name])
    return out.getvalue()


def _sheet(rows: str) -> dict[str, str]:
    return {
        "xl/worksheets/sheet1.xml": f"<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>"
    }


def _row(number: int, cells: int) -> str:
    from openpyxl.utils import get_column_letter

    values = "".join(
        f'<c r="{get_column_letter(c)}{number}"><v>1</v></c>' for c in range(1, cells + 1)
    )
    return f'<row r="{number}">{values}</row>'


FAR_CELL = _patched(_sheet(_row(1, 3) + '<row r="3000"><c r="Z3000"><v>1</v></c></row>'))
MANY_CELLS = _patched(_sheet("".join(_row(r, 10) for r in range(1, 2_102))))
MANY_STRINGS = _patched(
    {
        "xl/sharedStrings.xml": f'<sst {MAIN} count="20001">'
        + "".join(f"<si><t>t{i}</t></si>" for i in range(20_001))
        + "</sst>"
    }
)
MANY_STYLES = _patched(
    {
        "xl/styles.xml": f"<styleSheet {MAIN}><cellXfs>"
        + '<xf numFmtId="0"/>' * 5_001
        + "</cellXfs></styleSheet>"
    }
)
ENTITIES = _patched(
    {
        "xl/sharedStrings.xml": '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "ha">]>'
        f"<sst {MAIN}><si><t>&a;</t></si></sst>"
    }
)
CASES = [
    (FAR_CELL, "Bladet ”Blad1” sträcker sig ända till cell Z3000; högst 50 000 celler"),
    (MANY_CELLS, "Arbetsboken har mer än 20 000 ifyllda celler"),
    (MANY_STRINGS, "Arbetsboken har 20 001 olika texter; högst 20 000 kan läsas."),
    (MANY_STYLES, "Arbetsboken har 5 001 cellformat; högst 5 000 kan läsas."),
    (ENTITIES, "DOCTYPE- eller ENTITY-deklaration (i xl/sharedStrings.xml)"),
]


@pytest.mark.parametrize(("content", "message"), CASES)
def test_the_table_reader_refuses_a_costly_workbook(content, message):
    with pytest.raises(TableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(content, "bidrag.xlsx")


@pytest.mark.parametrize(("content", "message"), CASES)
def test_the_budget_reader_refuses_a_costly_workbook(content, message):
    with pytest.raises(BudgetFileError) as caught:
        read_budget(content)
    assert message in caught.value.problems[0]


def test_cells_without_references_are_placed_as_openpyxl_places_them():
    # Row 1 with three cells, 900 empty rows, then row 902 whose 56th cell passes the bound.
    rows = "<row>" + "<c><v>1</v></c>" * 3 + "</row>" + "<row/>" * 900
    far = _patched(_sheet(rows + "<row>" + "<c><v>1</v></c>" * 60 + "</row>"))
    with pytest.raises(xlsx_limits.WorkbookLimitError, match="till cell BD902;"):
        xlsx_limits.check_workbook(far)


def test_what_a_zip_declares_bounds_what_is_unpacked():
    content = _patched(_sheet(_row(1, 3) + "<row/>" * 10))
    with pytest.raises(xlsx_limits.WorkbookLimitError, match="packas upp till"):
        xlsx_limits.check_workbook(content, max_unpacked=1000)


def test_a_workbook_within_the_bounds_is_read():
    rows = read_table(_patched(_sheet("".join(_row(r, 10) for r in range(1, 1_000)))), "b.xlsx")
    assert (len(rows), rows[-1][-1].place, rows[-1][-1].text) == (
        999,
        "blad Blad1, rad 999, kolumn J",
        "1",
    )


@pytest.mark.django_db
def test_a_costly_workbook_uploaded_is_named_and_nothing_is_kept(client, make_user, association):
    client.force_login(make_user("import-admin", association, Role.ADMIN))
    before = (ImportBatch.objects.count(), BudgetDocument.objects.count())
    page = client.post(
        "/finnveden/importer/",
        {"kind": "contributions", "file": SimpleUploadedFile("bidrag.xlsx", FAR_CELL)},
    ).content.decode()
    budget = client.post(
        "/finnveden/budget/las-in/", {"file": SimpleUploadedFile("budget.xlsx", MANY_STYLES)}
    ).content.decode()
    assert "sträcker sig ända till cell Z3000" in page
    assert "Arbetsboken har 5 001 cellformat" in budget
    assert (ImportBatch.objects.count(), BudgetDocument.objects.count()) == before
