"""Streaming reader for SIE files of type 1 to 4.

Design overview
---------------
`SieReader` reads the file line by line from a binary stream and yields one typed record
(see `records`) per supported line; a voucher is yielded as one `Ver` once its closing `}`
has been read. Nothing else is retained, so memory stays flat however many #TRANS lines the
file has. `read_sie` is a thin consumer that folds the stream into a `SieSummary`.

Errors are collected, not raised on the spot: a line that cannot be read, or a record that
breaks a rule (unbalanced voucher, non-calendar financial year, wrong organisation number),
is recorded as a `SieError` and not yielded, and reading goes on. When the file has been
read, one `SieErrors` listing everything is raised. Records yielded before that are only
trustworthy once the iterator has finished without raising, so an importer should write
them inside a transaction it rolls back on `SieErrors`. Only an encoding that cannot even
be split into lines (UTF-16) or a file that is not SIE at all stops reading early.

Splitting lines into fields and converting values is in `tokens`; this module maps labels
to records and keeps the little state a file needs (the open voucher, what has been seen).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, TypeAlias

from .errors import SieError, SieErrors, format_amount, sniff_encoding, wrong_format_message
from .records import (
    Dim,
    Flagga,
    Fnamn,
    Format,
    Gen,
    Ib,
    Konto,
    Ksumma,
    Ktyp,
    Objekt,
    Orgnr,
    Pbudget,
    Program,
    Psaldo,
    Rar,
    Record,
    Res,
    SieSummary,
    Sietyp,
    Trans,
    TransKind,
    Ub,
    Ver,
)
from .tokens import (
    Field,
    FieldError,
    Unterminated,
    as_int,
    as_text,
    opt_amount,
    opt_date,
    opt_text,
    parse_amount,
    parse_date,
    parse_period,
    shown,
    tokenize,
    with_objects,
)

__all__ = ["SieReader", "Source", "iter_records", "read_sie"]

Source: TypeAlias = str | os.PathLike[str] | bytes | BinaryIO


def _ktyp(f: list[Field], line: int) -> Ktyp:
    kind = as_text(f[1]).upper()
    if kind not in ("T", "S", "K", "I"):
        raise FieldError(f"okänd kontotyp '{kind}' (ska vara T, S, K eller I)")
    return Ktyp(as_text(f[0]), kind, line=line)


def _year_balance(cls: type[Ib | Ub | Res], f: list[Field], line: int) -> Record:
    return cls(as_int(f[0]), as_text(f[1]), parse_amount(f[2]), opt_amount(f, 3), line=line)


def _period_balance(cls: type[Psaldo | Pbudget], f: list[Field], line: int) -> Record:
    f = with_objects(f, 3)
    period, account = parse_period(f[1]), as_text(f[2])
    objects, amount = f[3], parse_amount(f[4])
    assert isinstance(objects, tuple)
    return cls(as_int(f[0]), period, account, objects, amount, opt_amount(f, 5), line=line)


def _ver(f: list[Field], line: int) -> Ver:
    return Ver(
        as_text(f[0]),
        as_text(f[1]),
        parse_date(f[2]),
        opt_text(f, 3),
        opt_date(f, 4),
        opt_text(f, 5),
        line=line,
    )


def _trans(f: list[Field], line: int, kind: TransKind) -> Trans:
    f = with_objects(f, 1)
    account, objects, amount = as_text(f[0]), f[1], parse_amount(f[2])
    assert isinstance(objects, tuple)
    if len(f) == 3:  # the common row: no optional fields
        return Trans(account, objects, amount, None, "", None, "", kind, line=line)
    return Trans(
        account,
        objects,
        amount,
        opt_date(f, 3),
        opt_text(f, 4),
        opt_amount(f, 5),
        opt_text(f, 6),
        kind,
        line=line,
    )


Converter: TypeAlias = Callable[[list[Field], int], Record]

_CONVERTERS: dict[str, Converter] = {
    "#FLAGGA": lambda f, n: Flagga(as_int(f[0]), line=n),
    "#PROGRAM": lambda f, n: Program(as_text(f[0]), opt_text(f, 1), line=n),
    "#FORMAT": lambda f, n: Format(as_text(f[0]), line=n),
    "#GEN": lambda f, n: Gen(parse_date(f[0]), opt_text(f, 1), line=n),
    "#SIETYP": lambda f, n: Sietyp(as_int(f[0]), line=n),
    "#FNAMN": lambda f, n: Fnamn(as_text(f[0]), line=n),
    "#ORGNR": lambda f, n: Orgnr(as_text(f[0]), line=n),
    "#RAR": lambda f, n: Rar(as_int(f[0]), parse_date(f[1]), parse_date(f[2]), line=n),
    "#KONTO": lambda f, n: Konto(as_text(f[0]), as_text(f[1]), line=n),
    "#KTYP": _ktyp,
    "#DIM": lambda f, n: Dim(as_int(f[0]), as_text(f[1]), line=n),
    "#OBJEKT": lambda f, n: Objekt(as_int(f[0]), as_text(f[1]), as_text(f[2]), line=n),
    "#IB": lambda f, n: _year_balance(Ib, f, n),
    "#UB": lambda f, n: _year_balance(Ub, f, n),
    "#RES": lambda f, n: _year_balance(Res, f, n),
    "#PSALDO": lambda f, n: _period_balance(Psaldo, f, n),
    "#PBUDGET": lambda f, n: _period_balance(Pbudget, f, n),
    "#KSUMMA": lambda f, n: Ksumma(as_int(f[0]) if f else None, line=n),
}

_TRANS_KINDS: dict[str, TransKind] = {"#TRANS": "TRANS", "#RTRANS": "RTRANS", "#BTRANS": "BTRANS"}

_USAGE = {
    "#FLAGGA": "#FLAGGA x",
    "#PROGRAM": "#PROGRAM programnamn version",
    "#FORMAT": "#FORMAT PC8",
    "#GEN": "#GEN datum [sign]",
    "#SIETYP": "#SIETYP typnr",
    "#FNAMN": "#FNAMN företagsnamn",
    "#ORGNR": "#ORGNR orgnr",
    "#RAR": "#RAR årsnr start slut",
    "#KONTO": "#KONTO kontonr kontonamn",
    "#KTYP": "#KTYP kontonr kontotyp",
    "#DIM": "#DIM dimensionsnr namn",
    "#OBJEKT": "#OBJEKT dimensionsnr objektkod objektnamn",
    "#IB": "#IB årsnr konto saldo [kvantitet]",
    "#UB": "#UB årsnr konto saldo [kvantitet]",
    "#RES": "#RES årsnr konto saldo [kvantitet]",
    "#PSALDO": "#PSALDO årsnr period konto {objektlista} saldo [kvantitet]",
    "#PBUDGET": "#PBUDGET årsnr period konto {objektlista} saldo [kvantitet]",
    "#VER": "#VER serie vernr verdatum [vertext] [regdatum] [sign]",
    **{
        label: f"{label} kontonr {{objektlista}} belopp [transdat] [transtext] [kvantitet] [sign]"
        for label in _TRANS_KINDS
    },
}


# --- Reader --------------------------------------------------------------------------------


@dataclass(slots=True)
class _OpenVer:
    """A voucher whose closing } has not been read yet."""

    line: int
    head: Ver | None = None
    rows: list[Trans] = field(default_factory=list)
    opened: bool = False
    broken: bool = False  # a row could not be read: neither yield nor balance-check it

    @property
    def title(self) -> str:
        return self.head.title if self.head else f"Verifikationen på rad {self.line}"


@contextmanager
def _binary_lines(source: Source) -> Iterator[Iterable[bytes]]:
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield stream
    elif isinstance(source, io.TextIOBase):
        raise TypeError("SIE-filen måste öppnas binärt (open(path, 'rb')), inte som text.")
    else:
        yield source


class SieReader:
    """Iterate over the records of one SIE file; raises SieErrors at the end if needed.

    After iteration, `skipped` counts the record labels that were ignored (unknown or not
    supported, as the standard asks readers to do) and `line_no` is the number of lines.
    """

    def __init__(
        self, source: Source, *, expected_orgnr: str | None = None, max_errors: int = 200
    ) -> None:
        self._source = source
        self.expected_orgnr = expected_orgnr
        self.max_errors = max_errors
        self.errors: list[SieError] = []
        self.suppressed = 0
        self.skipped: Counter[str] = Counter()
        self.line_no = 0
        self._ver: _OpenVer | None = None
        self._seen_record = self._orgnr_seen = self._encoding_reported = self._fatal = False

    def __iter__(self) -> Iterator[Record]:
        if self.line_no:
            raise RuntimeError("En SieReader kan bara läsas en gång.")
        with _binary_lines(self._source) as lines:
            for raw in lines:
                self.line_no += 1
                record = self._feed(raw)
                if record is not None:
                    yield record
                if self._fatal:
                    break
        self._finish()
        if self.errors:
            raise SieErrors(self.errors, self.suppressed)

    def _error(self, line_no: int | None, message: str) -> None:
        if len(self.errors) < self.max_errors:
            self.errors.append(SieError(line_no, message))
        else:
            self.suppressed += 1

    def _feed(self, raw: bytes) -> Record | None:
        # ASCII is a subset of CP437 and decodes six times faster, and most lines are ASCII.
        if raw.isascii() and self.line_no != 1:
            line = raw.decode("ascii").strip()
        else:
            line = self._check_encoding(raw).decode("cp437").strip()
        if not line or self._fatal:
            return None
        try:
            return self._dispatch(line)
        except (FieldError, IndexError) as exc:
            self._error(self.line_no, self._describe(exc, line, raw))
            return None

    def _describe(self, exc: Exception, line: str, raw: bytes) -> str:
        label = line.split(None, 1)[0] if line.startswith("#") else ""
        if isinstance(exc, IndexError):
            usage = _USAGE.get(label.upper(), label)
            message = f"för få fält (formatet är: {usage})"
        else:
            message = str(exc)
        if isinstance(exc, Unterminated) and not raw.endswith(b"\n"):
            message += "; filen verkar vara avkortad mitt i raden"
        return f"{label}: {message}." if label else f"{message}."

    def _check_encoding(self, raw: bytes) -> bytes:
        if not self._encoding_reported:
            found = sniff_encoding(raw, first_line=self.line_no == 1)
            if found is not None:
                self._encoding_reported, self._fatal = True, found[1]
                self._error(self.line_no, found[0])
        # Drop a UTF-8 byte order mark so the error above is not followed by a "not SIE" one.
        return raw[3:] if self.line_no == 1 and raw.startswith(b"\xef\xbb\xbf") else raw

    def _dispatch(self, line: str) -> Record | None:
        if line[0] != "#":
            return self._structural(line)
        self._seen_record = True
        fields = tokenize(line)
        label = as_text(fields[0]).upper()
        kind = _TRANS_KINDS.get(label)
        if kind is not None:
            self._add_trans(fields[1:], kind)
            return None
        if label == "#VER":
            self._open_ver(fields[1:])
            return None
        return self._plain(label, fields)

    def _structural(self, line: str) -> Record | None:
        if line == "{":
            self._open_block()
            return None
        if line == "}":
            return self._close_block()
        if not self._seen_record:
            self._fatal = True
            raise FieldError("Filen verkar inte vara en SIE-fil (första raden börjar inte med #)")
        raise FieldError(f"Raden kan inte tolkas (en SIE-rad börjar med #): '{shown(line)}'")

    def _plain(self, label: str, fields: list[Field]) -> Record | None:
        convert = _CONVERTERS.get(label)
        if convert is None:
            # The standard says unknown records are to be ignored; keep count for the caller.
            self.skipped[label] += 1
            return None
        self._drop_dangling_ver(label)
        if label not in _OBJECT_LABELS and any(type(value) is tuple for value in fields):
            raise FieldError("oväntad objektlista")
        record = convert(fields[1:], self.line_no)
        problem = self._validate(record)
        if problem is not None:
            self._error(self.line_no, problem)
            return None
        return record

    def _validate(self, record: Record) -> str | None:
        match record:
            case Format(name=name) if name.upper() != "PC8":
                if self._encoding_reported:
                    return None
                self._encoding_reported = True
                return wrong_format_message(name)
            case Sietyp(type=sietyp) if not 1 <= sietyp <= 4:
                return f"#SIETYP {sietyp} stöds inte; endast SIE typ 1–4 kan läsas in."
            case Orgnr():
                return self._check_orgnr(record)
            case Rar(year=year, start=start, end=end):
                return _check_calendar_year(year, start, end)
        return None

    def _check_orgnr(self, record: Orgnr) -> str | None:
        self._orgnr_seen = True
        expected = self.expected_orgnr
        if expected is None or record.digits == Orgnr(expected).digits:
            return None
        return (
            f"#ORGNR {record.orgnr} stämmer inte med förbundets organisationsnummer "
            f"{expected}; filen verkar komma från en annan organisation."
        )

    def _open_ver(self, fields: list[Field]) -> None:
        self._drop_dangling_ver("#VER")
        # Registered before the head is parsed: if the head is broken, its block is still
        # consumed quietly instead of causing one error per row.
        self._ver = _OpenVer(self.line_no)
        self._ver.head = _ver(fields, self.line_no)

    def _open_block(self) -> None:
        ver = self._ver
        if ver is None or ver.opened:
            raise FieldError("{ utan föregående #VER")
        ver.opened = True

    def _add_trans(self, fields: list[Field], kind: TransKind) -> None:
        ver = self._ver
        if ver is None or not ver.opened:
            raise FieldError("raden står utanför en verifikation (#VER följd av {)")
        try:
            ver.rows.append(_trans(fields, self.line_no, kind))
        except (FieldError, IndexError):
            ver.broken = True
            raise

    def _close_block(self) -> Ver | None:
        ver, self._ver = self._ver, None
        if ver is None or not ver.opened:
            self._ver = ver
            raise FieldError("} utan föregående #VER och {")
        if ver.head is None or ver.broken:
            return None
        record = ver.head
        record.transactions = tuple(ver.rows)
        difference = record.difference()
        if difference:
            self._error(
                ver.line,
                f"{record.title} är obalanserad: differens {format_amount(difference)} kr.",
            )
            return None
        return record

    def _drop_dangling_ver(self, label: str) -> None:
        ver, self._ver = self._ver, None
        if ver is None:
            return
        if ver.opened:
            problem = f"avslutas inte med }} innan nästa post ({label} på rad {self.line_no})"
        else:
            problem = "följs inte av ett block { … } med #TRANS-rader"
        self._error(ver.line, f"{ver.title} {problem}.")

    def _finish(self) -> None:
        if self._fatal:
            return
        ver = self._ver
        if ver is not None:
            self._error(
                ver.line,
                f"Filen tar slut (rad {self.line_no}) innan {_lower_first(ver.title)} avslutats "
                "med }; filen verkar vara avkortad.",
            )
        if not self._seen_record:
            self._error(None, "Filen är tom eller innehåller inga SIE-poster.")
        elif self.expected_orgnr and not self._orgnr_seen:
            self._error(None, f"Filen saknar #ORGNR; förbundets är {self.expected_orgnr}.")


_OBJECT_LABELS = frozenset({"#PSALDO", "#PBUDGET"})


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _check_calendar_year(year: int, start: date, end: date) -> str | None:
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return None
    return (
        f"#RAR {year} har räkenskapsåret {start.isoformat()}–{end.isoformat()}; "
        "förbundets räkenskapsår måste vara kalenderår."
    )


def iter_records(source: Source, *, expected_orgnr: str | None = None) -> Iterator[Record]:
    """Yield the records of an SIE file; raises SieErrors after the last one if needed."""
    return iter(SieReader(source, expected_orgnr=expected_orgnr))


def read_sie(
    source: Source,
    *,
    expected_orgnr: str | None = None,
    each: Callable[[Record], None] | None = None,
) -> SieSummary:
    """Read a whole file into a SieSummary (aggregates only; vouchers are not kept). `each`
    is shown every record as it passes, for a caller that keeps more in the same pass."""
    reader = SieReader(source, expected_orgnr=expected_orgnr)
    summary = SieSummary()
    for record in reader:
        summary.add(record)
        if each is not None:
            each(record)
    summary.skipped_records = dict(reader.skipped)
    return summary
