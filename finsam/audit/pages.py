"""One page of history, as every history page shows it: budgets, initiatives and members
give it their sources (`finsam.audit.log`), it pages them and turns the rows into entries."""

from collections.abc import Callable
from datetime import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from finsam.audit.entries import Entry, entries_of
from finsam.audit.log import Filters, Source, history_rows
from finsam.tenancy import Tenant

PAGE_SIZE = 50


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
