"""Bringing the books in: SIE files (types 1-4) and trial balances from spreadsheets.

Both are turned into a `Ledger` (accounts, yearly balances and monthly movements) and applied
the same way: the years (SIE: every #RAR year; trial balance: its year up to its month) are
replaced as a whole, so importing the same period again replaces it. Large SIE files are read
as a stream and only their per-account, per-month sums are kept, so memory stays flat.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.accounts.lines import default_line, is_result_line
from budgets.accounts.models import AMOUNT, Account, BalanceKind, MonthMovement, YearBalance
from finsam.lib.numbers import format_amount
from finsam.lib.sie import Limits, SieErrors, read_sie
from finsam.lib.tabular import Row, TableError, read_table
from members.audit.recording import bulk_create_audited
from members.imports.batches import Upload
from members.imports.rows import (
    CellError,
    Plan,
    PlannedChange,
    Problem,
    amount_of,
    cell,
    table_of,
)
from members.models import Association, ImportBatch

BATCH_SIZE = 2000


@dataclass
class Ledger:
    """What a file says, in calendar years: debit positive, kronor and öre."""

    accounts: dict[str, str] = field(default_factory=dict)
    balances: dict[tuple[str, int, str], Decimal] = field(default_factory=dict)
    movements: dict[tuple[str, int, int], Decimal] = field(default_factory=dict)
    replaces: dict[int, int] = field(default_factory=dict)  # year -> last month replaced


@dataclass
class LedgerPlan(Plan):
    ledger: Ledger = field(default_factory=Ledger)
    warnings: list[str] = field(default_factory=list)  # for the user to confirm
    facts: list[str] = field(default_factory=list)  # what the file's checks found
    orgnr: str = ""  # the file's #ORGNR, for an association without one to adopt


def sie_limits() -> Limits:
    """What the database holds: a file's values beyond it are refused at preview."""
    return Limits(
        amount_digits=AMOUNT["max_digits"] - AMOUNT["decimal_places"],
        account_length=Account._meta.get_field("number").max_length,
        name_length=Account._meta.get_field("name").max_length,
    )


def read_sie_upload(upload: Upload) -> LedgerPlan:
    plan = LedgerPlan()
    association = upload.association
    try:
        with upload.open() as stream:
            summary = read_sie(
                stream,
                expected_orgnr=association.org_number or None,
                formed_on=association.formed_on,
                limits=sie_limits(),
            )
    except SieErrors as errors:
        plan.problems = [Problem("", str(error)) for error in errors.errors]
        return plan
    plan.warnings, plan.facts, plan.orgnr = summary.warnings, summary.facts, summary.orgnr or ""
    if not summary.years:
        plan.problems.append(
            Problem("", _("Filen saknar #RAR: vilka räkenskapsår den gäller framgår inte."))
        )
        return plan
    plan.ledger = _ledger_of(summary)
    plan.changes = _changes(upload.association, plan.ledger, summary.voucher_count)
    return plan


def _ledger_of(summary) -> Ledger:
    calendar = {index: rar.start.year for index, rar in summary.years.items()}
    ledger = Ledger(
        accounts=dict(summary.accounts), replaces={year: 12 for year in calendar.values()}
    )
    for kind, table in (
        (BalanceKind.OPENING, summary.ib),
        (BalanceKind.CLOSING, summary.ub),
        (BalanceKind.RESULT, summary.res),
    ):
        for (index, account), amount in table.items():
            if index in calendar:
                ledger.balances[(account, calendar[index], kind)] = amount
    for (account, period), amount in summary.voucher_totals.items():
        ledger.movements[(account, period.year, period.month)] = amount
    if not summary.voucher_totals:  # a file without vouchers: its period balances instead
        for (index, period, account), amount in summary.psaldo.items():
            if index in calendar:
                ledger.movements[(account, period.year, period.month)] = amount
    for number in {key[0] for key in (*ledger.balances, *ledger.movements)}:
        ledger.accounts.setdefault(number, "")
    return ledger


TRIAL_COLUMNS = {
    "account": ("konto", "kontonummer"),
    "name": ("benämning", "namn", "kontonamn"),
    "opening": ("ingående balans", "ib", "ingående saldo"),
    "movement": ("periodens förändring", "period", "förändring", "rörelse"),
    "closing": ("utgående balans", "ub", "utgående saldo"),
}


def read_trial_balance(upload: Upload) -> LedgerPlan:
    plan = LedgerPlan()
    if upload.period_end is None:
        plan.problems.append(Problem("", _("Ange vilken dag råbalansen avser (periodens slut).")))
        return plan
    try:
        rows = read_table(upload.read_bytes(), upload.filename)
    except TableError as error:
        plan.problems.append(Problem("", str(error)))
        return plan
    columns, body, plan.problems = table_of(
        rows, TRIAL_COLUMNS, empty=_("Filen har inga konton under rubrikraden.")
    )
    if not plan.problems:
        plan.ledger = _trial_ledger(body, columns, upload.period_end, plan.problems)
    if not plan.problems:
        plan.changes = _changes(upload.association, plan.ledger, 0)
    return plan


