"""Typed records of an SIE 1-4 file, and a summary that aggregates them.

Design overview
---------------
Each supported record label (#KONTO, #IB, #VER ...) has one frozen, slotted dataclass. The
parser yields these one at a time and the writer turns them back into lines, so a record is
the unit of both streaming directions. A voucher (`Ver`) is the only compound record: it owns
the tuple of its `Trans` rows, which keeps one voucher small and self-contained.

Conventions:

* Amounts and quantities are `decimal.Decimal`, never float; absent optional quantities are
  None. Sums are made with `EXACT`, a private decimal context that raises rather than round,
  so a total is either exact or an error, whatever context the caller has installed.
* Account numbers, voucher series/numbers and object codes stay strings (leading zeros and
  non-numeric codes survive); dimension numbers and year numbers are ints.
* Records are frozen except `Trans` and `Ver`, which are created in the hot loop (see
  there); do not mutate those either.
* Every record carries `line` (the line it started on) for messages downstream; it is
  excluded from equality so a written-then-parsed record equals the original.

`SieSummary` consumes the record stream and keeps only aggregates (balances per account,
voucher totals per account and month), so memory does not grow with the number of vouchers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from datetime import date as _date  # Ver has a field named date
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow
from typing import Any, ClassVar, Literal, NamedTuple, TypeAlias

ZERO = Decimal(0)
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, Overflow])

TransKind: TypeAlias = Literal["TRANS", "RTRANS", "BTRANS"]


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """Sum amounts exactly (raises decimal.Inexact instead of silently rounding)."""
    total = ZERO
    for amount in amounts:
        total = EXACT.add(total, amount)
    return total


class Period(NamedTuple):
    """A calendar month, as in #PSALDO's YYYYMM field."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class ObjRef(NamedTuple):
    """One entry of an object list: `{1 "100"}` is ObjRef(1, "100")."""

    dim: int
    code: str


Objects: TypeAlias = tuple[ObjRef, ...]


