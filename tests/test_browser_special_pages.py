"""The pages the phone walk cannot reach by URL alone, on a phone and through axe-core.

`test_browser_phone.py` walks every page that a URL and a role open. These pages need a state
first: the 500 page (a failing view, DEBUG off), the code step of sign-in (a user with a
confirmed app), the password-reset form behind a valid e-mail link, the acceptance of a valid
invitation, and Django's back office (/admin/) as a superuser. Each must fit a 390 px screen
and have no critical or serious axe-core violation, like every other page.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.demo import DEMO_PASSWORD
from finsam.models import Association
from finsam.users.invitations import invitation_send
from tests.browser import log_in
from tests.test_access_sweep import HOME
from tests.test_browser_phone import Walk

pytestmark = pytest.mark.browser


def _reset_link(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def _invitation_link(email: str) -> str:
    tokens: list[str] = []
    invitation_send(
        association=Association.objects.get(slug=HOME),
        email=email,
        role="board",
        invited_by=get_user_model().objects.get(username="admin"),
        link=lambda token: tokens.append(token) or "",
    )
    return reverse("invitation_accept", args=[tokens[0]])


def _admin_pages() -> dict[str, str]:
    association = Association.objects.get(slug=HOME)
    return {
        "admin index": reverse("admin:index"),
        "admin change list": reverse("admin:finsam_association_changelist"),
        "admin change form": reverse("admin:finsam_association_change", args=[association.pk]),
    }


@override_settings(DEBUG=False, ROOT_URLCONF="tests.errors.error_urls")
def test_pages_behind_a_state_fit_a_phone_and_pass_axe(live_demo, live_server, browser):
    base, walk = live_server.url, Walk(browser, live_server.url)
    reset = _reset_link("kansli")
    invitation = _invitation_link(get_user_model().objects.get(username="styrelse").email)
    TOTPDevice.objects.create(user=get_user_model().objects.get(username="revisor"), name="app")

    context, page = walk.open()
    page.goto(base + reset)  # the token link redirects to the form under a session-held token
    walk.check(page, "anonymous", {"password_reset_confirm": page.url.removeprefix(base)})
    assert page.locator("#id_new_password1").is_visible(), "the reset link was not valid"
    context.close()

    context, page = walk.open()
    page.goto(f"{base}/konto/login/")
    page.fill("#id_username", "revisor")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{reverse('two_factor:verify')}**")
    walk.check(page, "revisor", {"two_factor:verify": page.url.removeprefix(base)})
    context.close()

    context, page = walk.open()
    log_in(page, live_server, "styrelse")
    walk.check(page, "styrelse", {"invitation_accept": invitation})
    assert page.get_by_role("button", name="Tacka ja").is_visible(), "the invitation was not valid"
    walk.check(page, "styrelse", {"server error (500)": "/fel/"})
    assert page.locator("h1").first.inner_text() == "Något gick fel"
    context.close()

    context, page = walk.open()
    log_in(page, live_server, "superadmin")
    walk.check(page, "superadmin", _admin_pages())
    context.close()

    assert not walk.too_wide, "wider than the phone:\n" + "\n".join(walk.too_wide)
    assert not walk.violations, "axe-core, critical or serious:\n" + "\n".join(walk.violations)
    assert not walk.refused_by_csp, walk.refused_by_csp
