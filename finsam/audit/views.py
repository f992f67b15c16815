"""The association's whole history and its xlsx export; staff, auditors and admins may read
history (Perm.VIEW_HISTORY)."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from finsam.audit.forms import HistoryFilterForm
from finsam.audit.log import association_sources, history_users, kind_choices
from finsam.audit.pages import render_history
from finsam.audit.tasks import filters_stored, history_xlsx
from finsam.jobs.responses import job_response
from finsam.jobs.runner import job_start
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view


def _filter_form(request: HttpRequest, tenant: Tenant) -> HistoryFilterForm:
    sources = association_sources()
    users = get_user_model().objects.filter(pk__in=history_users(tenant.association, sources))
    return HistoryFilterForm(
        request.GET or None,
        users=list(users.order_by("first_name", "last_name", "username")),
        kinds=kind_choices(sources),
    )


@tenant_view(Perm.VIEW_HISTORY)
def history_log(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = _filter_form(request, tenant)
    context = {"title": _("Historik"), "form": form, "template": "finsam/history/log.html"}
    return render_history(request, tenant, association_sources(), context, filters=form.filters())


@tenant_view(Perm.VIEW_HISTORY)
def history_export(request: HttpRequest, tenant: Tenant) -> HttpResponseBase:
    filters = _filter_form(request, tenant).filters()
    job = job_start(
        association=tenant.association,
        user=request.user,
        kind="history_xlsx",
        title=_("Historiken som Excel-fil"),
        perm=Perm.VIEW_HISTORY,
        task=history_xlsx,
        filters=filters_stored(filters),
    )
    return job_response(request, job)
