"""The seed plans rendered once per test session: the text of their HTML and of their PDF.

Rendering a PDF takes a second or two, and the demo data every seed test reads is the same
(loaded once per session; tests roll their own changes back), so each plan is built and
rendered once and its texts shared by the tests of its module.
"""

from functools import cache

from reports.builders import build_report
from reports.data import ReportData
from reports.models import Report
from reports.rendering import print_html, report_pdf
from tests.reports.helpers import html_text, pdf_text


def plan(slug: str, year: int) -> Report:
    return Report.objects.get(association__slug=slug, kind="verksamhetsplan", year=year)


@cache
def printed(slug: str, year: int) -> tuple[ReportData, str, bytes]:
    """The plan's built data, its printed HTML and its PDF."""
    data = build_report(plan(slug, year))
    return data, print_html(data), report_pdf(data)


@cache
def rendered(slug: str, year: int) -> dict[str, str]:
    """{"html": text of the printed HTML, "pdf": text of the PDF, "markup": the HTML itself}."""
    _data, markup, content = printed(slug, year)
    return {"html": html_text(markup), "pdf": pdf_text(content), "markup": markup}


def body_of(text: str, last_toc_entry: str) -> str:
    """The text after the table of contents (whose last entry is given)."""
    return text[text.index(last_toc_entry) + len(last_toc_entry) :]
