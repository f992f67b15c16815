"""What the budget views share."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

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
