"""The cash-flow statement (kassaflödesanalys) by the indirect method, from the books (no
database).

The municipal accounting act (LKBR 2018:597, 7 kap.; the KRL before it) asks for a statement of
how the year's cash moved. The indirect method starts from the year's result, adds back what
did not move money (depreciation, provisions: the chart's statement lines have none, so the
adjustment is 0 until they do), and adds the change in short-term receivables (a decrease
frees money) and in short-term liabilities (an increase keeps money). Investing and financing
are 0 for a förbund's chart of lines. What comes out must equal the balance sheet's change in
cash and bank; `agrees` is that check, and a difference means something was booked outside
the lines the statement reads (equity moved other than by the result, say).

Figures are in kronor as the statements print them (budgets.accounts.lines.printed).
"""

from dataclasses import dataclass
from decimal import Decimal

from budgets.accounts.lines import (
    ASSET_LINES,
    LIABILITY_LINES,
    RESULT_LINES,
    StatementLine,
    printed,
)
from budgets.accounts.statements import AccountInfo, Balances

ZERO = Decimal(0)
CASH = StatementLine.CASH_AND_BANK
RECEIVABLE_LINES = [line for line in ASSET_LINES if line != CASH]


@dataclass(frozen=True)
class CashFlow:
    """One year's cash flow, every figure in kronor with the sign it is printed with."""

    result: Decimal
    non_cash_items: Decimal  # depreciation and provisions added back
    receivables_change: Decimal  # a decrease of receivables is positive
    liabilities_change: Decimal  # an increase of short-term liabilities is positive
    investing: Decimal
    financing: Decimal
    cash_opening: Decimal
    cash_closing: Decimal

    @property
    def operating_before_working_capital(self) -> Decimal:
        return self.result + self.non_cash_items

    @property
    def operating(self) -> Decimal:
        return self.operating_before_working_capital + (
            self.receivables_change + self.liabilities_change
        )

    @property
    def change(self) -> Decimal:
        """The year's cash flow: the change in cash and bank the statement arrives at."""
        return self.operating + self.investing + self.financing

    @property
    def balance_sheet_change(self) -> Decimal:
        return self.cash_closing - self.cash_opening

    @property
    def agrees(self) -> bool:
        """The check: the cash flow equals the balance sheet's change in cash and bank."""
        return self.change == self.balance_sheet_change


def _total(accounts: list[AccountInfo], source: dict[str, Decimal], lines: list) -> Decimal:
    return sum(
        (printed(a.line, source.get(a.number, ZERO)) for a in accounts if a.line in lines), ZERO
    )


def cash_flow(accounts: list[AccountInfo], balances: Balances) -> CashFlow:
    """The year's cash flow from its opening balances and its closing figures (a whole year:
    the closing balances of balance accounts and the year's sums of result accounts)."""
    opening, closing = balances.opening, balances.closing

    def change(lines: list) -> Decimal:
        return _total(accounts, closing, lines) - _total(accounts, opening, lines)

    return CashFlow(
        result=_total(accounts, closing, RESULT_LINES),
        non_cash_items=ZERO,
        receivables_change=-change(RECEIVABLE_LINES),
        liabilities_change=change(LIABILITY_LINES),
        investing=ZERO,
        financing=ZERO,
        cash_opening=_total(accounts, opening, [CASH]),
        cash_closing=_total(accounts, closing, [CASH]),
    )
