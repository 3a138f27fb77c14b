"""The reader's address, as the trusted reverse proxies in front of the app saw it.

Behind `TRUSTED_PROXY_COUNT` proxies, each appending the address it received the request from to
`X-Forwarded-For`, the reader's address is that many entries from the right: everything to its
left was written by the reader and proves nothing. `TrustedProxyMiddleware` puts that address in
`REMOTE_ADDR` before anything reads it, so the login lockout (django-axes), the API's rate limit
(DRF, with `NUM_PROXIES = 0`) and the logs all count the same reader. With no proxy (the default)
`X-Forwarded-For` is ignored altogether.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest, proxies: int | None = None) -> str:
    """The address of the reader of `request`, skipping `proxies` trusted proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT if proxies is None else proxies
    direct = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return direct
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # The request did not come through every proxy: only the connection's address is known.
        return direct
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return direct


def axes_client_address(request: HttpRequest) -> str:
    """django-axes' `AXES_CLIENT_IP_CALLABLE`: the address the middleware below settled on."""
    return request.META.get("REMOTE_ADDR", "")


class TrustedProxyMiddleware:
    """Replaces `REMOTE_ADDR` with the reader's address (`client_address`); first in the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.META["REMOTE_ADDR"] = client_address(request)
        return self.get_response(request)
