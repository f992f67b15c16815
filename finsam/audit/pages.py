"""One page of history, as every history page shows it: budgets, initiatives and members
give it their sources (`finsam.audit.log`), it pages them and turns the rows into entries."""

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from finsam.audit.entries import Entry, entries_of
from finsam.audit.log import Filters, Source, history_rows
from finsam.models import Association
from finsam.tenancy import Tenant

PAGE_SIZE = 50
# A log pages through at most this many rows, newest first; older ones are found by narrowing
# the dates. Paging deeper by offset would read every row above the page, and counting a
# million rows for the page count costs more than the page itself.
MAX_ROWS = 10_000


class NewestRows:
    """The rows of a history page's sources as Paginator reads them: counted up to MAX_ROWS,
    and each page asking every table for no more rows than end at that page."""

    ordered = True

    def __init__(self, association: Association, sources: list[Source], filters: Filters):
        self.association, self.sources, self.filters = association, sources, filters
        self._counted: int | None = None

    def _rows(self, first: int) -> QuerySet:
        return history_rows(self.association, self.sources, self.filters, first=first)

    def count(self) -> int:
        # One row more than is paged through is counted: whether there are more is then
        # known without another query, so a long history costs what a short one does.
        if self._counted is None:
            self._counted = self._rows(MAX_ROWS + 1)[: MAX_ROWS + 1].count()
        return min(self._counted, MAX_ROWS)

    def more_than_shown(self) -> bool:
        self.count()
        return (self._counted or 0) > MAX_ROWS

    def __getitem__(self, window: slice) -> list[dict]:
        return list(self._rows(window.stop)[window])


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
    rows = NewestRows(tenant.association, sources, filters or Filters())
    # Paginator reads `count()` and slices, all NewestRows gives (not a Sequence for the stubs).
    paginator: Paginator[dict] = Paginator(cast(Any, rows), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("sida"))
    capped = page.paginator.count == MAX_ROWS and rows.more_than_shown()
    entries = entries_of(list(page.object_list))
    for entry in entries:
        entry.after_adoption = adopted_at is not None and entry.when > adopted_at
        entry.link = link(entry) if link else ""
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        **context,
        "page": page,
        "entries": entries,
        "query": query.urlencode(),
        "capped": capped,
    }
    return render(request, context.get("template", "finsam/history/object.html"), context)
