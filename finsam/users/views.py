"""Pages where an association's admins manage who may do what in that association."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.middleware import is_verified

from finsam.forms import add_errors
from finsam.models import UserRole
from finsam.permissions import Perm, Role
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from finsam.users import selectors
from finsam.users.forms import InvitationForm, UserCreateForm, UserRoleChangeForm
from finsam.users.invitations import pending_invitations
from finsam.users.services import user_create, user_role_change, user_role_revoke
from finsam.waiting import other_associations, waiting_for


def start(request: HttpRequest) -> HttpResponse:
    """After sign-in: per association, what waits for the user's role there (finsam.waiting)."""
    context = {
        "waiting": waiting_for(request.user, timezone.localdate()),
        "other_associations": other_associations(request.user),
        "two_factor_on": is_verified(request.user),
    }
    return render(request, "finsam/start.html", context)


@tenant_view(Perm.MANAGE_USERS)
def user_roles(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = user_create(association=tenant.association, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(username)s är nu %(role)s.")
                % {"username": grant.user.username, "role": grant.get_role_display().lower()},
            )
            return redirect("members:user_roles", tenant.association.slug)
    return users_page(request, tenant, form=form)


def users_page(
    request: HttpRequest,
    tenant: Tenant,
    *,
    form: UserCreateForm | None = None,
    invite_form: InvitationForm | None = None,
) -> HttpResponse:
    """Only this association's roles and invitations: nothing of other associations' users."""
    context = {
        "form": form or UserCreateForm(),
        "invite_form": invite_form or InvitationForm(),
        "roles": selectors.user_roles_of(tenant.association),
        "invitations": pending_invitations(tenant.association),
        "role_choices": Role.choices,
    }
    return render(request, "finsam/user_roles.html", context)


@tenant_view(Perm.MANAGE_USERS)
@require_POST
def user_role_update(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    user_role = get_scoped_or_404(UserRole, tenant, pk=pk)
    form = UserRoleChangeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Välj en av rollerna i listan."))
        if "remove" in request.POST:
            user_role_revoke(user_role=user_role)
            messages.success(
                request,
                _("%(username)s har inte längre någon roll här.")
                % {"username": user_role.user.username},
            )
        else:
            user_role_change(user_role=user_role, role=form.cleaned_data["role"])
            messages.success(
                request,
                _("%(username)ss roll är ändrad.") % {"username": user_role.user.username},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("members:user_roles", tenant.association.slug)
