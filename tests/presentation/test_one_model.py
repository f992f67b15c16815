"""The statements page and the interim report print the same rows from one model: what the
board reads on screen is what the PDF prints (Växjö's interim report, 31 August 2014)."""

import pytest

from finsam.permissions import Role
from reports.blocks.statements import balance_sheet_block, income_statement_block, notes_block
from reports.context import BuildContext
from reports.models import Report

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def report() -> Report:
    return Report.objects.get(association__slug="vaxjo", kind="delarsrapport")


def _printed(rows):
    return [(row.label, row.texts) for row in rows]


def test_statements_page_and_report_print_the_same_rows(client, make_user, report):
    context = BuildContext(report)
    client.force_login(make_user("ledamot", report.association, Role.BOARD))
    end = context.period_end.isoformat()
    page = client.get(f"/vaxjo/bokforing/?period_end={end}&unit={context.options.unit}")
    for rows, block in (
        (page.context["income_rows"], income_statement_block),
        (page.context["balance_rows"], balance_sheet_block),
    ):
        (table,) = block(context).tables
        assert _printed(rows) == [(row.label, row.cells) for row in table.rows]
        assert [row.kind for row in rows] == [row.kind for row in table.rows]
    notes = notes_block(context).tables
    assert [[*_printed(n.rows), *_printed([n.total])] for n in page.context["notes"]] == [
        [(row.label, row.cells) for row in table.rows] for table in notes
    ]
    # Note 1: four contributions of 533 tkr under a total of 2 133 tkr.
    first = page.context["notes"][0]
    assert {row.texts for row in first.rows} == {("533",)}
    assert first.total.texts == (f"2{NBSP}133",)
