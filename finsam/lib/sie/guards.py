"""Checks the reader makes on the file as bytes: line length, encoding, damaged text, #KSUMMA.

They live apart from `parser` because each keeps a little state over the whole file and
none of them is about what a record means:

* `bounded_lines` reads lines of at most `MAX_LINE` bytes, so a 100 MB line is refused
  without ever being held in memory (it once took the server to 3 GB).
* `EncodingJudge` decides the encoding over the whole file, not at the first suspicious
  byte: real CP437 exports carry stray bytes in fields nobody reads (#FNR file paths,
  #ADRESS), and one such byte must not brand the file "Windows-1252". Only the records the
  application reads count as evidence, and the majority of evidence wins.
* `damaged` finds text a wrong conversion has already destroyed (U+FFFD written as UTF-8
  bytes EF BF BD, which CP437 shows as "∩┐╜"): importing it would store garbage names.
* `Checksum` is the #KSUMMA CRC-32 of SIE 4B section 10: the labels and field contents of
  every record between the two #KSUMMA, without the blanks between fields, the quotes
  around fields or the braces around object lists and voucher blocks, as CP437 bytes. The
  CRC is the standard one (polynomial EDB88320, preset and final inversion), i.e.
  `zlib.crc32`.
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from .errors import sniff_encoding
from .tokens import Field

__all__ = [
    "MAX_LINE",
    "Checksum",
    "EncodingJudge",
    "Limits",
    "VoucherNumbers",
    "bounded_lines",
    "damaged",
]

MAX_LINE = 64 * 1024

# CP437 Swedish letters (ä å ö Ä Å Ö é ü) next to an ASCII letter, as inside a word.
_CP437_LETTER = re.compile(
    rb"(?<=[A-Za-z])[\x84\x86\x94\x8e\x8f\x99\x82\x81]|[\x84\x86\x94\x8e\x8f\x99\x82\x81](?=[A-Za-z])"
)
_REPLACEMENT = b"\xef\xbf\xbd"  # U+FFFD in UTF-8; "∩┐╜" when read as CP437


@dataclass(frozen=True, slots=True)
class Limits:
    """The largest values the importing application can store (None: no limit)."""

    amount_digits: int | None = None  # digits before the decimal point
    account_length: int | None = None
    name_length: int | None = None


def bounded_lines(stream: BinaryIO | Iterable[bytes]) -> tuple[Iterable[bytes], Callable[[], None]]:
    """The lines of a binary stream, each at most MAX_LINE + 1 bytes, and a `skip_rest`.

    A line longer than that arrives cut, without its line end; the reader then calls
    `skip_rest()`, which reads the rest of it in bounded pieces and throws it away. The
    iterator is C-level (`iter(readline, b"")`): a generator here cost a second per
    million lines. An iterable without `readline` (a generator of lines) is taken as it
    comes: whoever made it has already held each line.
    """
    if not hasattr(stream, "readline"):
        return stream, _nothing
    readline = stream.readline

    def skip_rest() -> None:
        raw = b"x"
        while raw and not raw.endswith(b"\n"):
            raw = readline(MAX_LINE)

    return iter(partial(readline, MAX_LINE + 1), b""), skip_rest


def _nothing() -> None:
    pass


def damaged(raw: bytes) -> bool:
    """True if the line holds text a wrong conversion replaced by U+FFFD."""
    return _REPLACEMENT in raw


class EncodingJudge:
    """Collects encoding evidence line by line and gives one verdict for the whole file."""

    def __init__(self) -> None:
        self.cp437 = 0
        self.foreign = 0
        self.first: tuple[int, str] | None = None  # line and message of the first foreign line

    def observe(self, raw: bytes, line_no: int) -> None:
        """Weigh one non-ASCII line of a record the application reads."""
        found = sniff_encoding(raw, first_line=False)
        if found is not None:
            self.foreign += 1
            if self.first is None:
                self.first = (line_no, found[0])
        elif _CP437_LETTER.search(raw):
            self.cp437 += 1

    def verdict(self) -> tuple[int, str] | None:
        """The line and message to refuse the file with, or None if it reads as CP437."""
        if self.first is None or self.cp437 >= self.foreign:
            return None
        return self.first


class Checksum:
    """The running #KSUMMA CRC-32 over the records after the opening #KSUMMA."""

    def __init__(self, line_no: int) -> None:
        self.opened_on = line_no
        self.crc = 0

    def add(self, fields: list[Field]) -> None:
        parts: list[str] = []
        for value in fields:
            if type(value) is str:
                parts.append(value)
            else:
                parts.extend(f"{ref.dim}{ref.code}" for ref in value)  # type: ignore[union-attr]
        self.crc = zlib.crc32("".join(parts).encode("cp437", "replace"), self.crc)

    def matches(self, declared: int) -> bool:
        # Some programs write the CRC as a signed 32-bit number.
        return declared & 0xFFFFFFFF == self.crc


class VoucherNumbers:
    """The series and numbers seen so far, with their lines, in little memory.

    Numbers in a series mostly run 1, 2, 3 ...: those are kept as runs (first number and
    an array of lines, 8 bytes a voucher) rather than one dict entry each (about 300
    bytes), so a million-row file does not grow the reader by tens of MB. Other numbers
    (not canonical integers, or a series that jumps about) go to a dict.
    """

    MAX_RUNS = 1000  # per series; beyond it, new numbers go to the dict

    def __init__(self) -> None:
        self._runs: dict[str, tuple[list[int], list[array[int]]]] = {}
        self._other: dict[tuple[str, str], int] = {}
        self._last_series: str | None = None
        self._last_run: array[int] = array("q")
        self._last_value = 0
        self._next_number = ""

    def seen(self, series: str, number: str, line: int) -> int | None:
        """The line of an earlier voucher with this series and number; else remember it."""
        if series == self._last_series and number == self._next_number:
            self._last_run.append(line)  # the common case: the next number of the series
            self._last_value += 1
            self._next_number = str(self._last_value + 1)
            return None
        if number.isascii() and number.isdigit() and str(int(number)) == number:
            found = self._in_runs(series, int(number), line)
            if found != -1:
                return found
        return self._dict(series, number, line)

    def _dict(self, series: str, number: str, line: int) -> int | None:
        first = self._other.setdefault((series, number), line)
        return None if first == line else first

    def _in_runs(self, series: str, number: int, line: int) -> int | None:
        """None: new and kept; a line: duplicate; -1: not kept here (use the dict)."""
        starts, runs = self._runs.setdefault(series, ([], []))
        at = bisect_right(starts, number) - 1
        if at >= 0 and number < starts[at] + len(runs[at]):
            return runs[at][number - starts[at]]
        if (series, str(number)) in self._other:
            return -1
        if at >= 0 and number == starts[at] + len(runs[at]):
            runs[at].append(line)
            self._remember(series, runs[at], number, starts, at + 1)
            return None
        if len(starts) >= self.MAX_RUNS:
            return -1
        starts.insert(at + 1, number)
        runs.insert(at + 1, array("q", [line]))
        self._remember(series, runs[at + 1], number, starts, at + 2)
        return None

    def _remember(self, series: str, run: array, number: int, starts: list[int], after: int):
        # The fast path of `seen` may extend this run only while the next number is free.
        free = after >= len(starts) or starts[after] > number + 1
        self._last_series = series if free else None
        self._last_run, self._last_value = run, number
        self._next_number = str(number + 1)
