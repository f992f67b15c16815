"""A budget's history: the whole document, one line, one cell (staff, auditors, admins)."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from budgets.history import adopted_at, cell_sources, document_sources, line_sources
from budgets.models import BudgetAmount, BudgetColumn, BudgetDocument, BudgetLine
from budgets.selectors import documents_of
from finsam.audit.entries import Entry
from finsam.audit.log import Filters
from finsam.audit.pages import render_history
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


def _links(document: BudgetDocument):
    """Each line's and figure's entry links to the history of that line or cell."""
    slug = document.association.slug

    def link(entry: Entry) -> str:
        obj = entry.obj
        if isinstance(obj, BudgetAmount):
            return reverse(
                "budgets:cell_history", args=[slug, document.pk, obj.line_id, obj.column_id]
            )
        if isinstance(obj, BudgetLine) and obj.document_id == document.pk:
            return reverse("budgets:line_history", args=[slug, document.pk, obj.pk])
        return ""

    return link


def _context(document: BudgetDocument, title: str) -> dict:
    back = reverse("budgets:document", args=[document.association.slug, document.pk])
    return {"title": title, "back": back, "back_label": str(document)}


@tenant_view(Perm.VIEW_HISTORY)
def history(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    adopted = adopted_at(document)
    context = {**_context(document, f"Historik för {document}"), **_adoption(document, adopted)}
    context["explanation"] = (
        "Budgetens rader, belopp, fotnoter, kolumner och inställningar, och finansieringen "
        "för budgetens år, som medlemsbidragens rader räknas fram ur."
    )
    only_after = adopted is not None and request.GET.get("efter") == "1"
    return render_history(
        request,
        tenant,
        document_sources(document),
        context,
        filters=Filters(after=adopted if only_after else None),
        adopted_at=adopted,
        link=_links(document),
    )


def _adoption(document: BudgetDocument, adopted: datetime | None) -> dict:
    if adopted is None:
        return {}
    return {
        "adoption": f"Budgeten fastställdes {document.adopted_on:%Y-%m-%d}; det som ändrats "
        "sedan fastställandet registrerades är markerat.",
        "after_link": "?efter=1",
    }


@tenant_view(Perm.VIEW_HISTORY)
def line_history(request: HttpRequest, tenant: Tenant, pk: int, line: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    found = get_scoped_or_404(BudgetLine, tenant, pk=line, document=document)
    context = _context(document, f"Historik för raden ”{found}”")
    return render_history(
        request,
        tenant,
        line_sources(found),
        context,
        adopted_at=adopted_at(document),
        link=_links(document),
    )


@tenant_view(Perm.VIEW_HISTORY)
def cell_history(
    request: HttpRequest, tenant: Tenant, pk: int, line: int, column: int
) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    found_line = get_scoped_or_404(BudgetLine, tenant, pk=line, document=document)
    found_column = get_scoped_or_404(BudgetColumn, tenant, pk=column, document=document)
    context = _context(document, f"Historik för ”{found_line}” / {found_column}")
    sources = cell_sources(found_line, found_column)
    return render_history(request, tenant, sources, context, adopted_at=adopted_at(document))
