"""Building a report: its sections in order, numbered, each with its text and its block.

`build_report` is the one entry point; the page, the PDF, the `report` command and the
adoption all call it. Headings are numbered from their levels ("3", "3.1", "3.1.1"), and a
block's subsections (one per initiative, say) are numbered under their section.
"""

from datetime import date

from django.utils.translation import gettext as _

from finsam.lib.markup import render_markup
from finsam.lib.periods import interim_period_problem
from members.facts_services import logo_file
from reports.blocks import BLOCKS
from reports.context import BuildContext
from reports.data import ReportData, Section
from reports.models import Report, ReportSection


def build_report(report: Report) -> ReportData:
    context = BuildContext(report)
    sections = [
        _section(context, section) for section in report.sections.select_related("initiative")
    ]
    _number(sections)
    return ReportData(
        report_id=report.pk,
        kind=report.kind,
        association_name=report.association.name,
        title=report.title,
        subtitle=report.subtitle,
        diary_number=report.diary_number,
        decision_date=report.adopted_on,
        cover_html=render_markup(report.cover_text),
        sections=sections,
        adoption_line=_adoption_line(report),
        is_draft=True,  # only an adoption's frozen PDF is printed without the watermark
        warnings=_warnings(report),
        logo_path=logo_file(report.association),
    )


def _section(context: BuildContext, section: ReportSection) -> Section:
    spec = BLOCKS.get(section.block)
    context.section = section  # blocks about one initiative read it from here
    return Section(
        heading=section.heading,
        level=section.level,
        numbered=section.numbered and bool(section.heading),
        text_html=render_markup(section.text),
        block=spec.build(context) if spec else None,
        text_after_html=render_markup(section.text_after),
    )


def _number(sections: list[Section]) -> None:
    """Number the numbered headings by level ("3", "3.1"), a block's subsections under
    their section ("3.1.1"), and give every heading an anchor for the table of contents."""
    counters = [0, 0, 0]
    for section in sections:
        if section.numbered:
            depth = section.level - 1
            counters[depth] += 1
            counters[depth + 1 :] = [0] * (len(counters) - depth - 1)
            section.number = ".".join(str(n) for n in counters[: depth + 1])
        _number_children(section)
    for index, section in enumerate(_flat(sections), start=1):
        section.anchor = f"avsnitt-{index}"


def _number_children(parent: Section) -> None:
    for index, child in enumerate(parent.children, start=1):
        child.level = parent.level + 1
        if parent.number and child.numbered:
            child.number = f"{parent.number}.{index}"
        _number_children(child)


def _flat(sections: list[Section]) -> list[Section]:
    return [each for section in sections for each in section.walk()]


def _adoption_line(report: Report) -> str:
    if not (report.adoption_line and report.adopted_on):
        return ""
    return f"{report.adoption_line} {report.adopted_on:%Y-%m-%d}."


def _warnings(report: Report) -> list[str]:
    warnings = []
    if report.period_end:
        problem = interim_period_problem(date(report.year, 1, 1), report.period_end)
        if problem:
            warnings.append(problem)
    if report.kind == "verksamhetsplan" and report.budget is None:
        warnings.append(_("Ingen budget är vald för verksamhetsplanen."))
    return warnings
