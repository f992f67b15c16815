"""Two-factor sign-in: enrolment, the code step, wrong codes, backup codes, turning it off."""

import re
from base64 import b32encode
from binascii import unhexlify

import pytest
from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.demo import DEMO_PASSWORD
from finsam.two_factor.views import SECRET
from tests.sign_in.helpers import app_of, code_for, sign_in

pytestmark = pytest.mark.django_db
SETUP, VERIFY = "/konto/tvastegsverifiering/", "/konto/kod/"


@pytest.fixture
def no_throttle(settings):
    """django-otp waits 1, 2, 4 ... seconds after each wrong code; tests of what follows a
    wrong code turn the wait off (the wait itself has its own test)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrol(client, username="kansli") -> list[str]:
    """Sign in with the password and turn the second step on; returns the backup codes."""
    assert sign_in(client, username).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    secret = client.session[SECRET]
    response = client.post(SETUP, {"code": code_for(secret)}, follow=True)
    return response.context["new_codes"]


def test_enrolment_shows_qr_code_and_secret_then_backup_codes(client):
    assert sign_in(client, "kansli").status_code == 302
    page = client.get(SETUP).content.decode()
    secret = client.session[SECRET]
    # The QR code is drawn inline as SVG, without script: the only scripts are the layout's
    # own files (the menu, and the scroll boxes made reachable by keyboard).
    assert 'class="segno"' in page and re.findall(r"<script[^>]*>", page) == [
        f'<script src="{static(name)}" defer></script>'[:-9]
        for name in ("js/menu.js", "js/scroll-boxes.js")
    ]
    key_text = b32encode(unhexlify(secret)).decode()
    assert key_text[:4] + " " + key_text[4:8] in page  # the key, for typing by hand
    response = client.post(SETUP, {"code": code_for(secret)}, follow=True)
    page = response.content.decode()
    assert "Tvåstegsverifieringen är på" in page
    codes = response.context["new_codes"]
    assert len(codes) == 10 and all(code in page for code in codes)
    user = get_user_model().objects.get(username="kansli")
    assert app_of(user).key == secret
    assert StaticToken.objects.filter(device__user=user).count() == 10
    # shown once: the page does not show them again
    assert codes[0] not in client.get(SETUP).content.decode()


def test_turning_it_on_ends_the_users_other_sessions(client):
    elsewhere, other_user = Client(), Client()
    assert sign_in(elsewhere, "kansli", address="10.0.0.7").status_code == 302
    assert sign_in(other_user, "styrelse", address="10.0.0.7").status_code == 302
    assert elsewhere.get("/finnveden/").status_code == 200
    before = client.cookies.get("sessionid")
    enrol(client)
    assert client.get("/finnveden/").status_code == 200  # this session goes on, with a new key
    assert client.cookies["sessionid"].value != (before.value if before else None)
    response = elsewhere.get("/finnveden/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert other_user.get("/finnveden/").status_code == 200  # another user's session stays


def test_enrolment_with_a_wrong_code_turns_nothing_on(client):
    sign_in(client, "kansli")
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user__username="kansli").exists()
    assert not StaticDevice.objects.filter(user__username="kansli").exists()


def test_after_enrolment_the_password_alone_reaches_no_page(client):
    enrol(client)
    client.post(reverse("logout"))
    assert sign_in(client, "kansli").status_code == 302
    for url in ("/finnveden/", "/", "/finnveden/budget/", SETUP, "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(VERIFY + "?next="), url
    page = client.get(VERIFY + "?next=/finnveden/").content.decode()
    assert "Ange koden" in page


def test_the_code_completes_the_sign_in_and_goes_on_to_the_page_asked_for(client):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    key = app_of(get_user_model().objects.get(username="kansli")).key
    response = client.post(VERIFY, {"code": code_for(key, 1), "next": "/finnveden/"})
    assert response.status_code == 302 and response.url == "/finnveden/"
    assert client.get("/finnveden/").status_code == 200


def test_a_code_from_elsewhere_is_not_followed_off_site(client):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    key = app_of(get_user_model().objects.get(username="kansli")).key
    response = client.post(VERIFY, {"code": code_for(key, 1), "next": "https://evil.example/"})
    assert response.url == "/"


def test_a_wrong_code_says_so_and_signs_nobody_in(client, no_throttle):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    response = client.post(VERIFY, {"code": "123 456"})
    assert response.status_code == 200
    assert "Koden stämmer inte. Försök igen." in response.content.decode()
    assert client.get("/finnveden/").url.startswith(VERIFY)


def test_after_a_wrong_code_the_app_must_wait_a_moment(client):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    key = app_of(get_user_model().objects.get(username="kansli")).key
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": code_for(key, 1)})  # right, but too soon
    assert "För många felaktiga koder i rad. Vänta" in response.content.decode()
    assert client.get("/finnveden/").status_code == 302


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords(client, no_throttle):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    for _ in range(4):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    locked = client.post(VERIFY, {"code": "000000"})
    assert locked.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in locked.content.decode()
    assert client.get("/finnveden/").url.startswith(reverse("login"))  # signed out
    # the password is refused too, at the address the codes came from (the test client's)
    assert sign_in(client, "kansli", address="127.0.0.1").status_code == 429


def test_signing_in_again_with_the_password_does_not_clear_wrong_codes(client, no_throttle):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    for _ in range(3):
        client.post(VERIFY, {"code": "000000"})
    client.post(reverse("logout"))
    assert sign_in(client, "kansli").status_code == 302
    client.post(VERIFY, {"code": "000000"})
    assert client.post(VERIFY, {"code": "000000"}).status_code == 429


def test_a_complete_sign_in_clears_the_count(client, no_throttle):
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    for _ in range(4):
        client.post(VERIFY, {"code": "000000"})
    key = app_of(get_user_model().objects.get(username="kansli")).key
    assert client.post(VERIFY, {"code": code_for(key, 1)}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    for _ in range(4):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 200


def test_a_backup_code_works_once(client):
    codes = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/finnveden/").status_code == 200
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    response = client.post(VERIFY, {"code": codes[0]})
    assert "Koden stämmer inte" in response.content.decode()
    assert StaticToken.objects.filter(device__user__username="kansli").count() == 9


def test_turning_it_off_takes_a_current_code(client, no_throttle):
    enrol(client)
    user = get_user_model().objects.get(username="kansli")
    refused = client.post(SETUP, {"code": "000000"})
    assert "Koden stämmer inte" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    response = client.post(SETUP, {"code": code_for(app_of(user).key, 1)}, follow=True)
    assert "Tvåstegsverifieringen är avstängd" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    client.post(reverse("logout"))
    sign_in(client, "kansli")
    assert client.get("/finnveden/").status_code == 200  # the password is enough again


def test_the_code_step_without_a_second_step_goes_straight_on(client):
    sign_in(client, "styrelse")
    assert client.get(VERIFY + "?next=/finnveden/").url == "/finnveden/"


@pytest.mark.parametrize("goal", ["abc", "members:overview", "//evil.example/", "a:b:c"])
def test_a_next_that_is_no_path_goes_to_the_start_page(client, goal):
    """Found by the fuzz suite: a next such as "abc" was taken for a view name (a 500)."""
    sign_in(client, "styrelse")
    assert client.get(VERIFY, {"next": goal}).url == "/"


def test_the_start_page_offers_it_to_every_role(client, make_user, association):
    from finsam.permissions import Role

    for role in [*Role, None]:
        client.force_login(make_user(f"u-{role}", association, role))
        page = client.get("/").content.decode()
        assert 'href="/konto/tvastegsverifiering/">Slå på tvåstegsverifiering' in page, role


def test_weak_passwords_are_refused_in_swedish(client):
    sign_in(client, "kansli")
    response = client.post(
        reverse("password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    page = response.content.decode()
    assert "Det här lösenordet är för kort. Det måste innehålla minst 8 tecken." in page
    assert "Detta lösenord är alldeles för vanligt." in page
    assert "Detta lösenord är enbart numeriskt." in page
    assert get_user_model().objects.get(username="kansli").check_password(DEMO_PASSWORD)
