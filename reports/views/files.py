"""Report files: the PDF (the adopted one when there is one), a draft of today's data, and
any earlier adoption's PDF. Every download is logged.

A draft is rendered once for what it shows (reports.drafts): an unchanged draft comes from
storage at once; a changed one is rendered in the background (a job), and its page offers the
file when it is ready."""

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.models import JobStatus
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from reports.builders import build_report
from reports.drafts import kept_draft
from reports.models import Report, ReportAdoption
from reports.selectors import latest_adoption, reports_of
from reports.services import download_record
from reports.tasks import render_draft


def _filename(report: Report, suffix: str = "") -> str:
    return f"{report.kind}-{report.association.slug}-{report.period_end or report.year}{suffix}.pdf"


def _frozen(request: HttpRequest, report: Report, adoption: ReportAdoption) -> FileResponse:
    download_record(report=report, user=request.user, file_format="pdf", adoption=adoption)
    name = _filename(report, f"-faststalld-{adoption.adopted_on}")
    return FileResponse(adoption.pdf.open("rb"), as_attachment=True, filename=name)


def _draft(request: HttpRequest, report: Report) -> HttpResponseBase:
    filename = _filename(report, "-utkast")
    kept = kept_draft(report, build_report(report))
    if kept is None:
        job = job_start(
            association=report.association,
            user=request.user,
            kind="report_draft",
            title=_("PDF-utkast av %(report)s") % {"report": report},
            perm=Perm.DOWNLOAD_REPORTS,
            task=render_draft,
            report_id=report.pk,
            filename=filename,
        )
        if job.status != JobStatus.DONE:
            return job_response(request, job)
        kept = job.result["stored"]
    download_record(report=report, user=request.user, file_format="pdf")
    with default_storage.open(kept, "rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@tenant_view(Perm.DOWNLOAD_REPORTS)
def report_pdf_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    """The adopted PDF exactly as adopted; a report not yet adopted comes as a draft."""
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    adoption = latest_adoption(report)
    return _frozen(request, report, adoption) if adoption else _draft(request, report)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def report_draft_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    return _draft(request, report)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def adoption_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    adoption = get_scoped_or_404(ReportAdoption.objects.select_related("report"), tenant, pk=pk)
    return _frozen(request, adoption.report, adoption)
