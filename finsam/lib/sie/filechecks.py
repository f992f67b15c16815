"""The reader's checks on the file as a whole, as a mixin of `SieReader`.

They need the reader's state (line number, error list, the open voucher), but none is about
turning a line into a record, so they live here to keep `parser` about structure: an
overlong line, damaged text, the encoding evidence, #KSUMMA, the #ORGNR, and where a
voucher may go (inside the file's years, with a number of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from finsam.lib.text import gettext as _
from finsam.lib.text import gettext_noop

from .errors import SieError
from .guards import Checksum, EncodingJudge, VoucherNumbers, damaged
from .records import Ksumma, Orgnr, Ver

if TYPE_CHECKING:
    from .parser import _OpenVer

__all__ = ["FileChecks"]

MAX_LINE_TEXT = gettext_noop("64 KB")


class FileChecks:
    """State and checks over the whole file; `SieReader` sets the attributes below."""

    line_no: int
    expected_orgnr: str | None
    warnings: list[SieError]
    _ver: _OpenVer | None
    _judge: EncodingJudge
    _checksum: Checksum | None
    _checksum_done: bool
    _years: list[tuple[date, date]]
    _numbers: VoucherNumbers
    _orgnr_seen: bool

    def _error(self, line_no: int | None, message: str) -> None:
        raise NotImplementedError

    def _too_long(self, raw: bytes, skip_rest: Callable[[], None]) -> bytes | None:
        """A line over MAX_LINE: refused, and the rest of it skipped without holding it."""
        if self.line_no == 1 and b"\r" in raw[:-1]:
            return raw  # CR-only line ends make the whole file one line: named as such
        if not raw.endswith(b"\n"):
            skip_rest()
        self._error(
            self.line_no,
            _(
                "Raden är längre än %(limit)s och läses inte; en SIE-rad är aldrig så "
                "lång, så filen är skadad eller ingen SIE-fil."
            )
            % {"limit": _(MAX_LINE_TEXT)},
        )
        return None

    def _check_text(self, raw: bytes) -> bool:
        """Weigh the line's encoding; refuse text already damaged. False: skip the line."""
        if damaged(raw):
            self._error(
                self.line_no,
                _(
                    "Texten är redan förstörd av en felaktig teckenkonvertering "
                    "(ersättningstecknet U+FFFD, som i CP437 visas som '∩┐╜'). Exportera filen "
                    "på nytt från bokföringsprogrammet i stället för att konvertera den."
                ),
            )
            if self._ver is not None:
                self._ver.broken = True
            return False
        self._judge.observe(raw, self.line_no)
        return True

    def _check_ksumma(self, record: Ksumma) -> str | None:
        if record.checksum is None:
            if self._checksum is None:
                self._checksum = Checksum(self.line_no)
            return None
        checksum, self._checksum_done = self._checksum, True
        if checksum is None:
            return _("#KSUMMA med kontrollsumma utan inledande #KSUMMA (efter #FLAGGA).")
        if checksum.matches(record.checksum):
            return None
        return _(
            "#KSUMMA %(checksum)s stämmer inte med filens innehåll (beräknad kontrollsumma "
            "%(crc)s); filen har ändrats eller skadats efter exporten."
        ) % {"checksum": record.checksum, "crc": checksum.crc}

    def _check_orgnr(self, record: Orgnr) -> str | None:
        self._orgnr_seen = True
        if not record.digits:
            self.warnings.append(
                SieError(
                    self.line_no,
                    _(
                        "#ORGNR är tomt: filen anger inget organisationsnummer, så det går inte "
                        "att kontrollera att den kommer från förbundets bokföring."
                    ),
                )
            )
            return None
        expected = self.expected_orgnr
        if expected is None or record.digits == Orgnr(expected).digits:
            return None
        return _(
            "#ORGNR %(orgnr)s stämmer inte med förbundets organisationsnummer %(expected)s; "
            "filen verkar komma från en annan organisation."
        ) % {"orgnr": record.orgnr, "expected": expected}

    def _place_voucher(self, ver: Ver) -> bool:
        """A voucher must fall in one of the file's years and have its own number."""
        day = ver.date
        if self._years and not _within(day, self._years):
            years = ", ".join(
                f"{start.isoformat()}–{end.isoformat()}" for start, end in self._years
            )
            self._error(
                ver.line,
                _(
                    "%(voucher)s är daterad utanför filens räkenskapsår (%(years)s); den skulle "
                    "bokas på ett år som filen inte anger."
                )
                % {"voucher": ver.title, "years": years},
            )
            return False
        if not ver.number:
            return True
        first = self._numbers.seen(ver.series, ver.number, ver.line)
        if first is not None:
            self._error(
                ver.line,
                _(
                    "%(voucher)s har samma serie och nummer som verifikationen på rad %(first)s; "
                    "den skulle räknas två gånger."
                )
                % {"voucher": ver.title, "first": first},
            )
            return False
        return True


def _within(day: date, years: list[tuple[date, date]]) -> bool:
    return any(start <= day <= end for start, end in years)
