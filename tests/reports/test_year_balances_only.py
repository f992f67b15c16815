"""An interim report over books that hold the year as year balances only (an SIE 1 file):
the period's statements cannot come from them, and the report says so under each statement
instead of printing zeros without a word."""

import pytest

from budgets.accounts.models import BalanceKind, MonthMovement, YearBalance
from reports.builders import build_report
from reports.models import Report

pytestmark = pytest.mark.django_db
SAYS = "Bokföringen för 2014 har bara årssaldon, inga månadsbelopp"


def _statement_tables(report: Report) -> dict:
    data = build_report(report)
    return {
        table.caption: table
        for section in data.sections
        for part in (section, *section.children)
        if part.block is not None
        for table in part.block.tables
        if table.caption.startswith(("Resultaträkning", "Balansräkning"))
    }


def test_the_statements_say_the_year_has_no_months():
    report = Report.objects.get(association__slug="vaxjo", kind="delarsrapport")
    months = MonthMovement.objects.filter(association=report.association, year=2014)
    batch = months.first().batch
    months.delete()
    YearBalance.objects.update_or_create(
        association=report.association,
        account=report.association.accounts.get(number="1930"),
        year=2014,
        kind=BalanceKind.CLOSING,
        defaults={"amount": 1000, "batch": batch},
    )
    tables = _statement_tables(report)
    assert sorted(tables) == ["Balansräkning, tkr", "Resultaträkning, tkr"]
    for table in tables.values():
        assert any(SAYS in note for note in table.notes)


def test_books_with_months_print_no_such_note():
    report = Report.objects.get(association__slug="vaxjo", kind="delarsrapport")
    for table in _statement_tables(report).values():
        assert not any(SAYS in note for note in table.notes)
