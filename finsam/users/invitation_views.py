"""Inviting a person with an account to a role here, withdrawing it, and accepting it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.models import Invitation
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.users.forms import InvitationForm
from finsam.users.invitations import (
    invitation_accept,
    invitation_find,
    invitation_send,
    invitation_withdraw,
)
from finsam.users.views import add_errors, users_page


@tenant_view(Perm.MANAGE_USERS)
@require_POST
def invitation_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_send(
                association=tenant.association,
                invited_by=request.user,
                link=lambda token: request.build_absolute_uri(
                    reverse("invitation_accept", args=[token])
                ),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            # The same words whether or not an account has the address.
            messages.success(
                request,
                _("En inbjudan är skickad till %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:user_roles", tenant.association.slug)
    return users_page(request, tenant, invite_form=form)


@tenant_view(Perm.MANAGE_USERS)
@require_POST
def invitation_remove(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    invitation = get_scoped_or_404(Invitation, tenant, pk=pk)
    try:
        invitation_withdraw(invitation=invitation)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request, _("Inbjudan till %(email)s är tillbakadragen.") % {"email": invitation.email}
        )
    return redirect("members:user_roles", tenant.association.slug)


def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: the signed-in user accepts (sign-in is required to get here)."""
    invitation = invitation_find(token)
    error = None
    if request.method == "POST" and invitation is not None:
        try:
            grant = invitation_accept(token=token, user=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _("%(username)s är nu %(role)s i %(association)s.")
                % {
                    "username": grant.user.username,
                    "role": grant.get_role_display().lower(),
                    "association": grant.association.name,
                },
            )
            if grant.user == request.user:
                return redirect("members:overview", grant.association.slug)
            return redirect("start")
    context = {"invitation": invitation, "error": error}
    return render(request, "members/invitation_accept.html", context)
