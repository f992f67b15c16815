"""The sheets of several budgets read together (`budget_sheets`, the start page's checks) are
the sheets each gives alone (`budget_sheet`): the same figures, checks and structure."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.models import BudgetAmount, BudgetDocument
from budgets.selectors import budget_sheet, budget_sheets
from budgets.services import document_adopt

pytestmark = pytest.mark.django_db


def _adopted_finnveden() -> None:
    """Finnveden's budget adopted, then a figure changed: its sheet shows the adopted figures,
    `today` the changed one."""
    document = BudgetDocument.objects.get(association__slug="finnveden")
    document_adopt(
        document=document,
        adopted_on=date(2013, 12, 12),
        meeting=None,
        diary_number="2013/45",
        user=None,
        motivation="Överskottet från tidigare år används medvetet under 2014–2015.",
    )
    changed = BudgetAmount.objects.filter(line__document=document, line__label="Kansli")
    assert changed.update(amount=1) > 0


def _same(together, alone) -> None:
    assert together.document == alone.document
    assert together.columns == alone.columns
    assert together.sections == alone.sections
    assert together.footnotes == alone.footnotes
    assert together.input == alone.input
    assert together.result == alone.result
    assert together.granted == alone.granted
    assert together.adoption == alone.adoption


@pytest.mark.parametrize("today", [False, True])
def test_the_sheets_read_together_are_those_read_one_at_a_time(today):
    _adopted_finnveden()
    documents = list(BudgetDocument.objects.order_by("-pk"))  # not in the order of the ids
    assert len({d.association_id for d in documents}) == 4
    sheets = budget_sheets(documents, today=today)
    assert [s.document for s in sheets] == documents
    for together, document in zip(sheets, documents, strict=True):
        _same(together, budget_sheet(document, today=today))
    adopted = next(s for s in sheets if s.document.association.slug == "finnveden")
    assert (adopted.adoption is None) == today


def test_reading_a_line_s_document_makes_no_query():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    sheet = budget_sheet(document)
    with CaptureQueriesContext(connection) as queries:
        assert {line.document for line in sheet.lines} == {document}
        assert {column.document for column in sheet.columns} == {document}
    assert len(queries) == 0


def test_no_documents_no_sheets_and_no_queries():
    with CaptureQueriesContext(connection) as queries:
        assert budget_sheets([]) == []
    assert len(queries) == 0
