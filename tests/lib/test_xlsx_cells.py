"""Cells of exported workbooks: a text is always stored as text, never as a formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from finsam.lib.xlsx_cells import append, formula, put

HOSTILE = [
    '=HYPERLINK("http://example.com/x","Klicka")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def _reloaded(book: Workbook):
    out = io.BytesIO()
    book.save(out)
    return load_workbook(io.BytesIO(out.getvalue())).active


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_that_looks_like_a_formula_is_stored_as_text(value):
    book = Workbook()
    put(book.active, 1, 1, value)
    cell = _reloaded(book)["A1"]
    # A bare carriage return survives when openpyxl writes with lxml (escaped as &#13;) and
    # comes back as a line feed with its own XML writer; either way the text is kept as text.
    read = cell.value.replace("\r", "\n")
    assert (read, cell.data_type, cell.quotePrefix) == (value.replace("\r", "\n"), "s", True)


def test_plain_text_numbers_and_the_applications_formulas_are_kept():
    book = Workbook()
    append(book.active, ["Gislaveds kommun", 302_600, None, "en - i mitten"])
    append(book.active, HOSTILE[:2])
    formula(book.active, "B3", "=SUM(B1:B2)")
    sheet = _reloaded(book)
    assert [(c.value, c.data_type, c.quotePrefix) for c in sheet[1]] == [
        ("Gislaveds kommun", "s", False),
        (302_600, "n", False),
        (None, "n", False),
        ("en - i mitten", "s", False),
    ]
    assert [c.value for c in sheet[2]][:2] == HOSTILE[:2]
    assert (sheet["B3"].value, sheet["B3"].data_type) == ("=SUM(B1:B2)", "f")


def test_control_characters_xml_cannot_hold_are_dropped_not_raised():
    book = Workbook()
    put(book.active, 1, 1, "Rad\x0bett\x00\x1ftvå\tflik\nny rad")
    assert _reloaded(book)["A1"].value == "Radetttvå\tflik\nny rad"


def test_formula_takes_only_a_formula():
    with pytest.raises(ValueError):
        formula(Workbook().active, "A1", "SUM(A2)")
