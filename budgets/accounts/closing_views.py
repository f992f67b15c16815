"""The year-closing page (bokslut): office staff close a year, an admin reopens it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgets.accounts.closing_forms import YearCloseForm, YearReopenForm
from budgets.services.closing import year_close, year_reopen
from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.models import YearClosing
from finsam.permissions import Perm
from finsam.tenancy import Tenant, scoped, tenant_view
from finsam.versions import ABSENT


@tenant_view()
def closings(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = YearCloseForm(initial={"version": ABSENT})
    return render(request, "budgets/accounts/closings.html", _context(tenant, form))


@tenant_view(Perm.EDIT)
@require_POST
def close(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    """Close a year (a year never closed posts version 0; a reopened one its own version)."""
    form = YearCloseForm(request.POST)
    if form.is_valid() and _close(request, tenant, form):
        return redirect("accounts:closings", tenant.association.slug)
    return render(request, "budgets/accounts/closings.html", _context(tenant, form))


def _close(request: HttpRequest, tenant: Tenant, form: YearCloseForm) -> bool:
    year = form.cleaned_data["year"]
    try:
        closing = year_close(
            association=tenant.association,
            year=year,
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        add_errors(form, error)
        return False
    except StaleEditError as stale:
        form.add_error(None, str(stale))
        return False
    messages.success(request, _("Året %(year)s är stängt.") % {"year": closing.year})
    return True


@tenant_view(Perm.IMPORT)
@require_POST
def reopen(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = YearReopenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("accounts:closings", tenant.association.slug)
    try:
        year_reopen(
            association=tenant.association,
            year=form.cleaned_data["year"],
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except (StaleEditError, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, _("Året är öppnat igen."))
    return redirect("accounts:closings", tenant.association.slug)


def _context(tenant: Tenant, form: YearCloseForm) -> dict:
    rows = scoped(YearClosing, tenant).select_related("closed_by", "reopened_by")
    return {"closings": rows, "form": form, "can_reopen": tenant.can_import}
