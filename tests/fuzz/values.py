"""Hypothesis strategies for malformed input: field values, form data and files.

Values are the kinds that break parsers: very long strings, NaN and infinities, negative and
huge numbers, impossible dates, unicode (right-to-left marks, astral characters, NUL), wrong
types (words where numbers go, several values where one goes), and missing fields. Files are
the demo's own valid files, mutated: cut short, bytes changed or inserted, lines replaced, the
encoding changed, or (xlsx) the XML inside the zip changed.
"""

import io
import zipfile

from django.conf import settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.fuzz.catalogue import FILE, FormSpec

OMIT = object()
CSRF = "csrfmiddlewaretoken"
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "00",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 30,
    "-" + "9" * 30,
    "1" + "0" * 400,
    "1.5",
    "1,5",
    "0,0000000001",
    "1e-400",
    "12 639 324",
    "\u22121 399 400",
    "1\u00a0000",
    "2015-02-30",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2014-13-01",
    "99999-01-01",
    "-2014-01-01",
    "abc",
    "true",
    "null",
    "None",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s",
    "%(name)s",
    "{0}",
    "\x00",
    "a\x00b",
    "\u202eåäö",
    "ÅÄÖ åäö",
    "\U0001d518\U0001d52b\U0001d526",
    "\U0001f600",
    "\r\n",
    "\t",
    "x" * 5000,
    "å" * 3000,
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def malformed() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        TEXT,
        st.integers(-(10**25), 10**25).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    )


# Real dates at the ends of the calendar and of what a page accepts: a day's start in Swedish
# time, or the day after, may not exist (0001-01-01, 9999-12-31).
EDGE_DATES = [
    "0001-01-01",
    "0001-01-02",
    "1899-12-31",
    "1900-01-01",
    "1970-01-01",
    "2014-01-01",
    "2999-12-31",
    "3000-01-01",
    "9998-12-31",
    "9999-12-31",
]


def date_ranges(names: list[str]) -> st.SearchStrategy[dict]:
    """Query values for a page's date fields: each an edge date, an ordinary one or left out,
    so ranges come both ways round, empty, open at one end and reaching the calendar's ends."""
    day = st.sampled_from(EDGE_DATES) | st.dates().map(lambda d: d.isoformat())
    return st.fixed_dictionaries({}, optional={name: day for name in names})


def field_value(offered: list) -> st.SearchStrategy:
    """What a field gets: a value the page offers, a malformed one, several, or nothing."""
    texts = [v for v in offered if v is not FILE]
    return st.one_of(
        st.sampled_from(texts) if texts else malformed(),
        malformed(),
        st.lists(malformed(), min_size=2, max_size=3),
        st.just(OMIT),
    )


@st.composite
def form_data(draw, spec: FormSpec) -> dict:
    """Data for one form: either one field broken and the rest as the page offers them (to
    get past the first check), or every field drawn freely; now and then an unknown field."""
    names = sorted(set(spec.fields) - {CSRF})
    broken = set(names)
    if names and draw(st.booleans()):
        broken = {draw(st.sampled_from(names))}
    data = {}
    for name in names:
        offered = spec.fields[name]
        if FILE in offered:
            value = draw(uploads())
        elif name in broken:
            value = draw(field_value(offered))
        else:
            value = draw(st.sampled_from([v for v in offered if v is not FILE]))
        if value is not OMIT:
            data[name] = value
    if draw(st.integers(0, 9)) == 0:
        data[draw(TEXT.filter(bool))] = draw(malformed())
    return {CSRF: "fuzz", **data}  # a browser always sends the token; CSRF has its own tests


# ---- files -------------------------------------------------------------------------------

