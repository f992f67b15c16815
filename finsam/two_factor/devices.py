"""The user's devices: enrolling an authenticator app, checking a code, turning it off.

A TOTP device holds the app's secret; a static device holds the backup codes, each usable
once. Enrolment keeps the new secret in the session until the first code confirms it, so an
abandoned enrolment leaves nothing behind.
"""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from finsam.lib.numbers import whole_number

BACKUP_CODES = 10
APP_NAME = "Autentiseringsapp"
BACKUP_NAME = "Reservkoder"


class CodeError(ValueError):
    """A code that was not accepted; the message says why, in Swedish."""


def has_confirmed_device(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def new_secret() -> str:
    """A new TOTP secret, hex-encoded as django-otp stores it (20 random bytes)."""
    return random_hex(20)


def setup_link(user, secret: str) -> str:
    """The otpauth:// link an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=secret).config_url


def secret_text(secret: str) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    plain = b32encode(unhexlify(secret)).decode()
    return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def qr_svg(link: str) -> str:
    """The link as an SVG QR code: plain markup, no script or inline style (the CSP allows it)."""
    return segno.make(link, error="m").svg_inline(scale=4, light="#fff", title=_("QR-kod"))


def normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def two_factor_enrol(*, user, secret: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first code: its device, and the backup codes (shown once,
    never again). Any earlier devices of the user are replaced."""
    device = TOTPDevice(user=user, key=secret, name=APP_NAME, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    token = normalised(code)
    number = whole_number(token)
    if not (number is not None and totp.verify(number, device.tolerance)):
        raise CodeError(_("Koden stämmer inte. Skriv den sexsiffriga kod som appen visar just nu."))
    device.last_t = totp.t()  # the confirming code cannot be used again to sign in
    with transaction.atomic():
        _delete_devices(user)
        device.save()
        backup = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _number in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
    return device, codes


def two_factor_disable(*, user, code: str) -> None:
    """Turn the second step off; it takes a current code (or a backup code)."""
    code_check(user=user, code=code)
    with transaction.atomic():
        _delete_devices(user)


def code_check(*, user, code: str) -> Device:
    """The device that accepts `code`: six digits are the app's, anything else a backup code.

    Raises CodeError when the code is wrong or the device is still waiting after wrong codes.
    """
    token = normalised(code)
    kind = TOTPDevice if token.isdigit() and len(token) in (6, 8) else StaticDevice
    # Locked so that two requests cannot both use one code; a wrong code's count is kept (the
    # error is raised after the transaction, which would otherwise undo it).
    with transaction.atomic():
        device = kind.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            accepted = False
        else:
            _raise_if_throttled(device)
            accepted = device.verify_token(token)
    if not accepted:
        raise CodeError(_("Koden stämmer inte. Försök igen."))
    return device


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _raise_if_throttled(device: Device) -> None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return
    wait = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
    raise CodeError(
        ngettext(
            "För många felaktiga koder i rad. Vänta %(seconds)s sekund och försök igen.",
            "För många felaktiga koder i rad. Vänta %(seconds)s sekunder och försök igen.",
            wait,
        )
        % {"seconds": wait}
    )


def _delete_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