def _line() -> Any:
    return field(default=0, compare=False, repr=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Flagga:
    label: ClassVar[str] = "#FLAGGA"
    value: int
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Program:
    label: ClassVar[str] = "#PROGRAM"
    name: str
    version: str = ""
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Format:
    label: ClassVar[str] = "#FORMAT"
    name: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Gen:
    label: ClassVar[str] = "#GEN"
    date: date
    sign: str = ""
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Sietyp:
    label: ClassVar[str] = "#SIETYP"
    type: int
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Fnamn:
    label: ClassVar[str] = "#FNAMN"
    name: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Orgnr:
    label: ClassVar[str] = "#ORGNR"
    orgnr: str
    line: int = _line()

    @property
    def digits(self) -> str:
        return "".join(ch for ch in self.orgnr if ch.isdigit())


@dataclass(frozen=True, slots=True)
class Rar:
    """Financial year: `year` is 0 for the current year, -1 for the previous one ..."""

    label: ClassVar[str] = "#RAR"
    year: int
    start: date
    end: date
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Konto:
    label: ClassVar[str] = "#KONTO"
    account: str
    name: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Ktyp:
    """Account type: T (tillgång), S (skuld), K (kostnad) or I (intäkt)."""

    label: ClassVar[str] = "#KTYP"
    account: str
    type: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Dim:
    label: ClassVar[str] = "#DIM"
    dim: int
    name: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Objekt:
    label: ClassVar[str] = "#OBJEKT"
    dim: int
    code: str
    name: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class YearBalance:
    label: ClassVar[str] = ""
    year: int
    account: str
    amount: Decimal
    quantity: Decimal | None = None
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Ib(YearBalance):
    label: ClassVar[str] = "#IB"


@dataclass(frozen=True, slots=True)
class Ub(YearBalance):
    label: ClassVar[str] = "#UB"


@dataclass(frozen=True, slots=True)
class Res(YearBalance):
    label: ClassVar[str] = "#RES"


@dataclass(frozen=True, slots=True)
class PeriodBalance:
    label: ClassVar[str] = ""
    year: int
    period: Period
    account: str
    objects: Objects
    amount: Decimal
    quantity: Decimal | None = None
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Psaldo(PeriodBalance):
    label: ClassVar[str] = "#PSALDO"


@dataclass(frozen=True, slots=True)
class Pbudget(PeriodBalance):
    label: ClassVar[str] = "#PBUDGET"


# Trans and Ver are not frozen: a frozen dataclass sets each field through
# object.__setattr__, which made creating a row six times slower (2 µs instead of 0.35 µs,
# i.e. seconds per million rows). Treat them as immutable all the same.
@dataclass(slots=True)
class Trans:
    """One voucher row; `kind` tells #TRANS from #RTRANS (added) and #BTRANS (removed)."""

    account: str
    objects: Objects
    amount: Decimal
    date: date | None = None
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    kind: TransKind = "TRANS"
    line: int = _line()


@dataclass(slots=True)
class Ver:
    """A voucher with its rows in file order.

    Only #TRANS rows count towards the balance: the standard writes a corrected row as an
    #RTRANS followed by an identical #TRANS (for readers that ignore #RTRANS), and a
    #BTRANS is a row that has been removed, so counting either would be wrong.
    """

    label: ClassVar[str] = "#VER"
    series: str
    number: str
    date: date
    text: str = ""
    reg_date: _date | None = None
    sign: str = ""
    transactions: tuple[Trans, ...] = ()
    line: int = _line()

    @property
    def booked(self) -> tuple[Trans, ...]:
        """The rows that make up the voucher's bookkeeping (#TRANS only)."""
        return tuple(t for t in self.transactions if t.kind == "TRANS")

    def difference(self) -> Decimal:
        """Sum of the booked rows; zero for a balanced voucher."""
        return exact_sum(t.amount for t in self.transactions if t.kind == "TRANS")

    @property
    def title(self) -> str:
        """How messages name the voucher, e.g. "Verifikation A 12 (2014-03-01)"."""
        ident = " ".join(part for part in (self.series, self.number) if part)
        return f"Verifikation {ident} ({self.date.isoformat()})".replace("  ", " ")


@dataclass(frozen=True, slots=True)
class Ksumma:
    """#KSUMMA: without a value it opens the checksummed part, with a value it closes it."""

    label: ClassVar[str] = "#KSUMMA"
    checksum: int | None = None
    line: int = _line()


Record: TypeAlias = (
    Flagga
    | Program
    | Format
    | Gen
    | Sietyp
    | Fnamn
    | Orgnr
    | Rar
    | Konto
    | Ktyp
    | Dim
    | Objekt
    | Ib
    | Ub
    | Res
    | Psaldo
    | Pbudget
    | Ver
    | Ksumma
)

YearKey: TypeAlias = tuple[int, str]
PeriodKey: TypeAlias = tuple[int, Period, str]


@dataclass(slots=True)
class SieSummary:
    """Aggregates of one SIE file; see `add` for which records feed what."""

    flagga: int | None = None
    program: Program | None = None
    format: str | None = None
    gen: Gen | None = None
    sietyp: int | None = None
    company_name: str | None = None
    orgnr: str | None = None
    years: dict[int, Rar] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    account_types: dict[str, str] = field(default_factory=dict)
    dimensions: dict[int, str] = field(default_factory=dict)
    objects: dict[ObjRef, str] = field(default_factory=dict)
    ib: dict[YearKey, Decimal] = field(default_factory=dict)
    ub: dict[YearKey, Decimal] = field(default_factory=dict)
    res: dict[YearKey, Decimal] = field(default_factory=dict)
    psaldo: dict[PeriodKey, Decimal] = field(default_factory=dict)
    pbudget: dict[PeriodKey, Decimal] = field(default_factory=dict)
    voucher_totals: dict[tuple[str, Period], Decimal] = field(default_factory=dict)
    voucher_count: int = 0
    trans_count: int = 0
    ksumma: int | None = None
    skipped_records: dict[str, int] = field(default_factory=dict)
    # For the file's own checks (see `checks`): object rows per dimension (rows with one
    # object only), the line of each balance, what the user should be told or confirm.
    psaldo_objects: dict[PeriodKey, dict[int, Decimal]] = field(default_factory=dict)
    lines: dict[tuple[str, int, str], int] = field(default_factory=dict)
    psaldo_lines: dict[PeriodKey, int] = field(default_factory=dict)
    pbudget_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    def add(self, record: Record) -> None:
        """Fold one record into the summary (later records of the same key win)."""
        match record:
            case Ver():
                self._add_voucher(record)
            case Ib() | Ub() | Res():
                self._year_table(record)[(record.year, record.account)] = record.amount
                self.lines[(record.label, record.year, record.account)] = record.line
            case Psaldo() | Pbudget():
                self._add_period_balance(record)
            case Konto(account=account, name=name):
                self.accounts[account] = name
            case _:
                self._add_header(record)

    def _year_table(self, record: YearBalance) -> dict[YearKey, Decimal]:
        if isinstance(record, Ib):
            return self.ib
        return self.ub if isinstance(record, Ub) else self.res

    def _add_period_balance(self, record: PeriodBalance) -> None:
        # Rows with an object list break an account's total down by object; adding them to
        # the account total would count the same money twice, so only plain rows are kept.
        key = (record.year, record.period, record.account)
        if not isinstance(record, Psaldo):
            self.pbudget_rows += 1
        elif len(record.objects) == 1:
            dims = self.psaldo_objects.setdefault(key, {})
            dim = record.objects[0].dim
            dims[dim] = EXACT.add(dims.get(dim, ZERO), record.amount)
            self.psaldo_lines.setdefault(key, record.line)
        if record.objects:
            return
        table = self.psaldo if isinstance(record, Psaldo) else self.pbudget
        table[key] = record.amount
        if isinstance(record, Psaldo):
            self.psaldo_lines[key] = record.line

    def _add_voucher(self, ver: Ver) -> None:
        self.voucher_count += 1
        period = Period.of(ver.date)
        totals = self.voucher_totals
        for trans in ver.booked:
            key = (trans.account, period)
            totals[key] = EXACT.add(totals.get(key, ZERO), trans.amount)
            self.trans_count += 1

    def _add_header(self, record: Record) -> None:
        match record:
            case Flagga(value=value):
                self.flagga = value
            case Program():
                self.program = record
            case Format(name=name):
                self.format = name
            case Gen():
                self.gen = record
            case Sietyp(type=sietyp):
                self.sietyp = sietyp
            case _:
                self._add_register(record)

    def _add_register(self, record: Record) -> None:
        match record:
            case Fnamn(name=name):
                self.company_name = name
            case Orgnr(orgnr=orgnr):
                self.orgnr = orgnr
            case Rar(year=year):
                self.years[year] = record
            case Ktyp(account=account, type=kind):
                self.account_types[account] = kind
            case Dim(dim=dim, name=name):
                self.dimensions[dim] = name
            case Objekt(dim=dim, code=code, name=name):
                self.objects[ObjRef(dim, code)] = name
            case Ksumma(checksum=checksum) if checksum is not None:
                self.ksumma = checksum
