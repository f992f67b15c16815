"""Writer for SIE type 4 files, encoded in PC8 (CP437) as the standard requires.

Design: `record_lines` turns one record from `records` into text lines (a `Ver` becomes its
#VER line, `{`, one line per row and `}`), `SieWriter` encodes and writes records one at a
time, and `write_sie` writes a complete file in the standard's order: the identification
records (#FLAGGA 0, #PROGRAM, #FORMAT PC8, #GEN, #SIETYP 4, #ORGNR, #FNAMN) followed by the
caller's records. Vouchers may be any iterable, so a large file is written without holding
it in memory.

The output is meant to be read back by `parser` into equal records:

* names and texts are always quoted; codes (accounts, series, object codes ...) only when
  they contain whitespace, quotes, braces or backslashes, or are empty;
* inside quotes `"` is written `\\"` and `\\` is written `\\\\` (the reader undoes both);
* an omitted optional field followed by a present one is written as `""`;
* amounts are written in plain notation with `.` as decimal point, exactly as the Decimal
  holds them (no rounding); dates as YYYYMMDD; lines end with CR LF.

The writer refuses what it cannot write faithfully, with a ValueError: characters outside
CP437, control characters (a line break would split the record), the few CP437 sequences
the reader takes for UTF-8/Windows-1252 text (see `errors.sniff_encoding`), and unbalanced
vouchers.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import BinaryIO

from finsam.lib.text import gettext as _

from .errors import format_amount, sniff_encoding
from .records import (
    Dim,
    Flagga,
    Fnamn,
    Format,
    Gen,
    Konto,
    Ksumma,
    Ktyp,
    Objects,
    Objekt,
    Orgnr,
    PeriodBalance,
    Program,
    Rar,
    Record,
    Sietyp,
    Trans,
    Ver,
    YearBalance,
)

__all__ = ["DEFAULT_PROGRAM", "SieWriter", "record_lines", "write_sie"]

DEFAULT_PROGRAM = Program("finsam", "1.0")

_BARE = re.compile(r'[^\s"{}\\\x00-\x1f\x7f]+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_INDENT = "   "


def _quote(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError(
            _("Texten %(text)r innehåller styrtecken, som inte kan skrivas i SIE.") % {"text": text}
        )
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _word(text: str) -> str:
    return text if _BARE.fullmatch(text) else _quote(text)


def _amount(amount: Decimal) -> str:
    if not amount.is_finite():
        raise ValueError(_("Beloppet %(amount)s kan inte skrivas i SIE.") % {"amount": amount})
    return f"{amount:f}"


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _objects(objects: Objects) -> str:
    return "{" + " ".join(f"{dim} {_quote(code)}" for dim, code in objects) + "}"


def _optional(fields: list[str | None]) -> list[str]:
    """Drop absent trailing fields; an absent field before a present one is written ""."""
    while fields and fields[-1] is None:
        fields.pop()
    return ['""' if value is None else value for value in fields]


def _opt_amount(amount: Decimal | None) -> str | None:
    return None if amount is None else _amount(amount)


def _balance_fields(record: YearBalance | PeriodBalance) -> list[str]:
    head = [str(record.year)]
    if isinstance(record, PeriodBalance):
        year, month = record.period
        head += [f"{year:04d}{month:02d}", _word(record.account), _objects(record.objects)]
    else:
        head.append(_word(record.account))
    return head + _optional([_amount(record.amount), _opt_amount(record.quantity)])


def _header_fields(record: Record) -> list[str]:
    match record:
        case Flagga(value=value):
            return [str(value)]
        case Program(name=name, version=version):
            return [_quote(name), _word(version)]
        case Format(name=name):
            return [_word(name)]
        case Gen(date=day, sign=sign):
            return _optional([_date(day), _quote(sign) if sign else None])
        case Sietyp(type=sietyp):
            return [str(sietyp)]
        case Fnamn(name=name):
            return [_quote(name)]
        case Orgnr(orgnr=orgnr):
            return [_word(orgnr)]
        case Ksumma(checksum=checksum):
            return [] if checksum is None else [str(checksum)]
    raise TypeError(_("Kan inte skriva %(record)r som SIE-post.") % {"record": record})


def _fields(record: Record) -> list[str]:
    match record:
        case Rar(year=year, start=start, end=end):
            return [str(year), _date(start), _date(end)]
        case Konto(account=account, name=name):
            return [_word(account), _quote(name)]
        case Ktyp(account=account, type=kind):
            return [_word(account), _word(kind)]
        case Dim(dim=dim, name=name):
            return [str(dim), _quote(name)]
        case Objekt(dim=dim, code=code, name=name):
            return [str(dim), _quote(code), _quote(name)]
        case YearBalance() | PeriodBalance():
            return _balance_fields(record)
    return _header_fields(record)


def _trans_line(trans: Trans) -> str:
    optional = _optional(
        [
            _date(trans.date) if trans.date else None,
            _quote(trans.text) if trans.text else None,
            _opt_amount(trans.quantity),
            _quote(trans.sign) if trans.sign else None,
        ]
    )
    fields = [_word(trans.account), _objects(trans.objects), _amount(trans.amount), *optional]
    return f"{_INDENT}#{trans.kind} {' '.join(fields)}"


def _ver_lines(ver: Ver) -> list[str]:
    difference = ver.difference()
    if difference:
        raise ValueError(
            _(
                "%(voucher)s är obalanserad: differens %(difference)s kr; "
                "en obalanserad verifikation skrivs inte."
            )
            % {"voucher": ver.title, "difference": format_amount(difference)}
        )
    optional = _optional(
        [
            _quote(ver.text) if ver.text else None,
            _date(ver.reg_date) if ver.reg_date else None,
            _quote(ver.sign) if ver.sign else None,
        ]
    )
    head = [_word(ver.series), _word(ver.number), _date(ver.date), *optional]
    rows = [_trans_line(trans) for trans in ver.transactions]
    return [f"#VER {' '.join(head)}", "{", *rows, "}"]


def record_lines(record: Record) -> list[str]:
    """The SIE text lines (without line endings) for one record."""
    if isinstance(record, Ver):
        return _ver_lines(record)
    fields = _fields(record)
    return [" ".join([record.label, *fields])]


def _encode(line: str) -> bytes:
    try:
        encoded = line.encode("cp437")
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise ValueError(
            _("Tecknet %(char)r i raden %(line)r finns inte i teckenkodningen PC8 (CP437).")
            % {"char": char, "line": line}
        ) from None
    # A few CP437 sequences (such as "├ä" or "aΣ") are how UTF-8 or Windows-1252 text looks
    # when read as CP437, and the reader refuses them as such; writing them would produce a
    # file this package cannot read back.
    if not encoded.isascii() and sniff_encoding(encoded, first_line=False) is not None:
        raise ValueError(
            _(
                "Raden %(line)r innehåller tecken som läsaren tolkar som fel teckenkodning "
                "(UTF-8 eller Windows-1252 läst som PC8)."
            )
            % {"line": line}
        )
    return encoded + b"\r\n"


class SieWriter:
    """Write records one at a time to a binary stream, encoded as PC8 with CR LF."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, record: Record) -> None:
        self._stream.write(b"".join(_encode(line) for line in record_lines(record)))

    def write_all(self, records: Iterable[Record]) -> None:
        for record in records:
            self.write(record)


