"""Writing reports: layout options, sections, adoption (which freezes the PDF), downloads.

Every write is one atomic function that locks the report row and checks the version the
user saw, so two people editing the same report cannot overwrite each other silently.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.lib.progress import Progress, in_step, steps_done
from finsam.pdf import sha256_hex
from finsam.problems import Problems
from finsam.saving import saved
from finsam.versions import version_checked
from reports.builders import build_report
from reports.docx_export import report_docx
from reports.models import Report, ReportAdoption, ReportDownload, ReportKind, ReportSection
from reports.rendering import report_pdf


def _locked(report: Report, version: int | None) -> Report:
    """The report read under its lock, its version checked and raised (finsam.versions)."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    version_checked(current, version, what=_("Rapporten"))
    return current


def adoption_date_check(*, report: Report, adopted_on: date) -> None:
    """A report is adopted after its period: a decision dated before the period's last day
    is a typing error (or a default nobody changed), never a real adoption. Told at the
    date; public, so the page runs it beside the form's own checks."""
    if report.period_end is not None and adopted_on < report.period_end:
        raise _at(
            "adopted_on",
            _(
                "Beslutsdatumet %(day)s ligger före periodens sista dag %(end)s: en rapport "
                "kan inte fastställas innan perioden är slut."
            )
            % {"day": f"{adopted_on:%Y-%m-%d}", "end": f"{report.period_end:%Y-%m-%d}"},
        )
    # The annual report closes the books of its year: the board adopts it after the
    # year's last day, never on it, since the year's last entries are still being made.
    if report.is_annual and adopted_on <= date(report.year, 12, 31):
        raise _at(
            "adopted_on",
            _(
                "Beslutsdatumet %(day)s ligger inom eller före räkenskapsåret %(year)s: en "
                "årsredovisning kan inte fastställas innan året är slut."
            )
            % {"day": f"{adopted_on:%Y-%m-%d}", "year": report.year},
        )


