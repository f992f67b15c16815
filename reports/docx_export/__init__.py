"""A built report as a Word document (.docx), for associations that finish their documents
in Word. The PDF stays the original the board adopts; this is a copy to edit.

It is written from the same `ReportData` the page and the PDF are rendered from (never from
their HTML): the cover, a table of contents, each section's numbered heading at its level,
its texts, its block and its subsections, and the adoption line, in the PDF's order.
`layout` frames the document, `markup` writes staff texts, `blocks` and `tables` the data.
"""

from io import BytesIO

from docx import Document

from reports.data import ReportData, Section
from reports.docx_export.blocks import add_block
from reports.docx_export.layout import add_contents, add_cover, add_running_texts, set_up
from reports.docx_export.markup import add_markup

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADING_LEVELS = 4  # Word's heading styles used: a level-3 section's subsections are level 4


def report_docx(data: ReportData) -> bytes:
    document = Document()
    set_up(document, data)
    add_running_texts(document, data)
    add_cover(document, data)
    add_contents(document)
    for section in data.sections:
        _add_section(document, section, draft=data.is_draft)
    if data.adoption_line:
        document.add_paragraph().add_run(data.adoption_line).italic = True
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def heading_text(section: Section) -> str:
    """ "7.1.1 Stöd till arbete", as the page prints the heading."""
    return f"{section.number} {section.heading}".strip()


def _add_section(document, section: Section, *, draft: bool) -> None:
    if section.heading:
        document.add_heading(heading_text(section), level=min(section.level, HEADING_LEVELS))
    add_markup(document, section.text_html)
    if section.block:
        add_block(document, section.block, draft=draft)
    add_markup(document, section.text_after_html)
    for child in section.children:
        _add_section(document, child, draft=draft)
