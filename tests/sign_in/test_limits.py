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


def test_five_failures_lock_the_account_even_with_the_right_password(client):
    for _ in range(4):
        assert sign_in(client, "kansli", "fel-lösenord").status_code == 200
    assert sign_in(client, "kansli", "fel-lösenord").status_code == 429  # the fifth locks
    locked = sign_in(client, "kansli", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in locked.content.decode()
    # the same account from another address is locked too: the limit is per account ...
    assert sign_in(client, "kansli", DEMO_PASSWORD, address="10.0.0.2").status_code == 429


def test_and_per_address_whatever_account_is_tried(client):
    for number in range(5):
        sign_in(client, f"gissning{number}", "x", address="10.9.9.9")
    assert sign_in(client, "styrelse", DEMO_PASSWORD, address="10.9.9.9").status_code == 429
    assert sign_in(client, "styrelse", DEMO_PASSWORD, address="10.9.9.8").status_code == 302


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
