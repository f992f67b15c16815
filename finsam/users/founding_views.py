"""The superuser's page for starting a new association with its first admin."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.forms import add_errors, service_check
from finsam.models import Association
from finsam.users.founding_services import association_found, first_admin_account


class FoundingForm(forms.ModelForm):
    first_admin = forms.CharField(
        label=gettext_lazy("Första administratör"),
        max_length=254,
        help_text=gettext_lazy(
            "Användarnamn eller e-postadress för ett befintligt konto, "
            "eller e-postadressen till den som ska bjudas in."
        ),
    )

    class Meta:
        model = Association
        fields = ("name", "slug", "org_number")

    def clean(self) -> dict[str, Any]:
        super().clean()
        # Whom to make admin, told in the same answer as the association's own problems.
        service_check(self, lambda first: first_admin_account(first.strip()), "first_admin")
        return self.cleaned_data


def association_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    form = FoundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            founded = association_found(
                **{name: form.cleaned_data[name] for name in ("name", "slug", "org_number")},
                first_admin=form.cleaned_data["first_admin"].strip(),
                founded_by=request.user,
                link=lambda token: request.build_absolute_uri(
                    reverse("invitation_accept", args=[token])
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s är skapat.") % {"name": founded.association})
            if founded.invitation is not None:
                messages.info(
                    request,
                    _("En inbjudan som administratör är skickad till %(email)s.")
                    % {"email": founded.invitation.email},
                )
            return redirect(founded.association.get_absolute_url())
    return render(request, "members/groups/association_new.html", {"form": form})