def _at(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


@transaction.atomic
def report_adopt(
    *,
    report: Report,
    adopted_on: date,
    user: Any,
    version: int | None = None,
    diary_number: str | None = None,
    progress: Progress | None = None,
) -> ReportAdoption:
    """Record the board's adoption: render the PDF once and keep it with its figures, and a
    Word copy of the same build.

    `version` is the one the user read; a report changed since is refused, not adopted. The
    decision date, and the diary number when given, go on the cover of what is frozen.
    `progress` is told of its steps: the report built, its PDF rendered, the Word copy."""
    report = _locked(report, version)
    adoption_date_check(report=report, adopted_on=adopted_on)
    report.adopted_on = adopted_on
    if diary_number is not None:
        report.diary_number = diary_number
    saved(report)
    data = build_report(report)
    data.is_draft = False
    steps_done(progress, 1, ADOPTION_STEPS)
    content = report_pdf(data, in_step(progress, 1, ADOPTION_STEPS))
    adoption = ReportAdoption(
        report=report,
        adopted_on=adopted_on,
        sha256=sha256_hex(content),
        figures=[f.stored() for f in data.figures()],
        texts=[t.stored() for t in data.texts()],
        adopted_by=user if getattr(user, "is_authenticated", False) else None,
    )
    adoption.pdf.save(f"{adoption.sha256}.pdf", ContentFile(content), save=False)
    adoption.docx.save(f"{adoption.sha256}.docx", ContentFile(report_docx(data)), save=False)
    steps_done(progress, ADOPTION_STEPS, ADOPTION_STEPS)
    return saved(adoption)


ADOPTION_STEPS = 3  # the report built, its PDF rendered, its Word copy written


@transaction.atomic
def report_update(*, report: Report, version: int, values: dict[str, Any], columns=None) -> Report:
    """Change the report's cover texts and layout options (columns: BudgetColumns or None)."""
    report = _locked(report, version)
    for name, value in values.items():
        setattr(report, name, value)
    saved(report)
    if columns is not None:
        report.columns.set(columns)
    return report


@transaction.atomic
def section_save(
    *, report: Report, version: int, section: ReportSection | None, values: dict[str, Any]
) -> ReportSection:
    """Create a section at the end, or change one; either way the report's version moves."""
    report = _locked(report, version)
    if section is None:
        last = report.sections.order_by("-position").values_list("position", flat=True).first()
        section = ReportSection(report=report, position=(last or 0) + 1)
    for name, value in values.items():
        setattr(section, name, value)
    saved(section)
    saved(report)
    return section


@transaction.atomic
def section_delete(*, report: Report, version: int, section: ReportSection) -> None:
    report = _locked(report, version)
    section.delete()
    saved(report)


@transaction.atomic
def section_move(*, report: Report, version: int, section: ReportSection, step: int) -> None:
    """Swap the section with its neighbour above (step -1) or below (step 1)."""
    report = _locked(report, version)
    ordered = list(report.sections.order_by("position"))
    index = next(i for i, each in enumerate(ordered) if each.pk == section.pk)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(ordered)
    saved(report)


def _renumber(sections: list[ReportSection]) -> None:
    """Number the sections 1, 2, 3... in the given order, writing the history of each that
    moved. Positions are unique per report, so the moved ones step out of the way first
    (a plain update: that parking place is no change anyone made, so no history)."""
    moved = [
        (position, section)
        for position, section in enumerate(sections, start=1)
        if section.position != position
    ]
    offset = len(sections) + 1000
    for position, section in moved:
        ReportSection.objects.filter(pk=section.pk).update(position=offset + position)
    for position, section in moved:
        section.position = position
        section.save(update_fields=["position"])


def auditors_report_check(*, report: Report, received_on: date | None) -> None:
    """Only an annual report has an auditors' report, received after its year: both told at
    once (the day at its field). Public: the page runs it beside the form's own checks."""
    problems = Problems()
    if not report.is_annual:
        problems.add(None, _("Bara en årsredovisning har en revisionsberättelse."))
    if received_on is not None and received_on < date(report.year + 1, 1, 1):
        problems.add(
            "received_on",
            _("Revisionsberättelsen kan inte ha kommit in %(day)s, före räkenskapsårets slut.")
            % {"day": f"{received_on:%Y-%m-%d}"},
        )
    problems.raise_any()


@transaction.atomic
def auditors_report_attach(
    *, report: Report, version: int, upload: Any, received_on: date
) -> Report:
    """Attach the auditors' report (a PDF checked by `finsam.uploads`) to an annual report,
    replacing an earlier one; the adopted PDF is not touched: the board signed it without."""
    report = _locked(report, version)
    auditors_report_check(report=report, received_on=received_on)
    if report.auditors_report:
        report.auditors_report.delete(save=False)
    report.auditors_report.save("revisionsberattelse.pdf", upload, save=False)
    report.auditors_report_received = received_on
    return saved(report)


def download_record(
    *, report: Report, user: Any, file_format: str, adoption: ReportAdoption | None = None
) -> ReportDownload:
    return ReportDownload.objects.create(
        report=report,
        adoption=adoption,
        user=user if getattr(user, "is_authenticated", False) else None,
        file_format=file_format,
    )


@transaction.atomic
def report_create(
    *, association: Any, kind: str, year: int, period_end: date | None, title: str
) -> Report:
    """A new report with the usual outline of its kind, and the year's budget if there is one."""
    from reports.outlines import OUTLINES

    budget = association.budget_documents.filter(year=year).order_by("-revision").first()
    report = saved(
        Report(
            association=association,
            kind=kind,
            year=year,
            period_end=period_end,
            title=title,
            # the plan prints its budget; the annual report sets the outcome beside it
            budget=budget if kind in ("verksamhetsplan", "arsredovisning") else None,
        )
    )
    for position, (heading, level, block) in enumerate(OUTLINES[ReportKind(kind)], start=1):
        saved(
            ReportSection(
                report=report, position=position, heading=heading, level=level, block=block
            )
        )
    return report
