"""The two pages of two-factor sign-in: the setup page and the code step."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.middleware import is_verified

from finsam.two_factor import devices
from finsam.two_factor.forms import CodeForm
from finsam.two_factor.middleware import NEEDS_CODE, code_not_required
from finsam.two_factor.requirement import requiring_associations
from finsam.two_factor.sessions import other_sessions_end
from finsam.two_factor.signals import failures_clear

SECRET = "finsam_two_factor_secret"
NEW_CODES = "finsam_two_factor_backup_codes"

login = code_not_required(LoginView.as_view())
logout_view = code_not_required(LogoutView.as_view())


def setup(request: HttpRequest) -> HttpResponse:
    """Turn the second step on (scan, confirm with a first code) or off (with a code).

    An association that requires the step sends its users here with the page they asked for
    as `next`; after the backup codes the page links on to it."""
    user, goal = request.user, _next(request)
    enabled = devices.has_confirmed_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if enabled:
                return _disable(request, form.cleaned_data["code"])
            return _enable(request, form.cleaned_data["code"], goal)
        except devices.CodeError as error:
            form.add_error("code", str(error))
    context = {
        "form": form,
        "enabled": enabled,
        "new_codes": request.session.pop(NEW_CODES, []),
        "next": goal,
    }
    if enabled:
        context["codes_left"] = devices.backup_codes_left(user)
        context["required_by"] = requiring_associations(user)
    else:
        secret = request.session.setdefault(SECRET, devices.new_secret())
        link = devices.setup_link(user, secret)
        context |= {"qr": devices.qr_svg(link), "secret": devices.secret_text(secret)}
    return render(request, "two_factor/setup.html", context)


def _enable(request: HttpRequest, code: str, goal: str) -> HttpResponse:
    secret = request.session.get(SECRET) or ""
    if not secret:
        raise devices.CodeError(_("Sidan var för gammal; skanna QR-koden igen."))
    device, request.session[NEW_CODES] = devices.two_factor_enrol(
        user=request.user, secret=secret, code=code
    )
    del request.session[SECRET]
    otp_login(request, device)
    request.session[NEEDS_CODE] = True
    other_sessions_end(request)
    messages.success(request, _("Tvåstegsverifieringen är på. Spara reservkoderna nedan."))
    return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': goal})}")


def _disable(request: HttpRequest, code: str) -> HttpResponse:
    required_by = requiring_associations(request.user)
    if required_by:
        raise devices.CodeError(
            _("%(names)s kräver tvåstegsverifiering, så den kan inte stängas av.")
            % {"names": ", ".join(required_by)}
        )
    devices.two_factor_disable(user=request.user, code=code)
    request.session[NEEDS_CODE] = False
    messages.success(request, _("Tvåstegsverifieringen är avstängd."))
    return redirect("two_factor:setup")


@code_not_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in: the code from the app, or a backup code."""
    goal, user = _next(request), request.user
    if not user.is_authenticated:
        return redirect("login")
    if is_verified(user) or not devices.has_confirmed_device(user):  # not the session's note
        request.session[NEEDS_CODE] = False
        return HttpResponseRedirect(goal)
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _locked_out(request, credentials)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = devices.code_check(user=user, code=form.cleaned_data["code"])
        except devices.CodeError as error:
            user_login_failed.send(__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return _locked_out(request, credentials)
            form.add_error("code", str(error))
        else:
            otp_login(request, device)
            failures_clear(request, user)
            return HttpResponseRedirect(goal)
    return render(request, "two_factor/verify.html", {"form": form, "next": goal})


def _locked_out(request: HttpRequest, credentials: dict) -> HttpResponse:
    """Sign the half-signed-in user out; django-axes' middleware shows its lockout page."""
    logout(request)
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return HttpResponse(status=429)


def _next(request: HttpRequest) -> str:
    """Where to go after the code: a path on this site, else the start page."""
    goal = request.POST.get("next") or request.GET.get("next") or ""
    safe = goal.startswith("/") and url_has_allowed_host_and_scheme(
        goal, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return goal if safe else reverse("start")
