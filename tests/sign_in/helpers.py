"""Codes as an authenticator app computes them, from the device's key (RFC 6238)."""

import time
from binascii import unhexlify

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.demo import DEMO_PASSWORD


def code_for(key_hex: str, steps_ahead: int = 0) -> str:
    """The code the app shows now, or `steps_ahead` 30-second steps later (a code is accepted
    once, and one step either way, so a second sign-in uses the next step's code)."""
    totp = TOTP(unhexlify(key_hex))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def app_of(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def sign_in(client, username, password=DEMO_PASSWORD, address="10.0.0.1"):
    return client.post(
        "/konto/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
