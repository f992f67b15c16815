"""Reading reports: the list, a report as a page, what changed since adoption, downloads."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from reports.builders import build_report
from reports.comments import comment_threads
from reports.forms import AuditorsReportForm, ReportCommentForm, ReportCreateForm
from reports.models import Report
from reports.selectors import figure_differences, latest_adoption, reports_of


@tenant_view()
def report_list(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    reports = reports_of(tenant).prefetch_related("adoptions")
    form = ReportCreateForm() if tenant.can_edit else None
    return render(request, "reports/list.html", {"reports": reports, "form": form})


@tenant_view()
def report_detail(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    data = build_report(report)
    adoption = latest_adoption(report)
    differences = figure_differences(adoption, data) if adoption else []
    context = {"report": report, "data": data, "adoption": adoption, "differences": differences}
    context["comment_threads"] = comment_threads(report)
    context["comment_form"] = ReportCommentForm(report=report)
    if report.is_annual and tenant.can_edit:
        context["auditors_form"] = AuditorsReportForm(initial={"version": report.version})
    return render(request, "reports/detail.html", context)


@tenant_view()
def report_differences(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    adoption = latest_adoption(report)
    differences = figure_differences(adoption, build_report(report)) if adoption else []
    context = {"report": report, "adoption": adoption, "differences": differences}
    return render(request, "reports/differences.html", context)


@tenant_view(Perm.VIEW_HISTORY)
def report_downloads(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report: Report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    downloads = report.downloads.select_related("user", "adoption")[:500]
    return render(request, "reports/downloads.html", {"report": report, "downloads": downloads})
