"""Where next year's budget takes its opening balance (balanserat resultat) from.

A new budget for year Y built from an earlier document ("Ny budget utifrån …") opens with the
closing equity of year Y-1. The best figure available wins, and the page says which it used:

0. the closing equity kept when Y-1 was closed (bokslut, finsam.models.YearClosing), while
   the year stays closed;
1. the books' closing equity of Y-1, when the books hold that whole year (a closing balance
   of Y-1, an opening balance of Y, or December's vouchers of Y-1): what really happened;
2. the earlier document's forecast of Y-1: a forecast column of that year, or the full-year
   forecast entered in its follow-up (the autumn forecast "feeds next year", see DOMAIN.md);
3. the earlier document's closing figure of Y-1 (its budget or plan column of that year).

With none of these the new budget's opening is left for staff to type.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.accounts.models import BalanceKind, MonthMovement, YearBalance
from budgets.accounts.selectors import statements_for
from budgets.calculation import OPENING_PREFERENCE
from budgets.models import BudgetColumn, BudgetDocument, ColumnKind
from budgets.selectors import BudgetSheet, budget_sheet, follow_up_of
from finsam.lib.rounding import KRONA, round_to_step
from finsam.models import Association, YearClosing


@dataclass(frozen=True)
class Opening:
    """The opening balance of a new budget and, in words, where it comes from."""

    amount: Decimal
    source: str


def successor_opening(document: BudgetDocument, year: int) -> Opening | None:
    """The opening balance of a budget for `year` built from `document` (see the module)."""
    before = year - 1
    closed = YearClosing.objects.filter(
        association=document.association, year=before, reopened_on__isnull=True
    ).first()
    if closed is not None and closed.closing_equity is not None:
        return Opening(
            round_to_step(closed.closing_equity, KRONA),
            _("bokslutet för %(before)s (utgående eget kapital)") % {"before": before},
        )
    equity = books_closing_equity(document.association, before)
    if equity is not None:
        # Budgets are typed in whole kronor; the books keep öre.
        return Opening(
            round_to_step(equity, KRONA),
            _("bokföringens utgående eget kapital %(before)s") % {"before": before},
        )
    sheet = budget_sheet(document)
    return _forecast(sheet, before) or _closing(sheet, before)


def books_closing_equity(association: Association, year: int) -> Decimal | None:
    """Closing equity of `year` as the statements print it, when the books hold that year."""
    stored = YearBalance.objects.filter(association=association)
    if (
        stored.filter(year=year, kind=BalanceKind.CLOSING).exists()
        or stored.filter(year=year + 1, kind=BalanceKind.OPENING).exists()
    ):
        # The statements read next year's opening as its #IB, else this year's #UB.
        return statements_for(association, date(year + 1, 1, 31)).opening_equity.current
    if MonthMovement.objects.filter(association=association, year=year, month=12).exists():
        return statements_for(association, date(year, 12, 31)).equity.current
    return None


def _forecast(sheet: BudgetSheet, year: int) -> Opening | None:
    for column in _of_year(sheet, year):
        if column.kind == ColumnKind.FORECAST:
            closing = sheet.result.columns[column.pk].closing
            return Opening(
                closing,
                _("prognosen i kolumnen ”%(column_label)s” i %(sheet_document)s")
                % {"column_label": column.label, "sheet_document": sheet.document},
            )
    for column in _of_year(sheet, year):
        follow_up, entered = follow_up_of(sheet, column)
        if any(figures.forecast is not None for figures in entered.values()):
            opening = sheet.result.columns[column.pk].opening
            return Opening(
                opening + follow_up.result.forecast,
                _("helårsprognosen i uppföljningen av ”%(column_label)s” i %(sheet_document)s")
                % {"column_label": column.label, "sheet_document": sheet.document},
            )
    return None


def _closing(sheet: BudgetSheet, year: int) -> Opening | None:
    for column in _of_year(sheet, year):
        closing = sheet.result.columns[column.pk].closing
        return Opening(
            closing,
            _("utgående resultat i kolumnen ”%(column_label)s” i %(sheet_document)s")
            % {"column_label": column.label, "sheet_document": sheet.document},
        )
    return None


def _of_year(sheet: BudgetSheet, year: int) -> list[BudgetColumn]:
    """The document's columns of `year`, in the chain's order of preference."""
    found = [c for c in sheet.columns if c.year == year]
    return sorted(found, key=lambda c: OPENING_PREFERENCE.index(c.kind))