VAXJO_SIE = (settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se").read_bytes()
CONTRIBUTIONS = (
    "År;Medlem;Belopp\n2015;Försäkringskassan;1 600 000\n2015;Landstinget i Jönköpings län;"
    "800 000\n2015;Gislaveds kommun;324 600\n2015;Gnosjö kommun;106 000\n"
    "2015;Värnamo kommun;369 400\n"
).encode("cp1252")
POPULATION = (
    "Kommun;Datum;Invånare\nGislaveds kommun;2015-11-01;29250\nGnosjö kommun;2015-11-01;9520\n"
).encode()
TRIAL_BALANCE = (
    "Konto;Benämning;Ingående balans;Periodens förändring;Utgående balans\n"
    "1930;Bank;100 000;-5 000;95 000\n2010;Eget kapital;-100 000;0;-100 000\n"
    "3010;Bidrag;0;-10 000;-10 000\n4010;Kansli;0;15 000;15 000\n"
).encode()


def _xlsx(text: bytes) -> bytes:
    workbook = Workbook()
    for line in text.decode("cp1252").splitlines():
        workbook.active.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEXT_FILES = [VAXJO_SIE, CONTRIBUTIONS, POPULATION, TRIAL_BALANCE]
XLSX_FILES = [_xlsx(CONTRIBUTIONS), _xlsx(POPULATION), _xlsx(TRIAL_BALANCE)]
# The valid files of each kind of import, as text and as workbooks.
OWN_FILES = {
    "sie": ([VAXJO_SIE], XLSX_FILES),
    "contributions": ([CONTRIBUTIONS], [XLSX_FILES[0]]),
    "population": ([POPULATION], [XLSX_FILES[1]]),
    "trial_balance": ([TRIAL_BALANCE], [XLSX_FILES[2]]),
}
NAMES = [
    "bidrag.csv",
    "inv.xlsx",
    "bok.se",
    "bok.SIE",
    "rb.txt",
    "budget.xlsx",
    "x.pdf",
    "utan-ändelse",
    "a" * 300 + ".csv",
    "../../etc/passwd.csv",
    "ÅÄÖ \u202e.xlsx",
]


@st.composite
def mutated_bytes(draw, content: bytes) -> bytes:
    """The file cut short, a byte range replaced, or bytes inserted (or left as it is)."""
    how = draw(st.sampled_from(["keep", "cut", "replace", "insert"]))
    if how == "keep" or not content:
        return content
    at = draw(st.integers(0, len(content) - 1))
    if how == "cut":
        return content[:at]
    junk = draw(st.binary(min_size=1, max_size=16))
    end = at + len(junk) if how == "replace" else at
    return content[:at] + junk + content[end:]


@st.composite
def mutated_text(draw, content: bytes) -> bytes:
    """A text file with a line replaced by malformed text, or in another encoding."""
    lines = content.split(b"\n")
    how = draw(st.sampled_from(["line", "encoding", "bytes"]))
    if how == "line":
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = draw(malformed()).encode("utf-8", "surrogatepass")
        return b"\n".join(lines)
    if how == "encoding":
        codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp437"]))
        return content.decode("cp1252", "replace").encode(codec, "replace")
    return draw(mutated_bytes(content))


@st.composite
def mutated_xlsx(draw, content: bytes) -> bytes:
    """A workbook with one XML part changed: a value replaced, a piece cut out, or cut short."""
    parts = _unzipped(content)
    name = draw(st.sampled_from(sorted(parts)))
    xml = parts[name]
    how = draw(st.sampled_from(["value", "cut-out", "cut-short", "drop-part"]))
    if how == "drop-part":
        del parts[name]
    elif how == "value" and b"<v>" in xml:
        start = xml.index(b"<v>") + 3
        text = draw(malformed()).encode("utf-8", "surrogatepass")
        parts[name] = xml[:start] + text + xml[xml.index(b"</v>", start) :]
    elif xml:
        at = draw(st.integers(0, len(xml) - 1))
        length = draw(st.integers(1, 40))
        parts[name] = xml[:at] + xml[at + length :] if how == "cut-out" else xml[:at]
    return _zipped(parts)


def _unzipped(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def file_contents(kind: str | None = None, xlsx: list[bytes] | None = None):
    """Mutations of the demo's valid files: of `kind`'s own files first, then of any file
    (and of `xlsx`, e.g. an exported budget), then plain bytes."""
    text, workbooks = (
        OWN_FILES.get(kind, (TEXT_FILES, XLSX_FILES))
        if kind
        else (
            TEXT_FILES,
            XLSX_FILES,
        )
    )
    workbooks = workbooks + (xlsx or [])
    return st.one_of(
        st.sampled_from(text).flatmap(mutated_text),
        st.sampled_from(text).flatmap(mutated_bytes),
        st.sampled_from(workbooks).flatmap(mutated_xlsx),
        st.sampled_from(TEXT_FILES + XLSX_FILES).flatmap(mutated_bytes),
        st.binary(max_size=64),
    )


@st.composite
def uploads(draw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    name = draw(st.one_of(st.sampled_from(NAMES), TEXT.filter(bool)))
    return SimpleUploadedFile(name, draw(file_contents()))
