"""Reading a rendered report back as text, and checking that figures come in the printed order.

Seed tests write each table of a seed out as the sequence of labels and figures a reader
meets, row by row, and check it against the HTML and against the PDF's text layer.
"""

import html
import re
import subprocess
from collections.abc import Sequence
from io import BytesIO

from pypdf import PdfReader

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
