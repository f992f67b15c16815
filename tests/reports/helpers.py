"""Reading a rendered report back as text, and checking that figures come in the printed order.

Seed tests write each table of a seed out as the sequence of labels and figures a reader
meets, row by row, and check it against the HTML, the PDF's text layer and the Word copy.
"""

import html
import re
import subprocess
from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

DocxItem = tuple[str, str]
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    """One space between words: the non-breaking spaces of Swedish numbers become plain."""
    return _SPACE.sub(" ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def html_text(markup: str) -> str:
    return normalised(html.unescape(_TAGS.sub(" ", markup)))


def pdf_text(content: bytes) -> str:
    """The PDF's text in the order it was laid out (pdftotext -raw: each table row on a line,
    and the rotated "Utkast" watermark as one word per page, not letters among the rows)."""
    try:
        result = subprocess.run(
            ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
        )
        return normalised(result.stdout.decode())
    except FileNotFoundError:  # poppler-utils missing: pypdf's text is good enough
        reader = PdfReader(BytesIO(content))
        return normalised(" ".join(page.extract_text() for page in reader.pages))


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(BytesIO(content)).pages)


def assert_in_order(text: str, expected: Sequence[str], where: str = "") -> None:
    """Each expected piece occurs in `text` after the one before it."""
    position = 0
    for piece in expected:
        wanted = normalised(piece)
        found = text.find(wanted, position)
        if found < 0:
            earlier = text.find(wanted)
            context = text[position : position + 200]
            raise AssertionError(
                f"{where}: {wanted!r} not found after position {position} "
                f"(found earlier at {earlier}); text there: {context!r}"
            )
        position = found + len(wanted)


def row(label: str, *figures: str) -> list[str]:
    """A table row as a reader meets it: the label, then each figure."""
    return [label, *figures]


def docx_items(content: bytes) -> list[DocxItem]:
    """The Word document's body in order: each paragraph as (its style, its text), each table
    row as ("row", its cells' texts joined, a merged cell once)."""
    document = Document(BytesIO(content))
    items: list[DocxItem] = []
    for child in document.element.body.iterchildren():
        if isinstance(child, CT_P):
            paragraph = Paragraph(child, document)
            items.append((paragraph.style.name if paragraph.style else "", paragraph.text))
        elif isinstance(child, CT_Tbl):
            items.extend(("row", _row_text(row)) for row in WordTable(child, document).rows)
    return items


def _row_text(row) -> str:
    seen, texts = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text)
    return " ".join(text for text in texts if text)


def docx_text(content: bytes) -> str:
    """The document's text as a reader meets it, normalised like the HTML's and PDF's."""
    return normalised(" ".join(text for _style, text in docx_items(content)))
