"""Who changed what in a budget, and when (for staff, auditors and admins)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from budgets.selectors import changes_of, documents_of
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


@tenant_view(Perm.VIEW_HISTORY)
def history(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(documents_of(tenant), tenant, pk=pk)
    page = Paginator(changes_of(document), 100).get_page(request.GET.get("sida"))
    return render(request, "budgets/history.html", {"document": document, "page": page})