def _trial_ledger(rows: list[Row], columns, end: date, problems: list[Problem]) -> Ledger:
    ledger = Ledger(replaces={end.year: end.month})
    for row in rows:
        number_cell = cell(row, columns["account"])
        number = number_cell.text.split(",")[0].strip()
        if not number.isdigit():
            problems.append(
                Problem(
                    number_cell.place,
                    _("”%(value)s” är inget kontonummer.") % {"value": number_cell.text},
                )
            )
            continue
        try:
            opening, movement, closing = (
                amount_of(cell(row, columns[k])) if cell(row, columns[k]).text else Decimal(0)
                for k in ("opening", "movement", "closing")
            )
        except CellError as error:
            problems.append(Problem(_("rad %(row)s") % {"row": number_cell.row}, str(error)))
            continue
        if opening + movement != closing:
            problems.append(
                Problem(
                    _("rad %(row)s") % {"row": number_cell.row},
                    _(
                        "konto %(number)s: ingående balans %(opening)s + förändring %(movement)s "
                        "är inte utgående balans %(closing)s."
                    )
                    % {
                        "number": number,
                        "opening": _kr(opening),
                        "movement": _kr(movement),
                        "closing": _kr(closing),
                    },
                )
            )
            continue
        ledger.accounts[number] = cell(row, columns["name"]).text
        if not is_result_line(default_line(number)):
            ledger.balances[(number, end.year, BalanceKind.OPENING)] = opening
        ledger.movements[(number, end.year, end.month)] = movement
    total = sum(ledger.movements.values(), Decimal(0))
    if not problems and total:
        problems.append(
            Problem(
                "",
                _(
                    "Råbalansen går inte jämnt ut: periodens förändringar summerar till "
                    "%(total)s kr."
                )
                % {"total": _kr(total)},
            )
        )
    return ledger


def _changes(association: Association, ledger: Ledger, vouchers: int) -> list[PlannedChange]:
    known = set(Account.objects.filter(association=association).values_list("number", flat=True))
    new = sorted(set(ledger.accounts) - known)
    changes = [
        PlannedChange(
            0,
            _("År %(year)s") % {"year": year},
            _("Ersätts"),
            _("tidigare inläst bokföring") if _has_books(association, year) else "–",
            _("t.o.m. månad %(month)s") % {"month": month},
        )
        for year, month in sorted(ledger.replaces.items())
    ]
    changes += [
        PlannedChange(
            0,
            _("Konto %(number)s %(name)s") % {"number": n, "name": ledger.accounts[n]},
            _("Nytt konto"),
            "–",
            str(default_line(n).label),
        )
        for n in new
    ]
    changes.append(
        PlannedChange(
            0,
            _("Saldon"),
            _("Antal"),
            "–",
            _("%(balances)s årssaldon, %(movements)s månadsrörelser, %(vouchers)s verifikationer")
            % {
                "balances": len(ledger.balances),
                "movements": len(ledger.movements),
                "vouchers": vouchers,
            },
        )
    )
    return changes


def _has_books(association: Association, year: int) -> bool:
    return (
        YearBalance.objects.filter(association=association, year=year).exists()
        or MonthMovement.objects.filter(association=association, year=year).exists()
    )


def apply_ledger(upload: Upload, plan: LedgerPlan, batch: ImportBatch) -> str:
    """Replace the years the file covers with what it says (inside the confirming transaction)."""
    association, ledger = upload.association, plan.ledger
    accounts = _ensure_accounts(association, ledger.accounts)
    for year, month in ledger.replaces.items():
        YearBalance.objects.filter(association=association, year=year).delete()
        MonthMovement.objects.filter(association=association, year=year, month__lte=month).delete()
    YearBalance.objects.bulk_create(
        (
            YearBalance(
                association=association, account=accounts[n], year=y, kind=k, amount=a, batch=batch
            )
            for (n, y, k), a in ledger.balances.items()
        ),
        batch_size=BATCH_SIZE,
    )
    MonthMovement.objects.bulk_create(
        (
            MonthMovement(
                association=association, account=accounts[n], year=y, month=m, amount=a, batch=batch
            )
            for (n, y, m), a in ledger.movements.items()
            if a
        ),
        batch_size=BATCH_SIZE,
    )
    years = ", ".join(str(y) for y in sorted(ledger.replaces))
    return _(
        "Bokföringen för %(years)s inläst: %(balances)s årssaldon och %(movements)s månadsrörelser."
    ) % {"years": years, "balances": len(ledger.balances), "movements": len(ledger.movements)}


def _ensure_accounts(association: Association, names: dict[str, str]) -> dict[str, Account]:
    existing = {a.number: a for a in Account.objects.filter(association=association)}
    new = [
        Account(
            association=association,
            number=n,
            name=name or _("Konto %(number)s") % {"number": n},
            line=default_line(n),
        )
        for n, name in names.items()
        if n not in existing
    ]
    bulk_create_audited(Account, new, association_id=association.pk, batch_size=BATCH_SIZE)
    return {a.number: a for a in Account.objects.filter(association=association)}


def _kr(amount: Decimal) -> str:
    return format_amount(amount, decimals=2)
