"""Report files: the PDF (the adopted one when there is one), a draft of today's data, and
any earlier adoption's PDF; a Word copy beside the PDF; an annual report's auditors' report,
uploaded by staff and read by everyone who downloads reports. Every report download is logged.

A draft is rendered once for what it shows (reports.drafts): an unchanged draft comes from
storage at once; a changed one is rendered in the background (a job), and its page offers the
file when it is ready."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.errors import StaleEditError
from finsam.forms import add_errors, service_check
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.models import JobStatus
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from reports.builders import build_report
from reports.docx_export import CONTENT_TYPE as DOCX
from reports.docx_export import report_docx
from reports.drafts import kept_by_key, kept_draft
from reports.forms import AuditorsReportForm
from reports.models import Report, ReportAdoption
from reports.selectors import latest_adoption, reports_of
from reports.services import auditors_report_attach, auditors_report_check, download_record
from reports.tasks import render_draft


def _filename(report: Report, suffix: str = "") -> str:
    return f"{report.kind}-{report.association.slug}-{report.period_end or report.year}{suffix}.pdf"


def _word_name(report: Report, suffix: str = "") -> str:
    """ "Verksamhetsplan 2014 Finnvedens samordningsförbund.docx": what staff see in Word."""
    name = f"{report.title} {report.association.name}{suffix}"
    return "".join("-" if c in '/\\:*?"<>|' else c for c in name) + ".docx"


def _frozen(request: HttpRequest, report: Report, adoption: ReportAdoption) -> FileResponse:
    download_record(report=report, user=request.user, file_format="pdf", adoption=adoption)
    name = _filename(report, f"-faststalld-{adoption.adopted_on}")
    return FileResponse(adoption.pdf.open("rb"), as_attachment=True, filename=name)


def _draft(request: HttpRequest, tenant: Tenant, report: Report) -> HttpResponseBase:
    # The association the permission check read: the draft's stored name needs it, and a
    # kept draft is served with a handful of queries (tests/reports/test_draft_cache.py).
    report.association = tenant.association
    filename = _filename(report, "-utkast")
    # The link of a finished job names the file it rendered; without one, today's figures.
    kept = kept_by_key(report, request.GET.get("utkast", "")) or kept_draft(report)
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
    return _frozen(request, report, adoption) if adoption else _draft(request, tenant, report)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def report_draft_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    return _draft(request, tenant, report)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def adoption_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    adoption = get_scoped_or_404(ReportAdoption.objects.select_related("report"), tenant, pk=pk)
    return _frozen(request, adoption.report, adoption)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def report_docx_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponseBase:
    """The Word copy of the adopted report (the PDF is the original); a report not adopted,
    or adopted before Word copies were kept, comes as a draft of today's data."""
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    adoption = latest_adoption(report)
    if adoption is None or not adoption.docx:
        return _draft_docx(request, report)
    download_record(report=report, user=request.user, file_format="docx", adoption=adoption)
    name = _word_name(report)
    file = adoption.docx.open("rb")
    return FileResponse(file, as_attachment=True, filename=name, content_type=DOCX)


@tenant_view(Perm.DOWNLOAD_REPORTS)
def report_draft_docx_download(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    return _draft_docx(request, report)


def _draft_docx(request: HttpRequest, report: Report) -> HttpResponse:
    content = report_docx(build_report(report))
    download_record(report=report, user=request.user, file_format="docx")
    response = HttpResponse(content, content_type=DOCX)
    disposition = content_disposition_header(True, _word_name(report, " utkast"))
    response["Content-Disposition"] = disposition or "attachment"
    return response


@tenant_view(Perm.DOWNLOAD_REPORTS)
def auditors_report_download(request: HttpRequest, tenant: Tenant, pk: int) -> FileResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    if not report.auditors_report:
        raise Http404(_("Ingen revisionsberättelse har laddats upp."))
    name = f"revisionsberattelse-{report.association.slug}-{report.year}.pdf"
    return FileResponse(report.auditors_report.open("rb"), as_attachment=True, filename=name)


@tenant_view(Perm.EDIT)
@require_POST
def auditors_report_upload(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    form = AuditorsReportForm(request.POST, request.FILES)
    back = reverse("reports:detail", args=[tenant.association.slug, report.pk])
    if not form.is_valid():
        # The report's and the day's rules in the same answer as the form's own problems.
        service_check(
            form,
            lambda received_on: auditors_report_check(report=report, received_on=received_on),
            "received_on",
        )
    else:
        try:
            auditors_report_attach(
                report=report,
                version=form.cleaned_data["version"],
                upload=form.cleaned_data["pdf"],
                received_on=form.cleaned_data["received_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except StaleEditError as stale:
            form.add_error(None, str(stale))
        else:
            messages.success(request, _("Revisionsberättelsen är bifogad."))
            return redirect(back)
    context = {"form": form, "title": _("Revisionsberättelse"), "back": back, "multipart": True}
    return render(request, "reports/edit.html", context, status=400)
