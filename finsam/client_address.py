"""The client's address, and whether the request came over HTTPS, behind trusted proxies.

FINSAM_TRUSTED_PROXIES says how many reverse proxies stand in front of the application (0: it
is reached directly). Each proxy appends the address it received the request from to
X-Forwarded-For, so with n proxies the client is the n-th address from the right; anything
further left was written by the client and is not believed. With no proxy the header is
ignored altogether, and so is X-Forwarded-Proto: otherwise anyone could claim any address
(and dodge the sign-in limits) or claim HTTPS.

This module is imported by the settings, so it imports nothing of Django's that needs them.
"""

import ipaddress


def forwarded_client(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address given REMOTE_ADDR, X-Forwarded-For and the number of proxies."""
    if trusted_proxies <= 0:
        return remote_addr
    chain = [address.strip() for address in forwarded_for.split(",") if address.strip()]
    if len(chain) < trusted_proxies:  # not the way the proxies send it: believe no header
        return remote_addr
    claimed = chain[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(claimed))
    except ValueError:
        return remote_addr


def client_address(request) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the address sign-in failures are counted under."""
    from django.conf import settings

    return forwarded_client(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.FINSAM_TRUSTED_PROXIES,
    )


def proxy_ssl_header(trusted_proxies: int) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER: X-Forwarded-Proto is believed only when a proxy sets it."""
    return ("HTTP_X_FORWARDED_PROTO", "https") if trusted_proxies > 0 else None
