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
from typing import Any, BinaryIO, TypeAlias

from finsam.lib.text import gettext as _

from .checks import account_psaldo, check_summary
from .convert import CONVERTERS as _CONVERTERS
from .convert import TRANS_KINDS as _TRANS_KINDS
from .convert import USAGE as _USAGE
from .convert import convert_trans as _trans
from .convert import convert_ver as _ver
from .errors import SieError, SieErrors, format_amount, sniff_bom, wrong_format_message
from .filechecks import FileChecks
from .guards import (
    MAX_LINE,
    Checksum,
    EncodingJudge,
    Limits,
    VoucherNumbers,
    bounded_lines,
)
from .records import (
    Format,
    Konto,
    Ksumma,
    Orgnr,
    Pbudget,
    Psaldo,
    Rar,
    Record,
    SieSummary,
    Sietyp,
    Trans,
    TransKind,
    Ver,
    YearBalance,
)
from .rules import account_problem, amount_problem, name_problem, year_problem
from .tokens import (
    Field,
    FieldError,
    Unterminated,
    as_text,
    shown,
    tokenize,
)

__all__ = ["SieReader", "Source", "iter_records", "read_sie"]

Source: TypeAlias = str | os.PathLike[str] | bytes | BinaryIO


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
        return (
            self.head.title
            if self.head
            else _("Verifikationen på rad %(line)s") % {"line": self.line}
        )


@contextmanager
def _binary_lines(source: Source) -> Iterator[tuple[Iterable[bytes], Callable[[], None]]]:
    if isinstance(source, bytes | bytearray):
        yield bounded_lines(io.BytesIO(source))
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield bounded_lines(stream)
    elif isinstance(source, io.TextIOBase):
        raise TypeError(_("SIE-filen måste öppnas binärt (open(path, 'rb')), inte som text."))
    else:
        yield bounded_lines(source)


