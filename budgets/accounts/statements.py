"""Income statement, balance sheet and notes, computed from account balances (no database).

Input is what the books say, debit positive: for each account its balance at the start of the
year (`opening`) and, at the period's end, the year-to-date sum for result accounts or the
closing balance for balance accounts (`closing`). Output is a plain object with every printed
figure in kronor (round for printing with |kr or |tkr, each figure on its own) and the four
checks that must always hold:

- assets equal equity plus liabilities;
- the income statement's result equals the balance sheet's (assets - liabilities - opening
  equity), which holds exactly when the books balance;
- closing equity of the previous year equals this year's opening equity;
- each note adds up to its line.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.accounts.lines import (
    ASSET_LINES,
    LIABILITY_LINES,
    NOTE_TITLE,
    PRINT_ORDER,
    StatementLine,
    in_note,
    printed,
)
from finsam.lib.numbers import format_amount

ZERO = Decimal(0)


@dataclass(frozen=True)
class AccountInfo:
    number: str
    name: str
    line: str
    note_label: str = ""


@dataclass(frozen=True)
class Balances:
    """One column's books: opening balances and period-end figures per account number."""

    opening: dict[str, Decimal]
    closing: dict[str, Decimal]


@dataclass(frozen=True)
class Figures:
    """A statement row's figures: this period and the comparison column."""

    current: Decimal
    previous: Decimal


@dataclass(frozen=True)
class NoteRow:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Note:
    number: int
    line: str
    title: str
    rows: list[NoteRow]
    total: Decimal


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Statements:
    lines: dict[StatementLine, Figures]
    notes: list[Note]
    operating_result: Figures
    financial_net: Figures
    result: Figures
    assets: Figures
    opening_equity: Figures
    equity: Figures
    liabilities: Figures
    equity_and_liabilities: Figures
    balance_sheet_result: Figures
    checks: list[Check] = field(default_factory=list)

    @property
    def notes_by_line(self) -> dict[str, int]:
        """Each line's note number, for the statements' "Not" column."""
        return {note.line: note.number for note in self.notes}


def build_statements(
    accounts: list[AccountInfo], current: Balances, previous: Balances
) -> Statements:
    """Every figure of the income statement, balance sheet and notes for two columns."""
    lines = {
        line: Figures(_line_total(accounts, current, line), _line_total(accounts, previous, line))
        for line in PRINT_ORDER
    }
    statements = _assemble(lines)
    statements.notes = _notes(accounts, current)
    statements.checks = _checks(statements, has_previous=bool(previous.opening or previous.closing))
    return statements


def _booked_total(accounts: list[AccountInfo], balances: Balances, line: str) -> Decimal:
    source = balances.opening if line == StatementLine.EQUITY else balances.closing
    return sum((source.get(a.number, ZERO) for a in accounts if a.line == line), ZERO)


def _line_total(accounts: list[AccountInfo], balances: Balances, line: str) -> Decimal:
    return printed(line, _booked_total(accounts, balances, line))


def _sum(lines: dict[StatementLine, Figures], keys: list) -> Figures:
    return Figures(
        sum((lines[k].current for k in keys), ZERO), sum((lines[k].previous for k in keys), ZERO)
    )


def _plus(a: Figures, b: Figures) -> Figures:
    return Figures(a.current + b.current, a.previous + b.previous)


def _minus(a: Figures, b: Figures) -> Figures:
    return Figures(a.current - b.current, a.previous - b.previous)


def _assemble(lines: dict[StatementLine, Figures]) -> Statements:
    operating = _sum(lines, [StatementLine.OPERATING_REVENUE, StatementLine.OPERATING_COSTS])
    financial = _sum(lines, [StatementLine.FINANCIAL_REVENUE, StatementLine.FINANCIAL_COSTS])
    result = _plus(operating, financial)
    assets = _sum(lines, ASSET_LINES)
    liabilities = _sum(lines, LIABILITY_LINES)
    opening_equity = lines[StatementLine.EQUITY]
    equity = _plus(opening_equity, result)
    return Statements(
        lines=lines,
        notes=[],
        operating_result=operating,
        financial_net=financial,
        result=result,
        assets=assets,
        opening_equity=opening_equity,
        equity=equity,
        liabilities=liabilities,
        equity_and_liabilities=_plus(equity, liabilities),
        balance_sheet_result=_minus(_minus(assets, liabilities), opening_equity),
    )


def _notes(accounts: list[AccountInfo], current: Balances) -> list[Note]:
    notes: list[Note] = []
    for line in PRINT_ORDER:
        labelled = [a for a in accounts if a.line == line and a.note_label]
        if not labelled:
            continue
        source = current.opening if line == StatementLine.EQUITY else current.closing
        rows: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for account in labelled:
            rows[account.note_label] += in_note(line, source.get(account.number, ZERO))
        total = in_note(line, _booked_total(accounts, current, line))
        title = str(NOTE_TITLE.get(StatementLine(line), StatementLine(line).label))
        notes.append(
            Note(len(notes) + 1, line, title, [NoteRow(k, v) for k, v in rows.items()], total)
        )
    return notes


def _checks(s: Statements, *, has_previous: bool) -> list[Check]:
    def kr(value: Decimal) -> str:
        return _("%(amount)s kr") % {"amount": format_amount(value, decimals=2)}

    checks = []
    for column, name in (("current", _("perioden")), ("previous", _("jämförelseåret"))):
        assets, other = getattr(s.assets, column), getattr(s.equity_and_liabilities, column)
        checks.append(
            Check(
                _("Tillgångar = eget kapital och skulder (%(column)s)") % {"column": name},
                assets == other,
                _("%(left)s mot %(right)s") % {"left": kr(assets), "right": kr(other)},
            )
        )
        is_result, bs_result = getattr(s.result, column), getattr(s.balance_sheet_result, column)
        checks.append(
            Check(
                _("Resultaträkningens resultat = balansräkningens (%(column)s)") % {"column": name},
                is_result == bs_result,
                _("%(left)s mot %(right)s") % {"left": kr(is_result), "right": kr(bs_result)},
            )
        )
    if has_previous:  # without books for the year before there is nothing to chain to
        closing_previous, opening_now = s.equity.previous, s.opening_equity.current
        checks.append(
            Check(
                _("Utgående eget kapital föregående år = ingående eget kapital i år"),
                closing_previous == opening_now,
                _("%(left)s mot %(right)s")
                % {"left": kr(closing_previous), "right": kr(opening_now)},
            )
        )
    for note in s.notes:
        added = sum((row.amount for row in note.rows), ZERO)
        checks.append(
            Check(
                _("Not %(number)s summerar till sin rad") % {"number": note.number},
                added == note.total,
                _("%(left)s mot %(right)s") % {"left": kr(added), "right": kr(note.total)},
            )
        )
    return checks
