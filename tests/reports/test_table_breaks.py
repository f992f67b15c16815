"""Tables in the printed reports break only where a reader can follow: a table of up to 30
rows is never split across pages; a longer one only between its sections, with at least three
rows on each side. Checked on the seed reports' PDFs (pdftotext: which page each row is on)."""

import subprocess
from decimal import Decimal

import pytest

from budgets.models import BudgetAmount
from budgets.services import line_add
from reports.builders import build_report
from reports.data import Row, Table
from reports.models import Report
from reports.rendering import report_pdf
from tests.reports.helpers import normalised
from tests.reports.plan_texts import printed

pytestmark = pytest.mark.django_db


def _budget_table(data) -> Table:
    return next(
        table
        for section in data.sections
        for each in section.walk()
        if each.block is not None
        for table in each.block.tables
        if table.caption.startswith("Budget 2014-2015") and ":" not in table.caption
    )


def _pages(content: bytes) -> list[list[str]]:
    """Each page's lines (pdftotext -raw prints a table row on one line)."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return [[normalised(line) for line in page.splitlines()] for page in text.split("\f")]


def _row_pages(table: Table, pages: list[list[str]]) -> list[int]:
    """The page each row of `table` is printed on: searched from its caption on, in order."""
    found, page, line = [], 0, 0
    for wanted in [
        table.caption,
        *(" ".join([r.label, *filter(None, r.cells)]) for r in table.rows),
    ]:
        wanted = normalised(wanted)[:40]
        while page < len(pages):
            lines = pages[page]
            hit = next((i for i in range(line, len(lines)) if lines[i].startswith(wanted)), None)
            if hit is not None:
                found.append(page + 1)
                line = hit + 1
                break
            page, line = page + 1, 0
        else:
            raise AssertionError(f"{table.caption}: {wanted!r} not found")
    return found[1:]


def _finnveden_plan():
    return Report.objects.get(association__slug="finnveden", kind="verksamhetsplan")


def test_finnvedens_budget_of_24_rows_is_printed_on_one_page():
    data, _markup, content = printed("finnveden", 2014)
    table = _budget_table(data)
    pages = _row_pages(table, _pages(content))
    # Before: rows 1-23 on page 7 and the last row ("Preliminärt överskott kvar") on page 8.
    assert len(table.rows) == 24 and len(set(pages)) == 1


def test_a_long_budget_breaks_between_sections_with_three_rows_each_side(association):
    document = association.budget_documents.get()
    operations = document.sections.get(name="Verksamhet")
    column = document.columns.get(year=2014)
    for number in range(1, 15):
        line = line_add(section=operations, label=f"Ny insats {number}", user=None)
        BudgetAmount.objects.create(line=line, column=column, amount=Decimal(10_000 * number))
    data = build_report(_finnveden_plan())
    table = _budget_table(data)
    pages = _row_pages(table, _pages(report_pdf(data)))
    assert len(table.rows) == 38
    breaks = [i for i in range(1, len(pages)) if pages[i] != pages[i - 1]]
    assert len(breaks) == 1
    first_on_new_page = table.rows[breaks[0]]
    assert first_on_new_page.kind == "heading"  # a section starts the new page
    assert min(breaks[0], len(pages) - breaks[0]) >= 3


def _rows(*kinds: str) -> tuple[Row, ...]:
    return tuple(Row(f"{kind} {i}", kind=kind) for i, kind in enumerate(kinds))


def test_row_groups_follow_sections_and_never_leave_fewer_than_three_rows():
    table = Table(
        "T",
        (),
        _rows(
            "heading",
            "line",
            "line",
            "line",
            "heading",
            "line",
            "heading",
            "line",
            "line",
            "line",
            "total",
            "heading",
            "result",
        ),
    )
    # Sections of 4, 2, 5 and 2 rows: the second joins the third (7 rows), and the last,
    # too short to stand alone after a break, joins them as well.
    assert [len(group) for group in table.row_groups] == [4, 9]
    assert [g[0].label for g in table.row_groups] == ["heading 0", "heading 4"]
    short = Table("T", (), _rows("heading", "line", "line", "line", "heading", "result"))
    assert [len(group) for group in short.row_groups] == [6]
    assert short.kept_whole and not Table("T", (), _rows(*["line"] * 31)).kept_whole
