"""Bringing the books in: SIE files (types 1-4) and trial balances from spreadsheets.

Both are turned into a `Ledger` (accounts, yearly balances, monthly movements, vouchers) with
a scope per year (see `sie_scope`: a file replaces only what it contains) and applied the same
way. The preview applies the plan in a transaction it rolls back, to show the effect on the
result and the assets and to learn of anything the database would refuse.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from budgets.accounts.import_kinds import BookImportKind
from budgets.accounts.lines import default_line, is_result_line
from budgets.accounts.models import Account, BalanceKind, MonthMovement, Voucher, YearBalance
from budgets.accounts.selectors import statements_for
from budgets.accounts.sie_file import read_sie_ledger
from budgets.accounts.sie_scope import (
    REPLACE_VOUCHERS,
    Ledger,
    YearScope,
    YearWork,
    describe,
    removed_vouchers,
    tkr,
    work_of,
)
from budgets.accounts.vouchers import add_vouchers
from finsam.audit.recording import bulk_create_audited
from finsam.imports.batches import Upload
from finsam.imports.rows import (
    CellError,
    Offer,
    Plan,
    PlannedChange,
    Problem,
    amount_of,
    cell,
    table_of,
)
from finsam.lib.numbers import format_amount
from finsam.lib.tabular import Row, TableError, read_table
from finsam.models import Association, ImportBatch, YearClosing
from finsam.tenant_links import refuse_crossing
from members.services import association_orgnr_adopt

BATCH_SIZE = 2000


@dataclass
class LedgerPlan(Plan):
    ledger: Ledger = field(default_factory=Ledger)
    works: dict[int, YearWork] = field(default_factory=dict)
    orgnr: str = ""  # the file's #ORGNR, for an association without one to adopt


ADOPT_ORGNR = "adopt_orgnr"


def read_sie_upload(upload: Upload) -> LedgerPlan:
    read = read_sie_ledger(upload)
    if read.ledger is None:
        return LedgerPlan(problems=read.problems)
    plan = plan_ledger(upload, read.ledger)
    plan.warnings, plan.facts, plan.orgnr = read.warnings, read.facts, read.orgnr
    if plan.orgnr and not upload.association.org_number:
        plan.options.append(
            Offer(
                ADOPT_ORGNR,
                _("Spara %(orgnr)s som förbundets organisationsnummer") % {"orgnr": plan.orgnr},
                _(
                    "Förbundet har inget organisationsnummer. Sparas filens (%(orgnr)s), "
                    "prövas senare filer mot det, så att ingen annan organisations bokföring "
                    "läses in av misstag."
                )
                % {"orgnr": plan.orgnr},
            )
        )
    return plan


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
    if plan.problems:
        return plan
    ledger = _trial_ledger(body, columns, upload.period_end, plan.problems)
    return plan if plan.problems else plan_ledger(upload, ledger)


def _trial_ledger(rows: list[Row], columns, end: date, problems: list[Problem]) -> Ledger:
    # The trial balance stands for the year up to its month: the year's balances and months.
    ledger = Ledger(scope={end.year: YearScope(balances=True, months=set(range(1, end.month + 1)))})
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


def plan_ledger(upload: Upload, ledger: Ledger) -> LedgerPlan:
    """What the ledger changes per year, its effect on the statements, and what needs the
    user's word: removing more than the file brings, or vouchers whose numbers are held."""
    association = upload.association
    twice = _twice(ledger)
    if twice:
        problem = _(
            "Filen har samma verifikation (serie och nummer samma år) mer än en gång: %(vouchers)s."
        ) % {"vouchers": _listed(twice)}
        return LedgerPlan(problems=[Problem("", problem)])
    plan = LedgerPlan(ledger=ledger, works=work_of(association, ledger))
    closed = _closed_years(association, plan.works)
    if closed:
        return LedgerPlan(problems=[Problem("", closed)])
    repeated = [title for work in plan.works.values() for title in work.repeated]
    if repeated and REPLACE_VOUCHERS not in upload.choices:
        plan.offers.append(
            Offer(
                REPLACE_VOUCHERS,
                _("Ersätt exakt dessa verifikationer"),
                _(
                    "Förbundets bokföring har redan %(count)s av filens verifikationer (samma "
                    "serie och nummer samma år): %(vouchers)s. Filen läses inte in, om du inte "
                    "väljer att ersätta exakt dessa verifikationer."
                )
                % {"count": len(repeated), "vouchers": _listed(repeated)},
            )
        )
        for work in plan.works.values():
            work.repeated = []  # refused, not replaced: the preview does not count them
    elif not upload.confirming:  # the effect is for the preview; confirming applies it anyway
        error = _measure(upload, plan)
        if error:
            plan.problems.append(Problem("", error))
            return plan
    plan.changes = _changes(association, plan)
    plan.confirm = [
        describe(work) for work in plan.works.values() if work.removes_more_than_it_brings()
    ]
    return plan


