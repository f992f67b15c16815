"""Signing in: attempts are limited, pages carry a Content Security Policy."""

import pytest
from django.urls import reverse

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
