"""The budget checks against the equity ceiling, with Finnveden's seed budget 2014-2015.

The steps here are test data, not the recommendation's (the shipped table is empty).
Finnveden's budget 2014 closes at 300 000 kr on contributions of 2 992 000 kr.
"""

from decimal import Decimal

import pytest

from budgets.equity_ceiling import equity_ceiling
from budgets.models import EquityCeilingStep
from budgets.selectors import budget_sheet

pytestmark = pytest.mark.django_db


def _checks_of_2014(association):
    document = association.budget_documents.get()
    column = document.columns.get(year=2014)
    sheet = budget_sheet(document)
    assert sheet.result.columns[column.pk].closing == 300_000
    return [(c.level, c.message) for c in sheet.result.checks if c.column == column.pk]


def _step(percent: str) -> None:
    EquityCeilingStep.objects.create(lower=0, share_percent=Decimal(percent), source="test")


def test_the_shipped_table_is_empty_and_the_checks_say_so(association):
    assert not EquityCeilingStep.objects.exists()
    sheet = budget_sheet(association.budget_documents.get())
    notes = [c.message for c in sheet.result.checks if "eget kapital" in c.message]
    assert notes == ["Tak för eget kapital: inget tak är inlagt."]
    assert equity_ceiling(association, 2014) is None


def test_closing_above_the_ceiling_is_a_warning_with_the_figures(association):
    _step("10")  # 10 % of 2 992 000 = 299 200, below the closing 300 000
    assert (
        "warning",
        "Budget 2014: utgående eget kapital (300\xa0000 kr) är över taket för eget kapital "
        "(299\xa0200 kr för årets bidrag 2\xa0992\xa0000 kr) med 800 kr.",
    ) in _checks_of_2014(association)


def test_closing_below_the_ceiling_is_no_warning(association):
    _step("11")  # 329 120 kr: above the closing
    assert not [m for _, m in _checks_of_2014(association) if "taket" in m]


def test_equity_ceiling_of_a_year_reads_the_funding(association):
    _step("10")
    ceiling = equity_ceiling(association, 2014)
    assert ceiling is not None
    assert (ceiling.contributions, ceiling.ceiling, ceiling.share_percent) == (
        2_992_000,
        299_200,
        10,
    )
    assert ceiling.excess(Decimal(300_000)) == 800 and ceiling.excess(Decimal(1)) == 0
    assert equity_ceiling(association, 2030) is None  # no funding decision that year