class SieReader(FileChecks):
    """Iterate over the records of one SIE file; raises SieErrors at the end if needed.

    After iteration, `skipped` counts the record labels that were ignored (unknown or not
    supported, as the standard asks readers to do), `line_no` is the number of lines and
    `warnings` lists what the user should confirm (e.g. an empty #ORGNR).
    `formed_on` (the association's formation date) admits a short first year; `limits`
    refuses values the application cannot store.
    """

    def __init__(
        self,
        source: Source,
        *,
        expected_orgnr: str | None = None,
        formed_on: date | None = None,
        limits: Limits | None = None,
        max_errors: int = 200,
    ) -> None:
        self._source = source
        self.expected_orgnr = expected_orgnr
        self.formed_on = formed_on
        self.limits = limits or Limits()
        self._max_adjusted = self.limits.amount_digits or 10**6  # adjusted(): 10**14 gives 14
        self._max_account = self.limits.account_length or 10**6
        self.max_errors = max_errors
        self.errors: list[SieError] = []
        self.warnings: list[SieError] = []
        self.suppressed = 0
        self.skipped: Counter[str] = Counter()
        self.line_no = 0
        self._ver: _OpenVer | None = None
        self._seen_record = self._orgnr_seen = self._encoding_reported = self._fatal = False
        self._judge = EncodingJudge()
        self._checksum: Checksum | None = None
        self._checksum_done = False
        self._years: list[tuple[date, date]] = []
        self._numbers = VoucherNumbers()

    def __iter__(self) -> Iterator[Record]:
        if self.line_no:
            raise RuntimeError(_("En SieReader kan bara läsas en gång."))
        with _binary_lines(self._source) as (lines, skip_rest):
            for raw in lines:
                self.line_no += 1
                if len(raw) > MAX_LINE:
                    kept = self._too_long(raw, skip_rest)
                    record = None if kept is None else self._feed(kept)
                else:
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
            if line and self._read_label(line) and not self._check_text(raw):
                return None
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
            usage = _USAGE.get(label.upper())
            message = _("för få fält (formatet är: %(usage)s)") % {
                "usage": _(usage) if usage else label
            }
        else:
            message = str(exc)
        if isinstance(exc, Unterminated) and not raw.endswith(b"\n"):
            message += _("; filen verkar vara avkortad mitt i raden")
        return f"{label}: {message}." if label else f"{message}."

    def _check_encoding(self, raw: bytes) -> bytes:
        if self.line_no == 1:
            found = sniff_bom(raw)
            if found is not None:
                self._encoding_reported, self._fatal = True, found[1]
                self._error(self.line_no, found[0])
        # Drop a UTF-8 byte order mark so the error above is not followed by a "not SIE" one.
        return raw[3:] if self.line_no == 1 and raw.startswith(b"\xef\xbb\xbf") else raw

    @staticmethod
    def _read_label(line: str) -> bool:
        """True if the line is a record the application reads (its text counts)."""
        label = line.split(None, 1)[0].upper()
        return label in _CONVERTERS or label in _TRANS_KINDS or label == "#VER"

    def _dispatch(self, line: str) -> Record | None:
        if line[0] != "#":
            return self._structural(line)
        self._seen_record = True
        fields = tokenize(line)
        label = as_text(fields[0]).upper()
        if self._checksum is not None and not self._checksum_done and label != "#KSUMMA":
            self._checksum.add(fields)
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
            raise FieldError(
                _("Filen verkar inte vara en SIE-fil (första raden börjar inte med #)")
            )
        raise FieldError(
            _("Raden kan inte tolkas (en SIE-rad börjar med #): '%(line)s'") % {"line": shown(line)}
        )

    def _plain(self, label: str, fields: list[Field]) -> Record | None:
        convert = _CONVERTERS.get(label)
        if convert is None:
            # The standard says unknown records are to be ignored; keep count for the caller.
            self.skipped[label] += 1
            return None
        self._drop_dangling_ver(label)
        if label not in _OBJECT_LABELS and any(type(value) is tuple for value in fields):
            raise FieldError(_("oväntad objektlista"))
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
                return _("#SIETYP %(sietyp)s stöds inte; endast SIE typ 1–4 kan läsas in.") % {
                    "sietyp": sietyp
                }
            case Orgnr():
                return self._check_orgnr(record)
            case Rar(year=year, start=start, end=end):
                problem = year_problem(year, start, end, self.formed_on)
                # A refused year is still a year: its vouchers are not "outside" as well.
                self._years.append((start, end))
                return problem
            case Konto(account=account, name=name):
                return _labelled(
                    "#KONTO",
                    account_problem(account, self.limits) or name_problem(name, self.limits),
                )
            case YearBalance() | Psaldo() | Pbudget():
                return _labelled(
                    record.label,
                    account_problem(record.account, self.limits)
                    or amount_problem(record.amount, self.limits),
                )
            case Ksumma():
                return self._check_ksumma(record)
        return None

    def _open_ver(self, fields: list[Field]) -> None:
        self._drop_dangling_ver("#VER")
        # Registered before the head is parsed: if the head is broken, its block is still
        # consumed quietly instead of causing one error per row.
        self._ver = _OpenVer(self.line_no)
        self._ver.head = _ver(fields, self.line_no)

    def _open_block(self) -> None:
        ver = self._ver
        if ver is None or ver.opened:
            raise FieldError(_("{ utan föregående #VER"))
        ver.opened = True

    def _add_trans(self, fields: list[Field], kind: TransKind) -> None:
        ver = self._ver
        if ver is None or not ver.opened:
            raise FieldError(_("raden står utanför en verifikation (#VER följd av {)"))
        try:
            row = _trans(fields, self.line_no, kind)
            # Cheap screens first (this runs a million times); the rules say what is wrong.
            # (More than two decimals is refused by the converter, on the text.)
            amount = row.amount
            if amount.adjusted() >= self._max_adjusted or len(row.account) > self._max_account:
                problem = account_problem(row.account, self.limits) or amount_problem(
                    amount, self.limits
                )
                if problem is not None:
                    raise FieldError(problem)
            ver.rows.append(row)
        except (FieldError, IndexError):
            ver.broken = True
            raise

    def _close_block(self) -> Ver | None:
        ver, self._ver = self._ver, None
        if ver is None or not ver.opened:
            self._ver = ver
            raise FieldError(_("} utan föregående #VER och {"))
        if ver.head is None or ver.broken:
            return None
        record = ver.head
        record.transactions = tuple(ver.rows)
        difference = record.difference()
        if difference:
            self._error(
                ver.line,
                _("%(voucher)s är obalanserad: differens %(difference)s kr.")
                % {"voucher": record.title, "difference": format_amount(difference)},
            )
            return None
        return record if self._place_voucher(record) else None

    def _drop_dangling_ver(self, label: str) -> None:
        ver, self._ver = self._ver, None
        if ver is None:
            return
        if ver.opened:
            problem = _("avslutas inte med } innan nästa post (%(label)s på rad %(line)s)") % {
                "label": label,
                "line": self.line_no,
            }
        else:
            problem = _("följs inte av ett block { … } med #TRANS-rader")
        self._error(ver.line, f"{ver.title} {problem}.")

    def _finish(self) -> None:
        if self._fatal:
            return
        ver = self._ver
        if ver is not None:
            self._error(
                ver.line,
                _(
                    "Filen tar slut (rad %(line)s) innan %(voucher)s avslutats med }; filen "
                    "verkar vara avkortad."
                )
                % {"line": self.line_no, "voucher": _lower_first(ver.title)},
            )
        if not self._seen_record:
            self._error(None, _("Filen är tom eller innehåller inga SIE-poster."))
        elif self.expected_orgnr and not self._orgnr_seen:
            self._error(
                None,
                _("Filen saknar #ORGNR; förbundets är %(orgnr)s.") % {"orgnr": self.expected_orgnr},
            )
        verdict = self._judge.verdict()
        if verdict is not None and not self._encoding_reported:
            self._error(*verdict)
        if self._checksum is not None and not self._checksum_done:
            self._error(
                self._checksum.opened_on,
                _(
                    "Filen börjar med #KSUMMA men den avslutande #KSUMMA med kontrollsumman "
                    "saknas; filen verkar vara avkortad."
                ),
            )


