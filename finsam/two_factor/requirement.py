"""An association that requires two-factor sign-in of everyone with a role in it.

The association's admin switches the requirement on (`two_factor_requirement_set`). From then
on `tenant_view` asks `step_required` before any of that association's pages: a user without
a confirmed device is sent to set one up, a user who has one but has not given a code in this
session is sent to give it. Superusers, who act as admins everywhere, follow the same rule,
and so does the back office (`back_office_step`, asked by the middleware), where a superuser
sees every association's rows.
Other associations' pages are not affected, and nothing is asked of anybody whose
associations do not require it.

The switch is one boolean, so the page posts the state it showed and the save is refused if
the stored state differs: for a single on/off field that is the whole version (whatever
happened in between, a page that shows the stored state is not stale).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.middleware import is_verified
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.audit.recording import recording
from finsam.errors import StaleEditError
from finsam.models import Association, UserRole
from finsam.two_factor.devices import has_confirmed_device
from finsam.versions import stale_message


def step_required(request: HttpRequest, association: Association) -> HttpResponse | None:
    """The redirect to the setup or the code step the user owes `association`, else None.

    Costs no query unless the association requires the step and the session is unverified."""
    if not association.require_two_factor or request.user.is_verified():  # type: ignore[union-attr]
        return None
    return _step(request, association.name)


def back_office_step(request: HttpRequest) -> HttpResponse | None:
    """The same for the back office, which shows every association's rows: whoever owes any
    association the second step owes it there too (a superuser, if any requires it)."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return None
    names = requiring_associations(user)
    return _step(request, ", ".join(names)) if names else None


def _step(request: HttpRequest, names: str) -> HttpResponse:
    goal = request.get_full_path()
    if has_confirmed_device(request.user):
        return redirect_to_login(goal, reverse("two_factor:verify"))
    messages.info(
        request,
        _("%(association)s kräver tvåstegsverifiering. Slå på den här för att fortsätta.")
        % {"association": names},
    )
    return redirect_to_login(goal, reverse("two_factor:setup"))


def requiring_associations(user) -> list[str]:
    """The names of the associations that require the user to keep the second step on."""
    if user.is_superuser:
        required = Association.objects.filter(require_two_factor=True)
    else:
        required = Association.objects.filter(require_two_factor=True, user_roles__user=user)
    return list(required.order_by("name").values_list("name", flat=True).distinct())


def users_without_device(association: Association) -> list[str]:
    """Usernames with a role in the association and no confirmed device (to be asked first)."""
    confirmed = {"user": OuterRef("user"), "confirmed": True}
    roles = UserRole.objects.filter(association=association).exclude(
        Exists(TOTPDevice.objects.filter(**confirmed))
        | Exists(StaticDevice.objects.filter(**confirmed))
    )
    return list(roles.order_by("user__username").values_list("user__username", flat=True))


def two_factor_requirement_set(
    *, association: Association, required: bool, was: bool, user
) -> Association:
    """Switch the requirement; refused if the page showed another state than the stored one."""
    with transaction.atomic(), recording(user=user):
        locked = Association.objects.select_for_update().get(pk=association.pk)
        if locked.require_two_factor != was:
            raise StaleEditError(stale_message(_("Inställningen")), locked)
        locked.require_two_factor = required
        locked.full_clean()
        locked.save()
        return locked
