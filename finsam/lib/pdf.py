"""HTML to PDF with WeasyPrint, and the checksum a frozen PDF is kept under.

Layout (A4, running header, page numbers, table of contents) is the stylesheet's business;
this module only turns a finished HTML document into PDF bytes. Fonts are referenced with
@font-face from the static folder, so WeasyPrint embeds the same font on every machine.
"""

import hashlib
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration


def html_to_pdf(html: str, *, base_url: Path | str) -> bytes:
    """The PDF of `html`; relative URLs (stylesheets, fonts) resolve against `base_url`."""
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(base_url)).render(font_config=fonts)
    return document.write_pdf()


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
