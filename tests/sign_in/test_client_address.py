"""The client's address and HTTPS behind the documented number of trusted proxies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from finsam.client_address import forwarded_client


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is anyone's claim
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left one was the client's claim
        (2, "198.51.100.7, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: believe none
        (1, "inte-en-adress", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_is_the_nth_address_from_the_right(proxies, forwarded, expected):
    assert forwarded_client("10.0.0.1", forwarded, proxies) == expected


def _proxy_header(trusted_proxies: str) -> str:
    env = os.environ | {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "finsam.example.se",
        "FINSAM_TRUSTED_PROXIES": trusted_proxies,
    }
    code = "import finsam.settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_x_forwarded_proto_is_believed_only_behind_a_proxy():
    assert _proxy_header("0") == "None"
    assert _proxy_header("1") == "('HTTP_X_FORWARDED_PROTO', 'https')"
