"""The association's own two-factor setting: whether everyone with a role must use it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view
from finsam.two_factor.forms import RequirementForm
from finsam.two_factor.requirement import two_factor_requirement_set, users_without_device


@tenant_view(Perm.MANAGE_USERS)
def requirement(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    association = tenant.association
    now = association.require_two_factor
    form = RequirementForm(
        request.POST or None, initial={"required": _on_off(not now), "was": _on_off(now)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = two_factor_requirement_set(
                association=association,
                required=form.cleaned_data["required"],
                was=form.cleaned_data["was"],
                user=request.user,
            )
        except StaleEditError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _switched(saved.require_two_factor))
        return redirect("two_factor_requirement:setting", association.slug)
    context = {"form": form, "required": now, "without": users_without_device(association)}
    return render(request, "two_factor/requirement.html", context)


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def _switched(required: bool) -> str:
    if required:
        return _("Nu krävs tvåstegsverifiering av alla användare i förbundet.")
    return _("Tvåstegsverifiering krävs inte längre; var och en väljer själv.")
