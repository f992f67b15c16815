"""Signing in: attempts are limited, sessions expire, pages carry a Content Security Policy."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from finsam.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_failures_lock_the_account_at_that_address_even_with_the_right_password(client):
    for _ in range(4):
        assert sign_in(client, "kansli", "fel-lösenord").status_code == 200
    assert sign_in(client, "kansli", "fel-lösenord").status_code == 429  # the fifth locks
    locked = sign_in(client, "kansli", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in locked.content.decode()
    # from another address the account is not locked until the account's own, higher limit
    assert sign_in(client, "kansli", DEMO_PASSWORD, address="10.0.0.2").status_code == 302


def test_correct_sign_ins_to_another_account_do_not_clear_the_failures(client):
    """16 wrong passwords for kansli, each followed by styrelse signing in from the address."""
    for _ in range(16):
        sign_in(client, "kansli", "fel-lösenord")
        client.logout()
        assert sign_in(client, "styrelse", DEMO_PASSWORD).status_code == 302
        client.logout()
    assert sign_in(client, "kansli", DEMO_PASSWORD).status_code == 429


def test_failures_for_one_user_do_not_lock_another_user_at_the_address(client):
    for _ in range(5):
        sign_in(client, "kansli", "fel-lösenord", address="10.9.9.9")
    assert sign_in(client, "kansli", DEMO_PASSWORD, address="10.9.9.9").status_code == 429
    assert sign_in(client, "styrelse", DEMO_PASSWORD, address="10.9.9.9").status_code == 302


def test_many_addresses_cannot_share_out_the_guesses_at_one_password(client, settings):
    limit = settings.FINSAM_ACCOUNT_FAILURE_LIMIT
    for number in range(limit):
        address = f"10.1.{number // 4}.{number % 4}"  # four tries each, under the pair's limit
        assert sign_in(client, "kansli", "fel-lösenord", address=address).status_code in (200, 429)
    assert sign_in(client, "kansli", DEMO_PASSWORD, address="10.2.0.1").status_code == 429
    assert sign_in(client, "styrelse", DEMO_PASSWORD, address="10.2.0.1").status_code == 302


def test_behind_no_proxy_forwarded_headers_are_ignored(client):
    for number in range(5):
        client.post(
            reverse("login"),
            {"username": "kansli", "password": "fel"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert sign_in(client, "kansli", DEMO_PASSWORD, address="10.0.0.1").status_code == 429
    assert not client.get("/", HTTP_X_FORWARDED_PROTO="https").wsgi_request.is_secure()


def test_a_wrong_password_says_so_in_swedish(client):
    page = sign_in(client, "kansli", "fel").content.decode()
    assert "Fel användarnamn eller lösenord" in page


def test_pages_forbid_inline_scripts_and_framing(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_session_lasts_a_working_day(client):
    response = sign_in(client, "kansli", DEMO_PASSWORD)
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    lifetime = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < lifetime <= timedelta(hours=8)


def test_an_expired_session_signs_the_user_out(client):
    sign_in(client, "kansli", DEMO_PASSWORD)
    assert client.get("/finnveden/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/finnveden/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
