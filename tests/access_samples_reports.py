"""Access-sweep samples for the reports app: a report, a section and an adoption of the given
association, created inside the sweep's transaction where the demo has none."""

from datetime import date

from finsam.models import Association
from reports.models import Report, ReportAdoption
from reports.services import auditors_report_attach, report_adopt, report_create
from tests.reports.pdfs import blank_pdf


def _report_of(association: Association) -> Report:
    report = Report.objects.filter(association=association).order_by("pk").first()
    if report is None:
        report = report_create(
            association=association,
            kind="verksamhetsplan",
            year=2016,
            period_end=None,
            title="Verksamhetsplan 2016",
        )
    return report


def _report(association: Association) -> dict:
    return {"pk": _report_of(association).pk}


def _section(association: Association) -> dict:
    report = _report_of(association)
    return {"pk": report.pk, "section": report.sections.order_by("position").first().pk}


def _adoption(association: Association) -> dict:
    adoption = ReportAdoption.objects.filter(report__association=association).first()
    if adoption is None:
        adoption = report_adopt(
            report=_report_of(association), adopted_on=date(2016, 1, 1), user=None
        )
    return {"pk": adoption.pk}


SAMPLES = {
    name: _report
    for name in (
        "reports:detail",
        "reports:differences",
        "reports:downloads",
        "reports:pdf",
        "reports:draft_pdf",
        "reports:docx",
        "reports:draft_docx",
        "reports:edit",
        "reports:outline",
        "reports:section_new",
        "reports:adopt",
    )
}
SAMPLES["reports:section_edit"] = _section
SAMPLES["reports:section_change"] = _section
SAMPLES["reports:adoption_pdf"] = _adoption
SAMPLES["reports:comment_add"] = _report


def _comment(association: Association) -> dict:
    # Any number will do: the report is looked up first (another association's is a 404) and
    # a comment not on this report is refused with a message.
    return {**_report(association), "comment": 1}


SAMPLES["reports:comment_resolve"] = _comment


def _annual(association: Association) -> dict:
    """An annual report with its auditors' report attached (the download is a 404 without)."""
    report = Report.objects.filter(association=association, kind="arsredovisning").first()
    if report is None:
        report = report_create(
            association=association,
            kind="arsredovisning",
            year=2013,
            period_end=None,
            title="Årsredovisning 2013",
        )
    if not report.auditors_report:
        auditors_report_attach(
            report=report, version=report.version, upload=blank_pdf(), received_on=date(2014, 4, 1)
        )
    return {"pk": report.pk}


SAMPLES["reports:auditors_report"] = _annual
SAMPLES["reports:auditors_report_upload"] = _annual