@contextmanager
def _binary_target(target: str | os.PathLike[str] | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as stream:
            yield stream
    else:
        yield target


def write_sie(
    target: str | os.PathLike[str] | BinaryIO | None,
    *,
    company_name: str,
    orgnr: str,
    years: Iterable[Rar],
    accounts: Iterable[Konto | Ktyp] = (),
    dimensions: Iterable[Dim | Objekt] = (),
    balances: Iterable[Record] = (),
    vouchers: Iterable[Ver] = (),
    program: Program = DEFAULT_PROGRAM,
    gen: Gen | None = None,
) -> bytes | None:
    """Write a complete SIE 4 file; returns the bytes when `target` is None.

    `balances` takes #IB, #UB, #RES, #PSALDO and #PBUDGET records, written in the given
    order (the standard's order is IB, UB, RES, PSALDO, PBUDGET). `gen` defaults to today.
    """
    header: list[Record] = [
        Flagga(0),
        program,
        Format("PC8"),
        gen or Gen(date.today()),
        Sietyp(4),
        Orgnr(orgnr),
        Fnamn(company_name),
    ]
    sections = (header, years, dimensions, accounts, balances, vouchers)
    if target is None:
        buffer = io.BytesIO()
        SieWriter(buffer).write_all(chain.from_iterable(sections))
        return buffer.getvalue()
    with _binary_target(target) as stream:
        SieWriter(stream).write_all(chain.from_iterable(sections))
    return None
