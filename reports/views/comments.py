"""Comments on a report draft: board members and staff comment, staff resolve."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.errors import StaleEditError
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.versions import VersionField
from reports.comments import comment_add, comment_resolve
from reports.forms import ReportCommentForm
from reports.models import Report
from reports.selectors import reports_of


def _back(report: Report) -> HttpResponse:
    response = redirect("reports:detail", report.association.slug, report.pk)
    response["Location"] += "#kommentarer"
    return response


@tenant_view(Perm.COMMENT)
@require_POST
def report_comment_add(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    form = ReportCommentForm(request.POST, report=report)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(report)
    try:
        comment_add(report=report, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(report)
    messages.success(request, _("Kommentaren är sparad."))
    return _back(report)


@tenant_view(Perm.EDIT)
@require_POST
def report_comment_resolve(
    request: HttpRequest, tenant: Tenant, pk: int, comment: int
) -> HttpResponse:
    report = get_scoped_or_404(reports_of(tenant), tenant, pk=pk)
    found = report.comments.filter(pk=comment, parent__isnull=True).first()
    version = VersionField()
    try:
        expected = version.clean(request.POST.get("version"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(report)
    if found is None:
        messages.error(request, _("Kommentaren finns inte i den här rapporten."))
        return _back(report)
    try:
        comment_resolve(comment=found, user=request.user, expected=expected)
    except StaleEditError as stale:
        messages.error(request, str(stale))
        return _back(report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(report)
    messages.success(request, _("Kommentaren är markerad som klar."))
    return _back(report)
