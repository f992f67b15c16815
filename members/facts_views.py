"""The association's facts page: everyone of the association reads it, staff edit it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.models import Association
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view
from members.facts_forms import AssociationFactsForm
from members.facts_services import association_facts_update, logo_file


@tenant_view()
def facts(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    return render(request, "members/groups/facts.html", {"association": tenant.association})


@tenant_view(Perm.EDIT)
def facts_edit(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    fresh = Association.objects.get(pk=tenant.association.pk)
    form = AssociationFactsForm(request.POST or None, request.FILES or None, instance=fresh)
    if request.method == "POST" and form.is_valid():
        try:
            saved = association_facts_update(
                association=fresh,
                expected_version=form.cleaned_data["version"],
                facts=form.facts(),
                logo=form.cleaned_data["logo"] or None,
                remove_logo=form.cleaned_data["remove_logo"],
            )
        except StaleEditError as stale:
            messages.error(request, str(stale))
            return redirect("members:facts_edit", tenant.association.slug)
        except ValidationError as error:
            add_errors(form, error)  # each message at its field
        else:
            messages.success(request, _("Förbundets uppgifter är sparade."))
            return redirect("members:facts", saved.slug)
    return render(request, "members/groups/facts_edit.html", {"form": form})


@tenant_view()
def logo(request: HttpRequest, tenant: Tenant) -> HttpResponseBase:
    path = logo_file(tenant.association)
    if path is None:  # nothing to show: the facts page says so
        return redirect("members:facts", tenant.association.slug)
    kind = "image/png" if path.suffix == ".png" else "image/jpeg"
    return FileResponse(path.open("rb"), content_type=kind)
