"""Discharge (ansvarsfrihet): the members' decisions for the last closed year."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view
from finsam.versions import ABSENT
from members.discharge import (
    discharge_member,
    discharge_save,
    discharge_year,
    last_closed_year,
)
from members.discharge_forms import DischargeForm
from members.models import Discharge


@tenant_view()
def discharges(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    year = last_closed_year(tenant.association)
    overview = None if year is None else discharge_year(tenant.association, year)
    return render(request, "members/discharges.html", {"overview": overview})


@tenant_view(Perm.EDIT)
def discharge_edit(request: HttpRequest, tenant: Tenant, year: int, member: int) -> HttpResponse:
    """Record or change a member's decision; only for a member of that year."""
    found = discharge_member(tenant.association, year, member)
    if found is None:
        raise Http404
    stored = Discharge.objects.filter(association=tenant.association, year=year, member=found)
    instance = stored.first()
    initial = {"version": ABSENT if instance is None else instance.version}
    form = DischargeForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            discharge_save(
                association=tenant.association,
                year=year,
                member=found,
                expected_version=form.cleaned_data["version"],
                fields=form.cleaned_data,
                user=request.user,
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
        else:
            messages.success(request, _("Beslutet om ansvarsfrihet är sparat."))
            return redirect("members:discharges", tenant.association.slug)
    context = {"form": form, "member": found, "year": year}
    return render(request, "members/discharge_edit.html", context)
