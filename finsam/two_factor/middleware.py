"""Sign-in required everywhere, and with two-factor sign-in on, the code too.

Replaces Django's LoginRequiredMiddleware (and runs after django-otp's OTPMiddleware, which
tells whether this session entered a code). A user who has turned the second step on but has
only given the password reaches no page but the code step, sign-in and sign-out: not an
association page, not the start page, not the back office (whose views Django exempts from
the login requirement, but not from this). The back office also asks what an association
that requires the second step asks of its users (`requirement.back_office_step`).
"""

from collections.abc import Callable

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django_otp.middleware import is_verified

from finsam.kept_posts import keep_post
from finsam.two_factor.devices import has_confirmed_device
from finsam.two_factor.requirement import back_office_step

NEEDS_CODE = "finsam_two_factor_needed"


def code_not_required(view: Callable) -> Callable:
    """Mark a view a half-signed-in user may reach (the code step, sign-in, sign-out)."""
    view.code_not_required = True  # type: ignore[attr-defined]
    return view


def needs_code(request: HttpRequest) -> bool:
    """Signed in with the password, second step on, and no code entered in this session.

    Whether the user has the second step on is read once per session (at sign-in) so pages
    cost no extra query."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    if NEEDS_CODE not in request.session:
        request.session[NEEDS_CODE] = has_confirmed_device(user)
    return request.session[NEEDS_CODE]


class VerifiedLoginRequiredMiddleware(LoginRequiredMiddleware):
    def handle_no_permission(self, request, view_func) -> HttpResponseRedirect:
        keep_post(request, view_func)  # a form posted after the session expired
        return super().handle_no_permission(request, view_func)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponseBase | None:
        refused = super().process_view(request, view_func, view_args, view_kwargs)
        if refused is not None:
            return refused
        if getattr(view_func, "code_not_required", False):
            return None
        if needs_code(request):
            return redirect_to_login(request.get_full_path(), reverse("two_factor:verify"))
        if request.path.startswith(reverse("admin:index")):
            return back_office_step(request)
        return None