_OBJECT_LABELS = frozenset({"#PSALDO", "#PBUDGET"})


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _labelled(label: str, problem: str | None) -> str | None:
    return None if problem is None else f"{label}: {problem}."


def iter_records(source: Source, **options: Any) -> Iterator[Record]:
    """Yield the records of an SIE file; raises SieErrors after the last one if needed.

    Options are SieReader's: expected_orgnr, formed_on, limits, max_errors.
    """
    return iter(SieReader(source, **options))


def read_sie(
    source: Source, *, each: Callable[[Record], None] | None = None, **options: Any
) -> SieSummary:
    """Read a whole file into a SieSummary (aggregates only; vouchers are not kept). `each`
    is shown every record as it passes, for a caller that keeps more in the same pass.

    The file is checked against its own totals too (`checks`); a difference raises
    SieErrors. #PSALDO in the summary holds each account's total, whichever convention for
    object rows the file used; `facts` says which, `warnings` what the user must confirm.
    """
    reader = SieReader(source, **options)
    summary = SieSummary()
    for record in reader:
        summary.add(record)
        if each is not None:
            each(record)
    summary.skipped_records = dict(reader.skipped)
    findings = check_summary(summary, reader.limits)
    if findings.errors:
        raise SieErrors(findings.errors)
    summary.psaldo = account_psaldo(summary, findings.convention)
    summary.warnings = [str(warning) for warning in reader.warnings]
    summary.facts = findings.facts
    return summary
