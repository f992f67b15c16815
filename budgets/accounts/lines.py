"""The lines of the income statement and balance sheet that accounts are mapped to.

The default layout follows the municipal statements of Växjö samordningsförbund's interim
report (Kommunal redovisningslag). Each line belongs to a side, which fixes its sign: books
keep debits positive, so revenue, equity and liabilities are negative in the books and are
printed with their sign turned.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    REVENUE = "revenue", _("Intäkter")
    COST = "cost", _("Kostnader")
    ASSET = "asset", _("Tillgångar")
    EQUITY = "equity", _("Eget kapital")
    LIABILITY = "liability", _("Skulder")


class StatementLine(models.TextChoices):
    OPERATING_REVENUE = "operating_revenue", _("Verksamhetens intäkter")
    OPERATING_COSTS = "operating_costs", _("Verksamhetens kostnader")
    FINANCIAL_REVENUE = "financial_revenue", _("Finansiella intäkter")
    FINANCIAL_COSTS = "financial_costs", _("Finansiella kostnader")
    SHORT_TERM_RECEIVABLES = "receivables", _("Kortfristiga fordringar")
    PREPAID_EXPENSES = "prepaid", _("Förutbetalda kostn och upplupna int")
    CASH_AND_BANK = "cash", _("Kassa och bank")
    EQUITY = "equity", _("Eget kapital")
    SUPPLIERS = "suppliers", _("Leverantörsskulder")
    OTHER_LIABILITIES = "other_liabilities", _("Övriga skulder")
    ACCRUED_EXPENSES = "accrued", _("Uppl kostnader och förutbet intäkter")


SIDE_OF = {
    StatementLine.OPERATING_REVENUE: Side.REVENUE,
    StatementLine.OPERATING_COSTS: Side.COST,
    StatementLine.FINANCIAL_REVENUE: Side.REVENUE,
    StatementLine.FINANCIAL_COSTS: Side.COST,
    StatementLine.SHORT_TERM_RECEIVABLES: Side.ASSET,
    StatementLine.PREPAID_EXPENSES: Side.ASSET,
    StatementLine.CASH_AND_BANK: Side.ASSET,
    StatementLine.EQUITY: Side.EQUITY,
    StatementLine.SUPPLIERS: Side.LIABILITY,
    StatementLine.OTHER_LIABILITIES: Side.LIABILITY,
    StatementLine.ACCRUED_EXPENSES: Side.LIABILITY,
}

# Long names used as the heading of a line's note ("Not 4 Förutbetalda kostnader och ...").
NOTE_TITLE = {
    StatementLine.PREPAID_EXPENSES: _("Förutbetalda kostnader och upplupna intäkter"),
    StatementLine.ACCRUED_EXPENSES: _("Upplupna kostnader och förutbetalda intäkter"),
}

RESULT_LINES = [
    StatementLine.OPERATING_REVENUE,
    StatementLine.OPERATING_COSTS,
    StatementLine.FINANCIAL_REVENUE,
    StatementLine.FINANCIAL_COSTS,
]
ASSET_LINES = [
    StatementLine.SHORT_TERM_RECEIVABLES,
    StatementLine.PREPAID_EXPENSES,
    StatementLine.CASH_AND_BANK,
]
LIABILITY_LINES = [
    StatementLine.SUPPLIERS,
    StatementLine.OTHER_LIABILITIES,
    StatementLine.ACCRUED_EXPENSES,
]
# The order in which notes are numbered: the order the lines are printed in.
PRINT_ORDER = [*RESULT_LINES, *ASSET_LINES, StatementLine.EQUITY, *LIABILITY_LINES]


def is_result_line(line: str) -> bool:
    return SIDE_OF[StatementLine(line)] in (Side.REVENUE, Side.COST)


def printed(line: str, booked: Decimal) -> Decimal:
    """The figure as statements print it: only assets keep the books' sign.

    Revenue (booked as credit) prints positive, costs (debit) print negative ("-2 339"), and
    equity and liabilities (credit) print positive.
    """
    return booked if SIDE_OF[StatementLine(line)] == Side.ASSET else -booked


# The default mapping of a new account, by its number in the (municipal) BAS chart.
_DEFAULTS = [
    ("16", StatementLine.SHORT_TERM_RECEIVABLES),
    ("15", StatementLine.SHORT_TERM_RECEIVABLES),
    ("17", StatementLine.PREPAID_EXPENSES),
    ("19", StatementLine.CASH_AND_BANK),
    ("1", StatementLine.SHORT_TERM_RECEIVABLES),
    ("20", StatementLine.EQUITY),
    ("24", StatementLine.SUPPLIERS),
    ("29", StatementLine.ACCRUED_EXPENSES),
    ("2", StatementLine.OTHER_LIABILITIES),
    ("3", StatementLine.OPERATING_REVENUE),
    ("83", StatementLine.FINANCIAL_REVENUE),
    ("84", StatementLine.FINANCIAL_COSTS),
    ("8", StatementLine.FINANCIAL_COSTS),
]


def default_line(number: str) -> StatementLine:
    """Where a new account goes until staff map it: its BAS class decides."""
    for prefix, line in _DEFAULTS:
        if number.startswith(prefix):
            return line
    return StatementLine.OPERATING_COSTS  # classes 4-7


def in_note(line: str, booked: Decimal) -> Decimal:
    """The figure as notes print it: every row as a positive amount of its kind.

    A note breaks a line down ("Verksamhetens kostnader ... Summa 2 339"), so costs are
    printed positive there, while the income statement prints the same line as -2 339.
    """
    side = SIDE_OF[StatementLine(line)]
    return booked if side in (Side.COST, Side.ASSET) else -booked
