"""A built report as HTML (the page in the application, the print document) and as PDF."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from finsam.pdf import html_to_pdf
from reports.data import ReportData

# The print document links its stylesheet and fonts relative to the static folder.
STATIC_SOURCE = Path(settings.BASE_DIR) / "static"


def print_html(data: ReportData) -> str:
    """The whole document as printed: cover, table of contents, sections, watermark."""
    return render_to_string("reports/print.html", {"data": data})


def report_pdf(data: ReportData) -> bytes:
    return html_to_pdf(print_html(data), base_url=STATIC_SOURCE)


def standalone_html(data: ReportData) -> str:
    """The print document with its stylesheet inlined, readable as a single file."""
    css = (STATIC_SOURCE / "css" / "report.css").read_text(encoding="utf-8")
    html = print_html(data)
    link = '<link rel="stylesheet" href="css/report.css">'
    return html.replace(link, f"<style>{css}</style>")
