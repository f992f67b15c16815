"""A block's data in Word, one writer per block template (`templates/reports/blocks/`): each
writes what its template shows, from the same `Block` (tables, charts, context).

Charts are SVG, which python-docx cannot place and nothing installed turns into an image, so
a chart is named with a note that it is in the PDF; its figures are in the document all the
same (the budget chart's table is written, as the page shows it; the economy's and the
goals' charts draw what their tables already hold).
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document
from docx.shared import Mm, Pt

from reports.data import Block, Chart
from reports.docx_export.tables import add_table

Writer = Callable[[Document, Block, bool], None]


def add_block(document: Document, block: Block, *, draft: bool) -> None:
    name = block.template.rsplit("/", 1)[-1].removeprefix("_").removesuffix(".html")
    WRITERS.get(name, _tables)(document, block, draft)


def _tables(document: Document, block: Block, draft: bool) -> None:
    for table in block.tables:
        add_table(document, table)


def _charts(document: Document, block: Block, draft: bool) -> None:
    for chart in block.charts:
        _chart_note(document, chart)


def _chart_note(document: Document, chart: Chart) -> None:
    note = _("Diagram: %(title)s. Diagrammet finns i PDF-versionen.") % {"title": chart.title}
    document.add_paragraph().add_run(note).italic = True


def _chart(document: Document, block: Block, draft: bool) -> None:
    _charts(document, block, draft)
    _tables(document, block, draft)


def _budget(document: Document, block: Block, draft: bool) -> None:
    _tables(document, block, draft)
    checks = block.context.get("checks")
    if draft and checks:  # the checks are printed in drafts only, as on the page
        document.add_paragraph(_("Kontroller av budgeten (visas bara i utkast):"))
        _bullets(document, checks)


def _paragraphs(document: Document, block: Block, draft: bool) -> None:
    for text in block.context.get("paragraphs", ()):
        paragraph = document.add_paragraph()
        for index, line in enumerate(str(text).split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)


def _economy(document: Document, block: Block, draft: bool) -> None:
    _paragraphs(document, block, draft)
    _tables(document, block, draft)
    _charts(document, block, draft)


def _goals(document: Document, block: Block, draft: bool) -> None:
    for level, kinds in block.context.get("levels", ()):
        document.add_paragraph().add_run(str(level)).bold = True
        for kind, texts in kinds:
            document.add_paragraph().add_run(str(kind)).italic = True
            _bullets(document, texts)
    _tables(document, block, draft)
    _charts(document, block, draft)


def _groups(document: Document, block: Block, draft: bool) -> None:
    for group in block.context.get("groups", ()):
        document.add_paragraph().add_run(group["name"]).bold = True
        if group["description"]:
            document.add_paragraph(group["description"])
        if group["members"]:
            document.add_paragraph(f"{_('Ledamöter från:')} {group['members']}")


def _initiative(document: Document, block: Block, draft: bool) -> None:
    for label, value in block.context.get("facts", ()):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))
        paragraph.paragraph_format.space_after = Pt(0)
    _tables(document, block, draft)


def _list(document: Document, block: Block, draft: bool) -> None:
    _bullets(document, block.context.get("items", ()))


def _meetings(document: Document, block: Block, draft: bool) -> None:
    document.add_paragraph(str(block.context.get("sentence", "")))
    _tables(document, block, draft)


def _missing(document: Document, block: Block, draft: bool) -> None:
    what = block.context.get("what", "")
    document.add_paragraph().add_run(
        _("Uppgifter saknas: %(what)s.") % {"what": what}
    ).italic = True


def _office_signature(document: Document, block: Block, draft: bool) -> None:
    if block.context.get("place_date"):
        document.add_paragraph(block.context["place_date"])
    signer = block.context.get("signer")
    if signer:
        _signature(document, [str(signer.person), str(signer.title)])


def _signatures(document: Document, block: Block, draft: bool) -> None:
    document.add_paragraph(str(block.context.get("place_date", "")))
    for signer in block.context.get("signers", ()):
        _signature(document, [signer["name"], signer["position"], signer["member"]])


def _signature(document: Document, lines: list[str]) -> None:
    """A line to sign on, the name and what the signer is under it."""
    document.add_paragraph().paragraph_format.space_before = Mm(10)
    for index, line in enumerate(part for part in lines if part):
        paragraph = document.add_paragraph(("_" * 30 + "\n") if index == 0 else "")
        paragraph.add_run(line)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = True


def _bullets(document: Document, items: Any) -> None:
    for item in items:
        document.add_paragraph(str(item), style="List Bullet")


WRITERS: dict[str, Writer] = {
    "budget": _budget,
    "chart": _chart,
    "charts": _charts,
    "economy": _economy,
    "goals": _goals,
    "groups": _groups,
    "initiative": _initiative,
    "list": _list,
    "meetings": _meetings,
    "missing": _missing,
    "office_signature": _office_signature,
    "paragraphs": _paragraphs,
    "signatures": _signatures,
    "tables": _tables,
}
