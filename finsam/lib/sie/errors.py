"""Error types and diagnostic messages for the SIE reader.

Every problem found in a file becomes a `SieError` carrying the line number and a Swedish
message meant for the person who uploaded the file. The reader does not stop at the first
problem: it collects errors (up to a cap, so memory stays flat even for a hopeless file) and
raises one `SieErrors` when the file has been read, so the user sees everything at once.
`SieErrors` subclasses `SieError`, so callers can catch a single type.

The encoding sniffing lives here too because its only output is a message: SIE files must be
PC8 (CP437), and the most common real-world mistake is a file saved as UTF-8 or Windows-1252.
Decoding such a file as CP437 never fails (every byte maps to some character), so without an
explicit check the association's names would silently turn into box-drawing characters.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from decimal import Decimal

from finsam.lib.text import gettext as _
from finsam.lib.text import gettext_noop

__all__ = [
    "SieError",
    "SieErrors",
    "format_amount",
    "sniff_bom",
    "sniff_encoding",
    "wrong_format_message",
]

_CENT = Decimal("0.01")

# A UTF-8 encoded Latin-1 letter (å ä ö é ...) is 0xC3 followed by a continuation byte.
# In CP437 that reads as "├" plus an accented letter, which no real SIE export contains.
_UTF8_LATIN = re.compile(rb"\xc3[\x80-\xbf]")
# Windows-1252/ISO-8859-1 å ä ö é Å Ä Ö are 0xE5 0xE4 0xF6 0xE9 0xC5 0xC4 0xD6, in CP437
# the signs σ Σ ÷ Θ ┼ ─ ╓. They only count next to an ASCII letter, as inside a word
# ("V\xe4xj\xf6"), so a CP437 file that really uses those signs is still read.
_LATIN1_LETTER = re.compile(
    rb"(?<=[A-Za-z])[\xc4\xc5\xd6\xe4\xe5\xe9\xf6]|[\xc4\xc5\xd6\xe4\xe5\xe9\xf6](?=[A-Za-z])"
)

_REEXPORT = gettext_noop(
    "SIE-filer måste vara kodade i PC8 (CP437) enligt standarden (#FORMAT PC8). "
    "Exportera filen på nytt med teckenkodningen PC8/CP437."
)


class SieError(ValueError):
    """One problem in an SIE file, tied to a line number when there is one."""

    def __init__(self, line_no: int | None, message: str) -> None:
        super().__init__(line_no, message)
        self.line_no = line_no
        self.message = message

    def __str__(self) -> str:
        if self.line_no is None:
            return self.message
        return _("Rad %(line)s: %(message)s") % {"line": self.line_no, "message": self.message}


class SieErrors(SieError):
    """All problems found in one file; `errors` lists them in file order."""

    def __init__(self, errors: Sequence[SieError], suppressed: int = 0) -> None:
        # File order reads best; errors without a line (about the whole file) go last.
        self.errors: tuple[SieError, ...] = tuple(
            sorted(errors, key=lambda error: (error.line_no is None, error.line_no or 0))
        )
        self.suppressed = suppressed
        first = self.errors[0].line_no if self.errors else None
        super().__init__(first, self._summary())

    def _summary(self) -> str:
        total = len(self.errors) + self.suppressed
        lines = [_("SIE-filen kunde inte läsas in (%(total)s fel):") % {"total": total}]
        lines.extend(f"  {error}" for error in self.errors)
        if self.suppressed:
            more = _("… och ytterligare %(count)s fel.") % {"count": self.suppressed}
            lines.append(f"  {more}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message


def format_amount(amount: Decimal) -> str:
    """Format an amount for a message: two decimals unless that would hide a difference."""
    if amount == amount.quantize(_CENT):
        return f"{amount.quantize(_CENT):f}"
    return f"{amount:f}"


def sniff_encoding(raw: bytes, *, first_line: bool) -> tuple[str, bool] | None:
    """Return (message, fatal) if the raw line shows the file is not PC8/CP437.

    Fatal means the rest of the file cannot be read as lines at all (UTF-16).
    """
    if first_line:
        found = _sniff_bom(raw)
        if found is not None:
            return found
    if raw.isascii():
        return None
    return _sniff_letters(raw)


def wrong_format_message(name: str) -> str:
    """Message for a #FORMAT other than PC8."""
    return (
        _("#FORMAT %(name)s: filen anger teckenkodningen %(name)s.") % {"name": name}
        + f" {_(_REEXPORT)}"
    )


def sniff_bom(raw: bytes) -> tuple[str, bool] | None:
    """Return (message, fatal) if the first line shows a BOM, UTF-16 or CR-only line ends."""
    return _sniff_bom(raw)


def _sniff_bom(raw: bytes) -> tuple[str, bool] | None:
    # With CR-only line ends (old Mac files) the whole file arrives as one line.
    if b"\r" in raw.rstrip(b"\r\n"):
        return (
            _(
                "Filen har CR som radslut (gammalt Mac-format), så den kan inte delas upp i "
                "rader. SIE-filer ska ha CR LF eller LF som radslut."
            ),
            True,
        )
    if raw.startswith(codecs.BOM_UTF8):
        bom = _("Filen börjar med en UTF-8-BOM och är alltså kodad i UTF-8.")
        return f"{bom} {_(_REEXPORT)}", False
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in raw:
        return f"{_('Filen verkar vara kodad i UTF-16 (Unicode).')} {_(_REEXPORT)}", True
    return None


def _sniff_letters(raw: bytes) -> tuple[str, bool] | None:
    match = _UTF8_LATIN.search(raw)
    if match is not None:
        letter = match.group().decode("utf-8")
        found = _(
            "Filen verkar vara kodad i UTF-8 ('%(letter)s' är skrivet som två byte, %(bytes)s)."
        )
        return found % {"letter": letter, "bytes": match.group().hex(" ").upper()} + (
            f" {_(_REEXPORT)}"
        ), False
    match = _LATIN1_LETTER.search(raw)
    if match is not None:
        letter = match.group().decode("cp1252")
        found = _(
            "Filen verkar vara kodad i Windows-1252/ISO-8859-1 ('%(letter)s' är skrivet som "
            "byte %(bytes)s)."
        )
        return found % {"letter": letter, "bytes": match.group().hex().upper()} + (
            f" {_(_REEXPORT)}"
        ), False
    return None