def _closed_years(association: Association, works: dict[int, YearWork]) -> str:
    """The refusal of a file that would change a closed year's books ("" when none is)."""
    closed = sorted(
        YearClosing.objects.filter(
            association=association, year__in=works, reopened_on__isnull=True
        ).values_list("year", flat=True)
    )
    if not closed:
        return ""
    return _(
        "Filen ändrar bokföringen för %(years)s, som är stängd (bokslut). Inget lästes in. "
        "En administratör kan öppna året igen med en motivering under Bokslut."
    ) % {"years": ", ".join(str(year) for year in closed)}


def _twice(ledger: Ledger) -> list[str]:
    seen, twice = set(), []
    for voucher in ledger.vouchers:
        key = (voucher.date.year, *voucher.key)
        if key in seen:
            twice.append(f"{voucher.title} ({voucher.date.year})")
        seen.add(key)
    return twice


def _listed(titles: list[str], shown: int = 10) -> str:
    more = len(titles) - shown
    text = ", ".join(titles[:shown])
    return text + (_(" och %(more)s till") % {"more": more} if more > 0 else "")


def _measure(upload: Upload, plan: LedgerPlan) -> str:
    """Apply the plan in a transaction that is rolled back, to read the result and assets
    before and after, and to learn now of anything the database refuses."""
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                association=upload.association, kind=BookImportKind.SIE, filename=upload.filename
            )
            _apply_measured(upload, plan, batch, record_vouchers=False)
            transaction.set_rollback(True)
    except DatabaseError as error:
        return _("Filen kan inte sparas (%(error)s).") % {"error": error}
    return ""


def _apply_measured(
    upload: Upload, plan: LedgerPlan, batch: ImportBatch, *, record_vouchers: bool = True
) -> None:
    """Apply the plan, noting each year's result and assets before and after."""
    association, works = upload.association, plan.works
    before = {year: _totals(association, year) for year in works}
    apply_works(upload, plan, batch, record_vouchers=record_vouchers)
    for year, work in works.items():
        after = _totals(association, year)
        work.result = (before[year][0], after[0])
        work.assets = (before[year][1], after[1])


def _totals(association: Association, year: int) -> tuple[Decimal, Decimal]:
    statements = statements_for(association, date(year, 12, 31))
    return statements.result.current, statements.assets.current


def _changes(association: Association, plan: LedgerPlan) -> list[PlannedChange]:
    ledger = plan.ledger
    known = set(Account.objects.filter(association=association).values_list("number", flat=True))
    changes = [
        PlannedChange(
            None,  # a year's totals and a new account come from the whole file, not one line
            _("År %(year)s") % {"year": year},
            describe(work),
            _("resultat %(result)s, tillgångar %(assets)s")
            % {"result": tkr(work.result[0]), "assets": tkr(work.assets[0])},
            _("resultat %(result)s, tillgångar %(assets)s")
            % {"result": tkr(work.result[1]), "assets": tkr(work.assets[1])},
        )
        for year, work in plan.works.items()
    ]
    changes += [
        PlannedChange(
            None,
            _("Konto %(number)s %(name)s") % {"number": n, "name": ledger.accounts[n]},
            _("Nytt konto"),
            "–",
            str(default_line(n).label),
        )
        for n in sorted(set(ledger.accounts) - known)
    ]
    return changes


def apply_ledger(upload: Upload, plan: Plan, batch: ImportBatch) -> str:
    """Write the plan (inside the confirming transaction); the summary says what it replaced."""
    assert isinstance(plan, LedgerPlan)  # only a plan read without problems is applied
    _apply_measured(upload, plan, batch)
    # Offered again at confirming only while the association still has no number.
    if ADOPT_ORGNR in upload.choices and any(o.choice == ADOPT_ORGNR for o in plan.options):
        association_orgnr_adopt(
            association=upload.association, orgnr=plan.orgnr, user=batch.uploaded_by
        )
    return " ".join(describe(work) for work in plan.works.values())


def apply_works(
    upload: Upload, plan: LedgerPlan, batch: ImportBatch, *, record_vouchers: bool = True
) -> None:
    association, ledger = upload.association, plan.ledger
    accounts = _ensure_accounts(association, ledger.accounts)
    for year, work in plan.works.items():
        removed_vouchers(association, work).delete()
        if work.scope.balances:
            YearBalance.objects.filter(association=association, year=year).delete()
        MonthMovement.objects.filter(
            association=association, year=year, month__in=work.months
        ).delete()
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
            if a and m in plan.works[y].months
        ),
        batch_size=BATCH_SIZE,
    )
    add_vouchers(association, plan.works, ledger.vouchers, accounts, batch, record=record_vouchers)
    # Bulk-written past full_clean(): the whole association's booked rows are checked at once.
    refuse_crossing(association.pk, [Account, YearBalance, MonthMovement, Voucher])


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
