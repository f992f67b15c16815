"""Draft PDFs kept by what they show, so an unchanged draft is rendered once.

A draft's key is the SHA-256 of its print HTML (the builder's output as the template lays it
out), the stylesheet, the logo file and an annual report's attached auditors' report: any
change of the report's data, of the template or of the style gives another key, so nothing is
ever invalidated by hand. Rendering the HTML costs milliseconds; WeasyPrint's PDF of it a
second or two. The files lie in the default storage under
drafts/<association>/<report>-<key>.pdf.
"""

import hashlib
from functools import cache

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from reports.data import ReportData
from reports.models import Report
from reports.rendering import STATIC_SOURCE, print_html, report_pdf, with_attachment


@cache
def _style_digest() -> str:
    """The stylesheet and fonts are static files: read once per process."""
    digest = hashlib.sha256()
    for path in sorted((STATIC_SOURCE / "css").glob("report*.css")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def draft_key(report: Report, data: ReportData) -> str:
    digest = hashlib.sha256(print_html(data).encode())
    digest.update(_style_digest().encode())
    if data.logo_path and data.logo_path.is_file():
        digest.update(hashlib.sha256(data.logo_path.read_bytes()).digest())
    if report.auditors_report:
        with report.auditors_report.open("rb") as received:
            digest.update(hashlib.sha256(received.read()).digest())
    return digest.hexdigest()


def draft_name(report: Report, key: str) -> str:
    return f"drafts/{report.association.slug}/{report.pk}-{key}.pdf"


def key_of(name: str) -> str:
    """The key in a stored draft's name (drafts/<association>/<report>-<key>.pdf)."""
    return name.rsplit("/", 1)[-1].removesuffix(".pdf").split("-", 1)[1]


def kept_by_key(report: Report, key: str) -> str | None:
    """The stored name of the report's draft rendered under `key`, if it is kept: the file a
    job rendered, as the figures were when it was asked for (they may have changed since)."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        return None  # only a SHA-256 in hex names a draft: nothing else reaches the storage
    name = draft_name(report, key)
    return name if default_storage.exists(name) else None


def kept_draft(report: Report, data: ReportData) -> str | None:
    """The stored name of this draft's PDF, if it has been rendered already."""
    name = draft_name(report, draft_key(report, data))
    return name if default_storage.exists(name) else None


def draft_render(report: Report, data: ReportData) -> str:
    """Render the draft's PDF and keep it; its stored name."""
    name = draft_name(report, draft_key(report, data))
    if not default_storage.exists(name):
        default_storage.save(
            name, ContentFile(with_attachment(report_pdf(data), report.auditors_report))
        )
    return name
