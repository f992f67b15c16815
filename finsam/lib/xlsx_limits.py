"""Bounds on an uploaded workbook, checked on the zip before openpyxl reads it.

openpyxl holds a whole workbook in memory and its cost is not in the file size: a 63 KB file
of sparse cells far apart makes every reader walk millions of empty cells, a table of styles
or shared strings unpacks to hundreds of thousands of objects. So every reader of uploaded
xlsx files (`finsam.lib.tabular`, `budgets.xlsx.importer`) calls `check_workbook` first: it
unpacks each XML part once (the zip's declared sizes bound what `zipfile` produces) and
counts, without building a tree, what openpyxl would build. A workbook past a bound is
refused with a Swedish message saying what is too large and how to fix it; one within the
bounds reads in a few seconds and well under 200 MB (bench/hostile_uploads.py).

The bounds are far above what the application's files hold (a budget has about a thousand
cells, a chart of accounts a few thousand) and below what makes openpyxl slow.
"""

import io
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string

from finsam.lib.text import gettext as _

MAX_UNPACKED = 25 * 2**20  # also FINSAM_MAX_UNPACKED_MB's default; uploads check theirs first
MAX_PARTS = 1_000  # files inside the zip; a workbook from Excel has a few dozen
MAX_CELLS = 20_000  # cells written in all sheets together
MAX_AREA = 50_000  # rows x columns a sheet spans: readers walk every cell of that rectangle
MAX_SHARED_STRINGS = 20_000  # more distinct texts than cells is never needed
MAX_STYLES = 5_000  # cell formats, fonts, fills, borders and number formats together
MAX_ELEMENTS = 300_000  # XML elements in all parts: charts, comments, drawings, names...

DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
REFERENCE = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]{0,3})(\d*)["\']')
ROOT = re.compile(rb"<(?![?!])([\w.-]+:)?[\w.-]+[\s/>]")
STYLE_TAGS = (b"xf", b"font", b"fill", b"border", b"numFmt", b"dxf")
WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
XML_SUFFIXES = (".xml", ".rels", ".vml")


class WorkbookLimitError(ValueError):
    """The workbook is past a bound; the message says which and what to do."""


def check_workbook(content: bytes, *, max_unpacked: int = MAX_UNPACKED) -> None:
    """Raise `WorkbookLimitError` if reading `content` would cost more than the bounds allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # no zip at all costs openpyxl nothing: the reader says the file is no xlsx
    with archive:
        _check_parts(archive.infolist(), max_unpacked)
        counts = _Counts(_sheet_names(archive))
        for part in archive.infolist():
            if part.filename.lower().endswith(XML_SUFFIXES):
                counts.add(part.filename, _read(archive, part))


def _check_parts(parts: list[zipfile.ZipInfo], max_unpacked: int) -> None:
    if len(parts) > MAX_PARTS:
        raise WorkbookLimitError(
            _(
                "Arbetsboken består av %(parts)s delar; en Excel-fil har sällan mer än "
                "hundra och högst %(limit)s kan läsas."
            )
            % {"parts": len(parts), "limit": MAX_PARTS}
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > max_unpacked:
        raise WorkbookLimitError(
            _(
                "Arbetsboken packas upp till %(size)s MB; högst %(limit)s MB kan läsas. "
                "Ta bort bilder och blad som inte ska läsas in."
            )
            % {"size": _mb(unpacked), "limit": _mb(max_unpacked)}
        )


def _read(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(part)  # zipfile stops at the declared size and checks the CRC
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise WorkbookLimitError(
            _("Filen kunde inte läsas som en Excel-fil (.xlsx): delen %(part)s är trasig.")
            % {"part": part.filename}
        ) from error


class _Counts:
    """What openpyxl would build from the parts, counted part by part."""

    def __init__(self, sheet_names: dict[str, str]) -> None:
        self.sheet_names = sheet_names
        self.elements = self.cells = self.shared = self.styles = 0

    def add(self, name: str, data: bytes) -> None:
        if DECLARATION.search(data):
            raise WorkbookLimitError(
                _(
                    "Arbetsboken har en DOCTYPE- eller ENTITY-deklaration (i %(part)s), som "
                    "Excel aldrig skriver; filen läses inte. Spara den på nytt i Excel."
                )
                % {"part": name}
            )
        # First what bytes.count can tell (no objects, C speed), each with its own message;
        # then all elements together; the cell by cell walk of a sheet runs last, bounded.
        lowered, sheet = name.lower(), WORKSHEET.match(name)
        if sheet:
            self._count_cells(self.sheet_names.get(name, name), data)
        elif lowered == "xl/sharedstrings.xml":
            self.shared += _tags(data, b"si")
            self._check_shared()
        elif lowered == "xl/styles.xml":
            self.styles += sum(_tags(data, tag) for tag in STYLE_TAGS)
            self._check_styles()
        self.elements += data.count(b"<") - sum(data.count(b) for b in (b"</", b"<?", b"<!"))
        if self.elements > MAX_ELEMENTS:
            raise WorkbookLimitError(
                _(
                    "Arbetsboken är för stor att läsa: mer än %(limit)s XML-element "
                    "(celler, format, diagram, kommentarer). Kopiera uppgifterna som ska läsas "
                    "in till en ny arbetsbok."
                )
                % {"limit": _n(MAX_ELEMENTS)}
            )
        if sheet:
            self._sheet(self.sheet_names.get(name, name), data)

    def _count_cells(self, title: str, data: bytes) -> None:
        self.cells += _tags(data, b"c")
        if self.cells > MAX_CELLS:
            raise WorkbookLimitError(
                _(
                    "Arbetsboken har mer än %(limit)s ifyllda celler; dela upp den eller ta "
                    "bort det som inte ska läsas in."
                )
                % {"limit": _n(MAX_CELLS)}
            )
        rows = _tags(data, b"row")
        if rows > MAX_AREA:
            raise WorkbookLimitError(_far_cell(title, rows, 1))

    def _sheet(self, title: str, data: bytes) -> None:
        """Cells and the rectangle they span; a row or cell without its reference follows the
        one before, as openpyxl places it."""
        row = column = last_row = last_column = 0
        for match in ROW_OR_CELL.finditer(data):
            reference = REFERENCE.search(match.group(2))
            if match.group(1) == b"row":
                row = int(reference.group(2)) if reference and reference.group(2) else row + 1
                column = 0
                last_row = max(last_row, row)
                continue
            if reference and reference.group(1):
                column = _column(title, reference.group(1))
                if reference.group(2):
                    row = int(reference.group(2))
            else:
                column += 1
            last_row, last_column = max(last_row, row), max(last_column, column)
            if last_row * last_column > MAX_AREA:
                raise WorkbookLimitError(_far_cell(title, row, column))
        if last_row > MAX_AREA:  # rows without cells still cost a row each
            raise WorkbookLimitError(_far_cell(title, last_row, max(last_column, 1)))

    def _check_shared(self) -> None:
        if self.shared > MAX_SHARED_STRINGS:
            raise WorkbookLimitError(
                _(
                    "Arbetsboken har %(count)s olika texter; högst %(limit)s kan läsas. "
                    "Kopiera uppgifterna som ska läsas in till en ny arbetsbok."
                )
                % {"count": _n(self.shared), "limit": _n(MAX_SHARED_STRINGS)}
            )

    def _check_styles(self) -> None:
        if self.styles > MAX_STYLES:
            raise WorkbookLimitError(
                _(
                    "Arbetsboken har %(count)s cellformat; högst %(limit)s kan läsas. "
                    "Kopiera uppgifterna som ska läsas in till en ny arbetsbok (klistra in "
                    "värden), så följer inte alla format med."
                )
                % {"count": _n(self.styles), "limit": _n(MAX_STYLES)}
            )


def _tags(data: bytes, tag: bytes) -> int:
    """How many elements `tag` opens, with the namespace prefix the part's root element uses
    (Excel writes none, some programs write "x:")."""
    root = ROOT.search(data, 0, 4096)
    opening = b"<" + (root.group(1) if root and root.group(1) else b"") + tag
    return sum(data.count(opening + end) for end in (b">", b" ", b"/"))


def _column(title: str, letters: bytes) -> int:
    try:
        return column_index_from_string(letters.decode().upper())
    except ValueError as error:
        raise WorkbookLimitError(
            _(
                "Filen kunde inte läsas som en Excel-fil (.xlsx): bladet ”%(sheet)s” har en "
                "cell i kolumn %(column)r, som inte finns."
            )
            % {"sheet": title, "column": letters.decode()}
        ) from error


def _far_cell(title: str, row: int, column: int) -> str:
    letter = get_column_letter(min(max(column, 1), 18_278))
    return _(
        "Bladet ”%(sheet)s” sträcker sig ända till cell %(cell)s; högst %(limit)s "
        "celler (rader gånger kolumner) kan läsas. Ta bort de tomma raderna och kolumnerna "
        "nedanför och till höger om uppgifterna, eller kopiera uppgifterna till ett nytt "
        "blad."
    ) % {"sheet": title, "cell": f"{letter}{row}", "limit": _n(MAX_AREA)}


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet title, for messages; empty if the workbook part cannot be read
    (openpyxl then says the file is broken)."""
    try:
        workbook = ElementTree.fromstring(_small(archive, "xl/workbook.xml"))
        relations = ElementTree.fromstring(_small(archive, "xl/_rels/workbook.xml.rels"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, WorkbookLimitError):
        return {}
    targets = {
        rel.get("Id"): "xl/" + (rel.get("Target") or "").removeprefix("/xl/").removeprefix("/")
        for rel in relations
    }
    names = {}
    for element in workbook.iter():
        if element.tag.endswith("}sheet"):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                names[targets[rid]] = element.get("name", "")
    return names


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    data = archive.read(name) if archive.getinfo(name).file_size < 2**20 else b""
    if not data or DECLARATION.search(data):
        raise WorkbookLimitError(name)
    return data


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


__all__ = ["WorkbookLimitError", "check_workbook"]
