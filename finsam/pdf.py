"""HTML to PDF with WeasyPrint, and the checksum a frozen PDF is kept under.

Layout (A4, running header, page numbers, table of contents) is the stylesheet's business;
this module only turns a finished HTML document into PDF bytes. Fonts are referenced with
@font-face from the static folder, so WeasyPrint embeds the same font on every machine.

WeasyPrint fetches what a document names (stylesheets, fonts, images) with its URL fetcher,
which by default opens any file:// and http(s):// URL. No user text reaches a URL in the
print document today; `StaticOnlyFetcher` keeps it harmless if one ever does: only the
application's own static files and data: URIs are served, everything else is refused (and
WeasyPrint leaves the resource out), so a document cannot read the server's files into a PDF
or make the server send requests. Besides these, the caller may name single files the
document shows (an association's logo, found by the application from its own record): those
exact files are served, nothing beside them.
"""

import hashlib
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from finsam.lib.progress import Progress, steps_done


def static_roots() -> list[Path]:
    """The folders of the application's own static files."""
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class StaticOnlyFetcher(URLFetcher):
    """Serves files under the static folders, the exact `also` files and data: URIs; refuses
    every other URL."""

    def __init__(self, also: Iterable[Path] = ()) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self._roots = static_roots()
        self._files = frozenset(Path(path).resolve() for path in also)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()  # resolved: no way out with .. or links
            allowed = path in self._files or any(path.is_relative_to(r) for r in self._roots)
            if path.is_file() and allowed:
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        raise ValueError(f"Only the application's static files may be fetched, not {url}")


def html_to_pdf(
    html: str,
    *,
    base_url: Path | str,
    also: Iterable[Path] = (),
    progress: Progress | None = None,
) -> bytes:
    """The PDF of `html`; relative URLs (stylesheets, fonts) resolve against `base_url`;
    `also` names files outside the static folders the document may show. `progress` is told
    of its two steps: the pages laid out, the PDF written (WeasyPrint tells nothing finer)."""
    document = laid_out(html, base_url=base_url, also=also)
    steps_done(progress, 1, 2)
    content = document.write_pdf()
    steps_done(progress, 2, 2)
    return content


def laid_out(html: str, *, base_url: Path | str, also: Iterable[Path] = ()) -> Document:
    """The document's pages as WeasyPrint lays them out, before they are written as PDF."""
    fetcher = StaticOnlyFetcher(also)
    return HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render(
        font_config=FontConfiguration()
    )


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
