"""History pages: the association's whole log, its xlsx export, and one funding year's.

Every history page is rendered by `render_history`, which budgets and initiatives use too:
it takes the page's sources (`members.audit.log`), pages them and turns the page's rows
into entries. Staff, auditors and admins may read history (Perm.VIEW_HISTORY).
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members.audit.entries import Entry, entries_of
from members.audit.log import (
    Filters,
    Source,
    association_sources,
    history_rows,
    history_users,
    kind_choices,
)
from members.audit.xlsx import history_workbook
from members.forms import HistoryFilterForm
from members.models import AgreedContribution, FixedKeyShare, FundingYear, PopulationFigure

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_history(
    request: HttpRequest,
    tenant: Tenant,
    sources: list[Source],
    context: dict,
    *,
    filters: Filters | None = None,
    adopted_at: datetime | None = None,
    link: Callable[[Entry], str] | None = None,
) -> HttpResponse:
    """A page of history: `context` gives at least the page's `title` and `back` link."""
    rows = history_rows(tenant.association, sources, filters or Filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("sida"))
    entries = entries_of(list(page.object_list))
    for entry in entries:
        entry.after_adoption = adopted_at is not None and entry.when > adopted_at
        entry.link = link(entry) if link else ""
    query = request.GET.copy()
    query.pop("sida", None)
    context = {**context, "page": page, "entries": entries, "query": query.urlencode()}
    return render(request, context.get("template", "members/history/object.html"), context)


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
    context = {"title": _("Historik"), "form": form, "template": "members/history/log.html"}
    return render_history(request, tenant, association_sources(), context, filters=form.filters())


@tenant_view(Perm.VIEW_HISTORY)
def history_export(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    filters = _filter_form(request, tenant).filters()
    rows = history_rows(tenant.association, association_sources(), filters)
    title = _("Historik för %(name)s") % {"name": tenant.association.name}
    response = HttpResponse(history_workbook(rows, title), content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    name = slugify(f"historik-{tenant.association.slug}-{stamp}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def funding_sources(funding_years: list[FundingYear]) -> list[Source]:
    """A year's decision, its agreed amounts and fixed shares, and the population key."""
    ids = [fy.pk for fy in funding_years]
    return [
        Source(FundingYear.history.model, Q(id__in=ids)),
        Source(AgreedContribution.history.model, Q(funding_year_id__in=ids)),
        Source(FixedKeyShare.history.model, Q(funding_year_id__in=ids)),
        Source(PopulationFigure.history.model, Q(date__in=[fy.key_date for fy in funding_years])),
    ]


@tenant_view(Perm.VIEW_HISTORY)
def funding_year_history(request: HttpRequest, tenant: Tenant, year: int) -> HttpResponse:
    funding_year = get_scoped_or_404(FundingYear, tenant, year=year)
    context = {
        "title": _("Historik för finansieringen %(year)s") % {"year": year},
        "back": reverse("members:funding_year", args=[tenant.association.slug, year]),
        "back_label": _("Finansiering %(year)s") % {"year": year},
        "explanation": _(
            "Statens bidrag, fördelningsnyckeln, överenskomna belopp, fasta andelar och "
            "invånarantalen den 1 november året före, som bidragen räknas fram ur."
        ),
    }
    return render_history(request, tenant, funding_sources([funding_year]), context)
