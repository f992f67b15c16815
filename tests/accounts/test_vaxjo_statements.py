"""Växjö samordningsförbund's interim report January-August 2014, from its SIE file.

Every figure the seed prints in its income statement, balance sheet and notes (in thousands)
is asserted here, in order, computed from the books the demo imported.
"""

from datetime import date

import pytest

from budgets.accounts.lines import StatementLine as L
from budgets.accounts.selectors import statements_for
from finsam.lib.rounding import in_thousands

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    from finsam.models import Association

    return statements_for(Association.objects.get(slug="vaxjo"), date(2014, 8, 31))


def tkr(figures):
    return (int(in_thousands(figures.current)), int(in_thousands(figures.previous)))


def test_income_statement(statements):
    rows = [
        statements.lines[L.OPERATING_REVENUE],
        statements.lines[L.OPERATING_COSTS],
        statements.operating_result,
        statements.lines[L.FINANCIAL_REVENUE],
        statements.lines[L.FINANCIAL_COSTS],
        statements.financial_net,
        statements.result,
    ]
    assert [tkr(row) for row in rows] == [
        (2133, 3800),
        (-2339, -4956),
        (-206, -1156),
        (0, 22),
        (0, 0),
        (0, 22),
        (-206, -1134),
    ]


def test_balance_sheet(statements):
    assets = [
        statements.lines[line]
        for line in (L.SHORT_TERM_RECEIVABLES, L.PREPAID_EXPENSES, L.CASH_AND_BANK)
    ]
    assert [tkr(row) for row in [*assets, statements.assets]] == [
        (272, 106),
        (279, 12),
        (1191, 1580),
        (1742, 1698),
    ]
    equity = [statements.opening_equity, statements.result, statements.equity]
    assert [tkr(row) for row in equity] == [(981, 2115), (-206, -1134), (775, 981)]
    liabilities = [
        statements.lines[line] for line in (L.SUPPLIERS, L.OTHER_LIABILITIES, L.ACCRUED_EXPENSES)
    ]
    assert [tkr(row) for row in [*liabilities, statements.liabilities]] == [
        (115, 635),
        (2, 13),
        (850, 69),
        (967, 717),
    ]
    assert tkr(statements.equity_and_liabilities) == (1742, 1698)


def test_notes_as_printed(statements):
    printed = [
        (
            note.number,
            note.title,
            [(row.label, int(in_thousands(row.amount))) for row in note.rows],
            int(in_thousands(note.total)),
        )
        for note in statements.notes
    ]
    assert printed == [
        (
            1,
            "Verksamhetens intäkter",
            [
                ("Bidrag från Försäkringskassan", 533),
                ("Bidrag från Arbetsförmedlingen", 533),
                ("Bidrag från Landstinget", 533),
                ("Bidrag från Växjö kommun", 533),
            ],
            2133,
        ),
        (
            2,
            "Verksamhetens kostnader",
            [
                ("Administration", 363),
                ("Samordningsteamet – Aktiviteter för målgruppen", 611),
                ("Projektmedel målgruppen", 400),
                ("Samordningsteamet – Lönekostnad personal", 965),
            ],
            2339,
        ),
        (
            3,
            "Kortfristiga fordringar",
            [("Momsfordran staten april - augusti", 131), ("Övriga fordringar", 141)],
            272,
        ),
        (
            4,
            "Förutbetalda kostnader och upplupna intäkter",
            [
                ("Förutbetalda hyror september 2014", 12),
                ("Upplupna insatser Växjö kommun och Landstinget", 267),
            ],
            279,
        ),
        (5, "Kassa och bank", [("Kassa", 0), ("Bankkonto Swedbank", 1191)], 1191),
        (
            6,
            "Upplupna kostnader och förutbetalda intäkter",
            [
                ("Beslutade ej utbetalda projektmedel", 400),
                ("Förutbetalda insatser huvudmännen", 133),
                ("Övriga upplupna kostnader och förutbet int", 317),
            ],
            850,
        ),
    ]


def test_each_contribution_is_533_333_kr(statements):
    note = statements.notes[0]
    assert {row.amount for row in note.rows} == {533333}
    assert statements.lines[L.OPERATING_REVENUE].current == 2133332


def test_every_check_passes(statements):
    assert [c.name for c in statements.checks if not c.ok] == []
    assert len(statements.checks) == 5 + 6
