"""What an import replaces, per year and kind of record, and what that does to the books.

A file replaces only what it contains:

- year balances (#IB, #UB, #RES) replace the balances of the years the file gives them for;
- period balances (#PSALDO) replace the months the file gives; for a comparison year (a
  #RAR before the file's current year) they only fill months the books do not hold yet;
- vouchers of an export of a whole year (SIE 4E: with year balances) replace the current
  year's vouchers and months; vouchers of an import file (SIE 4I: vouchers only), and those of
  any other year, are added to what is held, and a series and number already held is refused
  unless the user chooses to replace exactly those vouchers (`REPLACE_VOUCHERS`).

`YearScope` is what the file says; `YearWork` is that scope against what the books hold now
(which months really go, which vouchers are repeated), so the preview and the confirmed import
do the same thing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from json import loads

from django.utils.translation import gettext as _

from budgets.accounts.models import MonthMovement, Voucher, YearBalance
from finsam.lib.numbers import format_amount
from finsam.models import Association

ADD, REPLACE = "add", "replace"
REPLACE_VOUCHERS = "replace_vouchers"
ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True, slots=True)
class BookedVoucher:
    """One voucher of a file: its number and its booked amount per account, kept as the JSON
    it is stored as (a year's export has hundreds of thousands; a string is small)."""

    series: str
    number: str
    date: date
    stored: str  # {"account": "amount", ...}

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {number: Decimal(amount) for number, amount in loads(self.stored).items()}

    @property
    def key(self) -> tuple[str, str]:
        return (self.series, self.number)

    @property
    def title(self) -> str:
        return f"{self.series} {self.number}".strip()


@dataclass
class YearScope:
    """What a file brings for one calendar year."""

    balances: bool = False  # the file gives year balances: the year's are replaced
    months: set[int] = field(default_factory=set)  # months whose movements are replaced
    fill_only: bool = False  # a comparison year: given months only fill months not held
    vouchers: str = ""  # REPLACE: the year's vouchers; ADD: added to them


@dataclass
class Ledger:
    """What a file says, in calendar years: debit positive, kronor and öre."""

    accounts: dict[str, str] = field(default_factory=dict)
    balances: dict[tuple[str, int, str], Decimal] = field(default_factory=dict)
    movements: dict[tuple[str, int, int], Decimal] = field(default_factory=dict)
    vouchers: list[BookedVoucher] = field(default_factory=list)
    scope: dict[int, YearScope] = field(default_factory=dict)

    def year(self, year: int) -> YearScope:
        return self.scope.setdefault(year, YearScope())


@dataclass
class YearWork:
    """One year's scope against the books: what is removed, what comes, what is repeated."""

    year: int
    scope: YearScope
    months: set[int]  # months whose held movements are removed and replaced by the file's
    balances_held: int = 0
    balances_new: int = 0
    months_held: int = 0
    months_new: int = 0
    vouchers_held: int = 0  # held vouchers removed (the whole year's, or in replaced months)
    vouchers_new: int = 0
    repeated: list[str] = field(default_factory=list)  # held numbers the file adds again
    result: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))  # before, after
    assets: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))

    def removes_more_than_it_brings(self) -> bool:
        return (
            self.balances_held > self.balances_new
            or self.months_held > self.months_new
            or self.vouchers_held > self.vouchers_new
        )


def work_of(association: Association, ledger: Ledger) -> dict[int, YearWork]:
    """Each year's work against what the books hold now."""
    works = {}
    for year, scope in sorted(ledger.scope.items()):
        held_months = set(
            MonthMovement.objects.filter(association=association, year=year)
            .values_list("month", flat=True)
            .distinct()
        )
        months = scope.months - held_months if scope.fill_only else set(scope.months)
        work = YearWork(year, scope, months)
        if scope.balances:
            work.balances_held = YearBalance.objects.filter(
                association=association, year=year
            ).count()
        work.balances_new = sum(1 for key in ledger.balances if key[1] == year)
        work.months_held = MonthMovement.objects.filter(
            association=association, year=year, month__in=months
        ).count()
        work.months_new = sum(
            1 for (_n, y, m), amount in ledger.movements.items() if y == year and m in months
        )
        work.vouchers_held = removed_vouchers(association, work).count()
        file_vouchers = [v for v in ledger.vouchers if v.date.year == year]
        work.vouchers_new = len(file_vouchers)
        if scope.vouchers == ADD:
            held = set(
                Voucher.objects.filter(association=association, year=year).values_list(
                    "series", "number"
                )
            )
            work.repeated = [v.title for v in file_vouchers if v.key in held]
        works[year] = work
    return works


def removed_vouchers(association: Association, work: YearWork):
    """The held vouchers a year's work removes: all of them when the file replaces the year's
    vouchers, else those in months replaced by other figures (they no longer add up to them)."""
    held = Voucher.objects.filter(association=association, year=work.year)
    if work.scope.vouchers == REPLACE:
        return held
    if not work.months:
        return held.none()
    return held.filter(date__month__in=work.months)


def describe(work: YearWork) -> str:
    """ "2013: 221 årssaldon ersätts, 157 månadsbelopp tas bort, resultatet ändras från …"."""
    parts = [
        _part(work.balances_held, work.balances_new, _("årssaldon")),
        _part(work.months_held, work.months_new, _("månadsbelopp")),
        _part(work.vouchers_held, work.vouchers_new, _("verifikationer")),
    ]
    if work.repeated:
        parts.append(
            _("%(count)s verifikationer med samma serie och nummer ersätts")
            % {"count": len(work.repeated)}
        )
    parts.append(_change(_("resultatet"), _("resultatet oförändrat"), *work.result))
    parts.append(_change(_("tillgångarna"), _("tillgångarna oförändrade"), *work.assets))
    return f"{work.year}: " + ", ".join(p for p in parts if p) + "."


def _part(held: int, new: int, what: str) -> str:
    if held and new:
        if held == new:
            return _("%(held)s %(what)s ersätts") % {"held": held, "what": what}
        return _("%(held)s %(what)s ersätts med %(new)s") % {
            "held": held,
            "new": new,
            "what": what,
        }
    if held:
        return _("%(held)s %(what)s tas bort") % {"held": held, "what": what}
    if new:
        return _("%(new)s %(what)s läggs till") % {"new": new, "what": what}
    return ""


def _change(what: str, unchanged: str, before: Decimal, after: Decimal) -> str:
    if before == after:
        return f"{unchanged} {tkr(before)}"
    shown = tkr if tkr(before) != tkr(after) else kr  # a change too small for thousands
    return _("%(what)s ändras från %(before)s till %(after)s") % {
        "what": what,
        "before": shown(before),
        "after": shown(after),
    }


def kr(amount: Decimal) -> str:
    shown = format_amount(amount).replace("-", "−")
    return _("%(amount)s kr") % {"amount": shown}


def tkr(amount: Decimal) -> str:
    shown = format_amount(amount, thousands=True).replace("-", "−")
    return "0" if shown.strip("−") == "0" else _("%(amount)s tkr") % {"amount": shown}
