"""Next year's budget built from an earlier one ("Ny budget utifrån …")."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from budgets.forms import NewFromForm
from budgets.models import BudgetDocument
from budgets.opening import successor_opening
from budgets.services.successor import document_create_from
from finsam.forms import add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


@tenant_view(Perm.EDIT)
def new_from(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    """GET: the form, with the opening balance the chosen year would get and where it comes
    from; POST: the new draft (a refused year is shown on the form, nothing is created)."""
    source = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    data = (
        request.POST if request.method == "POST" else request.GET if "year" in request.GET else None
    )
    form = NewFromForm(data, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            created, opening = document_create_from(
                source=source, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)  # a refused year next to the year
        else:
            message = (
                _("Budgeten ”%(budget)s” är skapad som utkast med ingående balans från %(source)s.")
                if opening
                else _("Budgeten ”%(budget)s” är skapad som utkast med ingen ingående balans.")
            )
            source_name = opening.source if opening else ""
            messages.success(request, message % {"budget": created, "source": source_name})
            return redirect("budgets:document", tenant.association.slug, created.pk)
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else source.year + 1
    context = {"source": source, "form": form, "year": year, "previous_year": year - 1}
    context["opening"] = successor_opening(source, year)
    return render(request, "budgets/new_from.html", context)
