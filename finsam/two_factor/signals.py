"""At sign-in: remember whether this session still owes a code, and clear django-axes'
count of failures only when the sign-in is complete.

django-axes would clear the count at the password (AXES_RESET_ON_SUCCESS), which would let
someone who knows the password try codes forever, five at a time; so that setting is off and
the count is cleared here instead: at the password for users without the second step, at the
code for users with it (`views.verify`).
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from finsam.two_factor.devices import has_confirmed_device
from finsam.two_factor.middleware import NEEDS_CODE


@receiver(user_logged_in)
def remember_second_step(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    needed = has_confirmed_device(user)
    request.session[NEEDS_CODE] = needed
    if not needed:
        failures_clear(request, user)


def failures_clear(request, user) -> None:
    AxesProxyHandler.update_request(request)
    credentials = {"username": user.get_username()}
    AxesProxyHandler.get_implementation().reset_user_attempts(request, credentials)
