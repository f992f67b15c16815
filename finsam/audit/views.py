"""The association's whole history and its xlsx export; staff, auditors and admins may read
history (Perm.VIEW_HISTORY)."""

import tempfile

from django.contrib.auth import get_user_model
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from finsam.audit.forms import HistoryFilterForm
from finsam.audit.log import association_sources, history_rows, history_users, kind_choices
from finsam.audit.pages import render_history
from finsam.audit.xlsx import history_workbook
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
def history_export(request: HttpRequest, tenant: Tenant) -> FileResponse:
    filters = _filter_form(request, tenant).filters()
    rows = history_rows(tenant.association, association_sources(), filters)
    title = _("Historik för %(name)s") % {"name": tenant.association.name}
    # Written to a temporary file, then streamed from it: the workbook is never in memory.
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    history_workbook(rows, title, out)
    out.seek(0)
    stamp = timezone.localdate().isoformat()
    name = slugify(f"historik-{tenant.association.slug}-{stamp}")
    return FileResponse(out, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
