"""Reads of the books: balances for a period and the statements built from them."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Exists, Sum

from budgets.accounts.cashflow import CashFlow, cash_flow
from budgets.accounts.lines import RESULT_LINES
from budgets.accounts.models import Account, BalanceKind, MonthMovement, YearBalance
from budgets.accounts.outcome import outcome_by_line
from budgets.accounts.statements import AccountInfo, Balances, Statements, build_statements
from budgets.followup import NO_BOOKS, BooksOutcome
from finsam.models import Association

ZERO = Decimal(0)


def chart_of(association: Association) -> list[AccountInfo]:
    return [
        AccountInfo(a.number, a.name, a.line, a.note_label)
        for a in Account.objects.filter(association=association).order_by("number")
    ]


def balances_at(association: Association, year: int, month: int) -> Balances:
    """Opening balances of `year` and, at the end of `month`, year-to-date figures per account.

    The opening balance is the year's #IB, or else the year before's closing balance. At
    December, a year's own closing balances and results (#UB, #RES) win where the books have
    them without vouchers.
    """
    stored = _year_balances(association, {year, year - 1})
    opening = stored[(year, BalanceKind.OPENING)] or stored[(year - 1, BalanceKind.CLOSING)]
    moved = _movements(association, year, month)
    result_lines = _result_accounts(association)
    closing = {}
    for number in set(opening) | set(moved):
        base = ZERO if number in result_lines else opening.get(number, ZERO)
        closing[number] = base + moved.get(number, ZERO)
    if month == 12 and not moved:
        closing = stored[(year, BalanceKind.CLOSING)] | stored[(year, BalanceKind.RESULT)]
    return Balances(
        opening={n: v for n, v in opening.items() if n not in result_lines}, closing=closing
    )


def _year_balances(association: Association, years: set[int]) -> dict:
    table: dict = defaultdict(dict)
    rows = YearBalance.objects.filter(association=association, year__in=years).values_list(
        "year", "kind", "account__number", "amount"
    )
    for year, kind, number, amount in rows:
        table[(year, kind)][number] = amount
    return table


def _movements(association: Association, year: int, month: int) -> dict[str, Decimal]:
    rows = (
        MonthMovement.objects.filter(association=association, year=year, month__lte=month)
        .values("account__number")
        .annotate(total=Sum("amount"))
    )
    return {row["account__number"]: row["total"] for row in rows}


def _result_accounts(association: Association) -> set[str]:
    return set(
        Account.objects.filter(association=association, line__in=RESULT_LINES).values_list(
            "number", flat=True
        )
    )


def statements_for(association: Association, period_end: date) -> Statements:
    """The period from 1 January to `period_end` against the whole year before."""
    current = balances_at(association, period_end.year, period_end.month)
    previous = balances_at(association, period_end.year - 1, 12)
    return build_statements(chart_of(association), current, previous)


def cash_flows_for(association: Association, year: int) -> tuple[CashFlow, CashFlow]:
    """The cash flow of the whole `year` and of the year before, from the books."""
    chart = chart_of(association)
    return (
        cash_flow(chart, balances_at(association, year, 12)),
        cash_flow(chart, balances_at(association, year - 1, 12)),
    )


def latest_period_end(association: Association) -> date | None:
    """The last day of the latest month the books have movements for, or of the latest year
    they have closing balances or results for (a file of year balances only, SIE 1)."""
    latest = (
        MonthMovement.objects.filter(association=association)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    ends = []
    if latest is not None:
        year, month = latest
        next_month = date(year + month // 12, month % 12 + 1, 1)
        ends.append(date.fromordinal(next_month.toordinal() - 1))
    closed = (
        YearBalance.objects.filter(
            association=association, kind__in=[BalanceKind.CLOSING, BalanceKind.RESULT]
        )
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if closed is not None:
        ends.append(date(closed, 12, 31))
    return max(ends, default=None)


def has_months(association: Association, year: int) -> bool:
    """Whether the books have monthly figures for `year`, not only year balances."""
    return MonthMovement.objects.filter(association=association, year=year).exists()


def year_balances_only(association: Association, year: int) -> bool:
    """Whether the books have `year` as year balances without months (an SIE 1 file): pages
    that need months say so rather than showing nothing."""
    # One query whether or not the year has months, so a page costs the same with books and
    # without (the months are asked in the same statement, not first).
    months = MonthMovement.objects.filter(association=association, year=year)
    balances = YearBalance.objects.filter(association=association, year=year)
    return balances.filter(~Exists(months)).exists()


def accounts_of(association: Association):
    return (
        Account.objects.filter(association=association)
        .select_related("budget_line__document")
        .order_by("number")
    )


def books_outcome(
    association: Association,
    document_id: int,
    year: int,
    line_is_cost: dict[int, bool],
    through_month: int = 12,
) -> BooksOutcome:
    """Each budget line's outcome to date from its mapped accounts, through the books' last
    month of `year` or `through_month` if earlier (an interim report's period), and nothing
    when there are no books for the year or no mapped accounts."""
    mapped = dict(
        Account.objects.filter(
            association=association, budget_line__document_id=document_id
        ).values_list("number", "budget_line_id")
    )
    month = (
        MonthMovement.objects.filter(association=association, year=year, month__lte=through_month)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    if not mapped or month is None:
        return NO_BOOKS
    year_to_date = balances_at(association, year, month).closing
    return BooksOutcome(outcome_by_line(year_to_date, mapped, line_is_cost), month)


def budget_line_choices(association: Association) -> list[tuple[str, str]]:
    """The association's budget lines to map accounts to, newest budget first."""
    from budgets.models import BudgetLine

    lines = (
        BudgetLine.objects.filter(document__association=association)
        .exclude(kind="carried_forward")
        .select_related("document")
        .order_by("-document__year", "document__pk", "section__order", "order")
    )
    return [(str(line.pk), f"{line.document} – {line.label}") for line in lines]
