"""A built report as HTML (the page in the application, the print document) and as PDF."""

import base64
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from pypdf import PdfWriter

from finsam.lib.progress import Progress, in_step, steps_done
from finsam.pdf import html_to_pdf
from reports.data import ReportData

# The print document links its stylesheet and fonts relative to the static folder.
STATIC_SOURCE = Path(settings.BASE_DIR) / "static"


def print_html(data: ReportData, *, logo_src: str | None = None) -> str:
    """The whole document as printed: cover, table of contents, sections, watermark. The
    logo is linked as its file (the PDF renderer is allowed that one file) unless `logo_src`
    says otherwise."""
    if logo_src is None:
        logo_src = data.logo_path.as_uri() if data.logo_path else ""
    return render_to_string("reports/print.html", {"data": data, "logo_src": logo_src})


def report_pdf(data: ReportData, progress: Progress | None = None) -> bytes:
    """The PDF; `progress` is told of its steps: the print document written, then the PDF
    laid out and written (`html_to_pdf`)."""
    also = [data.logo_path] if data.logo_path else []
    html = print_html(data)
    steps_done(progress, 1, 2)
    pdf_progress = in_step(progress, 1, 2)
    return html_to_pdf(html, base_url=STATIC_SOURCE, also=also, progress=pdf_progress)


def _logo_inline(data: ReportData) -> str:
    """The logo as a data: URI, for a document read away from the server."""
    if not data.logo_path:
        return ""
    kind = "image/png" if data.logo_path.suffix == ".png" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data.logo_path.read_bytes()).decode()}"


def standalone_html(data: ReportData) -> str:
    """The print document with its stylesheet inlined, readable as a single file."""
    css = (STATIC_SOURCE / "css" / "report.css").read_text(encoding="utf-8")
    html = print_html(data, logo_src=_logo_inline(data))
    link = '<link rel="stylesheet" href="css/report.css">'
    return html.replace(link, f"<style>{css}</style>")


def with_attachment(content: bytes, attachment: FieldFile) -> bytes:
    """The report's PDF with a received document (the auditors' report) appended after its
    last page; the report's own pages are unchanged."""
    if not attachment:
        return content
    writer = PdfWriter()
    writer.append(BytesIO(content))
    with attachment.open("rb") as received:
        writer.append(BytesIO(received.read()))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
