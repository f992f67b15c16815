"""What the budget views share."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

from budgets.models import BudgetDocument
from finsam.tenancy import Tenant, get_scoped_or_404


def posted_to_document(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A POST-only view of one document: the document is looked up first (another
    association's is a 404 whatever the method), then anything but POST is a 405."""

    @wraps(view)
    def wrapper(request: HttpRequest, tenant: Tenant, pk: int, *args: Any, **kwargs: Any):
        document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, tenant, document, *args, **kwargs)

    return wrapper


# Posted by the confirmation page's button (views.ordering.delete_confirm).
CONFIRMED = "bekraftat"


def unconfirmed_delete(
    request: HttpRequest, document: BudgetDocument, what: str, item: int
) -> HttpResponse | None:
    """A delete posted without the confirmation page's `bekraftat` goes to that page."""
    if CONFIRMED in request.POST:
        return None
    return redirect("budgets:delete", document.association.slug, document.pk, what, item)
