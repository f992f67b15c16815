"""The cash-flow statement by the indirect method (budgets.accounts.cashflow), without a
database: Växjö samordningsförbund's 2013 as a worked example, the check when something is
booked outside the lines it reads, and a property over generated books: whatever the
vouchers, the cash flow ends at the balance sheet's change in cash and bank.
"""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgets.accounts.cashflow import cash_flow
from budgets.accounts.lines import StatementLine as L
from budgets.accounts.lines import is_result_line
from budgets.accounts.statements import AccountInfo, Balances

D = Decimal

# Växjö's accounts as booked (debit positive): fixtures/vaxjo/accounts.toml, 2013.
VAXJO = [
    AccountInfo("1640", "Momsfordran staten", L.SHORT_TERM_RECEIVABLES),
    AccountInfo("1690", "Övriga kortfristiga fordringar", L.SHORT_TERM_RECEIVABLES),
    AccountInfo("1710", "Förutbetalda hyror", L.PREPAID_EXPENSES),
    AccountInfo("1930", "Bankkonto", L.CASH_AND_BANK),
    AccountInfo("2010", "Eget kapital", L.EQUITY),
    AccountInfo("2440", "Leverantörsskulder", L.SUPPLIERS),
    AccountInfo("2890", "Övriga kortfristiga skulder", L.OTHER_LIABILITIES),
    AccountInfo("2990", "Övriga upplupna kostnader", L.ACCRUED_EXPENSES),
    AccountInfo("3010", "Bidrag", L.OPERATING_REVENUE),
    AccountInfo("4010", "Kostnader", L.OPERATING_COSTS),
    AccountInfo("8310", "Ränteintäkter", L.FINANCIAL_REVENUE),
]
VAXJO_2013 = Balances(
    opening={"1930": D(2300000), "2010": D(-2114600), "2440": D(-185400)},
    closing={
        "1640": D(60000),
        "1690": D(45900),
        "1710": D(12000),
        "1930": D(1579700),
        "2010": D(-2114600),
        "2440": D(-634800),
        "2890": D(-12900),
        "2990": D(-69200),
        "3010": D(-3800000),
        "4010": D(4955900),
        "8310": D(-22000),
    },
)


def test_vaxjo_2013_worked_example():
    flow = cash_flow(VAXJO, VAXJO_2013)
    assert flow.result == D(-1133900)
    assert flow.non_cash_items == 0
    assert flow.operating_before_working_capital == D(-1133900)
    assert flow.receivables_change == D(-117900)  # 0 -> 117 900: money tied up
    assert flow.liabilities_change == D(531500)  # 185 400 -> 716 900: money kept
    assert flow.operating == D(-720300)
    assert (flow.investing, flow.financing) == (0, 0)
    assert flow.change == D(-720300)
    assert (flow.cash_opening, flow.cash_closing) == (D(2300000), D(1579700))
    assert flow.balance_sheet_change == D(-720300)
    assert flow.agrees


def test_money_booked_straight_to_equity_fails_the_check():
    """A payment booked against equity, not through the result, moves the bank but not the
    lines the cash flow reads: the check says so."""
    closing = dict(VAXJO_2013.closing)
    closing["1930"] -= 1000
    flow = cash_flow(VAXJO, Balances(VAXJO_2013.opening, closing))
    assert flow.change == D(-720300)
    assert flow.balance_sheet_change == D(-721300)
    assert not flow.agrees


ACCOUNTS = [
    AccountInfo("1510", "Fordringar", L.SHORT_TERM_RECEIVABLES),
    AccountInfo("1790", "Upplupna intäkter", L.PREPAID_EXPENSES),
    AccountInfo("1910", "Kassa", L.CASH_AND_BANK),
    AccountInfo("1930", "Bank", L.CASH_AND_BANK),
    AccountInfo("2010", "Eget kapital", L.EQUITY),
    AccountInfo("2440", "Leverantörsskulder", L.SUPPLIERS),
    AccountInfo("2890", "Övriga skulder", L.OTHER_LIABILITIES),
    AccountInfo("2990", "Upplupna kostnader", L.ACCRUED_EXPENSES),
    AccountInfo("3010", "Bidrag", L.OPERATING_REVENUE),
    AccountInfo("4010", "Kostnader", L.OPERATING_COSTS),
    AccountInfo("8310", "Ränteintäkter", L.FINANCIAL_REVENUE),
    AccountInfo("8410", "Räntekostnader", L.FINANCIAL_COSTS),
]
# Every voucher of the year may touch any account except equity, which moves only by the
# year's result when the books are closed.
MOVABLE = [a.number for a in ACCOUNTS if a.line != L.EQUITY]
amounts = st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False)
voucher = st.tuples(st.sampled_from(MOVABLE), st.sampled_from(MOVABLE), amounts)


def _balanced_opening(values: list[Decimal]) -> dict[str, Decimal]:
    """Opening balances of the balance accounts, equity taking the difference."""
    numbers = [a.number for a in ACCOUNTS if not is_result_line(a.line) and a.line != L.EQUITY]
    opening = dict(zip(numbers, values, strict=True))
    opening["2010"] = -sum(opening.values(), Decimal(0))
    return opening


@given(st.lists(amounts, min_size=7, max_size=7), st.lists(voucher, max_size=30))
def test_cash_flow_always_ends_at_the_change_in_cash_and_bank(opening_values, vouchers):
    opening = _balanced_opening(opening_values)
    closing = {n: v for n, v in opening.items()}
    for debit, credit, amount in vouchers:
        closing[debit] = closing.get(debit, Decimal(0)) + amount
        closing[credit] = closing.get(credit, Decimal(0)) - amount
    flow = cash_flow(ACCOUNTS, Balances(opening, closing))
    assert flow.agrees
    assert flow.change == flow.cash_closing - flow.cash_opening
