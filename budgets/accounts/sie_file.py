"""An SIE file (types 1-4) as a `Ledger`: its balances, months and vouchers, and its scope.

The file is read by `read_sie` (every check of the reader) into aggregates; in the same pass
each voucher's number and amount per account is kept, which the import needs to add vouchers
and refuse numbers already held.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from json import dumps

from django.utils.translation import gettext as _

from budgets.accounts.models import AMOUNT, Account, BalanceKind
from budgets.accounts.sie_scope import ADD, ALL_MONTHS, REPLACE, BookedVoucher, Ledger
from finsam.imports.batches import Upload
from finsam.imports.rows import Problem
from finsam.lib.sie import Limits, Record, SieErrors, SieSummary, Ver, read_sie
from finsam.lib.sie.records import EXACT


@dataclass
class SieRead:
    """A file read: its ledger (None when refused), or the problems; and what the reader's
    own checks found that the preview shows (`facts`) or the user confirms (`warnings`)."""

    ledger: Ledger | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    orgnr: str = ""


def sie_limits() -> Limits:
    """What the database holds: a file's values beyond it are refused at preview."""
    return Limits(
        amount_digits=AMOUNT["max_digits"] - AMOUNT["decimal_places"],
        account_length=Account._meta.get_field("number").max_length,
        name_length=Account._meta.get_field("name").max_length,
    )


def read_sie_ledger(upload: Upload) -> SieRead:
    vouchers: list[BookedVoucher] = []
    accounts: set[str] = set()

    def keep(record: Record) -> None:
        if isinstance(record, Ver):
            vouchers.append(_booked(record))
            accounts.update(trans.account for trans in record.booked)

    association = upload.association
    try:
        with upload.open() as stream:
            summary = read_sie(
                stream,
                expected_orgnr=association.org_number or None,
                formed_on=association.formed_on,
                limits=sie_limits(),
                each=keep,
            )
    except SieErrors as errors:
        return SieRead(problems=[Problem("", str(error)) for error in errors.errors])
    if not summary.years:
        missing = _("Filen saknar #RAR: vilka räkenskapsår den gäller framgår inte.")
        return SieRead(problems=[Problem("", missing)])
    ledger = ledger_of(summary, vouchers)
    for number in accounts:
        ledger.accounts.setdefault(number, "")
    return SieRead(ledger, [], summary.warnings, summary.facts, summary.orgnr or "")


def _booked(ver: Ver) -> BookedVoucher:
    amounts: dict[str, Decimal] = {}
    for trans in ver.booked:
        amounts[trans.account] = EXACT.add(amounts.get(trans.account, Decimal(0)), trans.amount)
    stored = dumps({number: str(amount) for number, amount in amounts.items()})
    return BookedVoucher(ver.series, ver.number, ver.date, stored)


def ledger_of(summary: SieSummary, vouchers: list[BookedVoucher]) -> Ledger:
    """The file's figures and, per calendar year, which kinds of record it brings."""
    calendar = {index: rar.start.year for index, rar in summary.years.items()}
    ledger = Ledger(accounts=dict(summary.accounts), vouchers=vouchers)
    # An export of a whole year (4E) gives year balances; an import file (4I) vouchers only.
    export = bool(summary.ib or summary.ub or summary.res)
    for kind, table in (
        (BalanceKind.OPENING, summary.ib),
        (BalanceKind.CLOSING, summary.ub),
        (BalanceKind.RESULT, summary.res),
    ):
        for (index, account), amount in table.items():
            if index in calendar:
                ledger.balances[(account, calendar[index], kind)] = amount
                ledger.year(calendar[index]).balances = True
    voucher_years = {v.date.year for v in vouchers}
    for year in voucher_years:
        scope = ledger.year(year)
        if export and year == calendar.get(0):
            scope.vouchers, scope.months = REPLACE, set(ALL_MONTHS)
        else:
            scope.vouchers = ADD
    for (account, period), amount in summary.voucher_totals.items():
        if ledger.year(period.year).vouchers == REPLACE:
            ledger.movements[(account, period.year, period.month)] = amount
    # Period balances stand for the months of years the file has no vouchers for.
    for (index, period, account), amount in summary.psaldo.items():
        if index not in calendar or period.year in voucher_years:
            continue
        scope = ledger.year(period.year)
        scope.months.add(period.month)
        scope.fill_only = index != 0
        ledger.movements[(account, period.year, period.month)] = amount
    for number in {key[0] for key in (*ledger.balances, *ledger.movements)}:
        ledger.accounts.setdefault(number, "")
    return ledger
