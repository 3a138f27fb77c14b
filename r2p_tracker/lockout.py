"""What a person locked out of the admin sees: when they may try again.

django-axes locks a user name and address pair out after `AXES_FAILURE_LIMIT` failed sign-ins,
for `AXES_COOLOFF_HOURS` from the failure that locked it. Failures during the lockout are not
counted (`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False`), so they do not push that time
back. `lockout_response` is axes' `AXES_LOCKOUT_CALLABLE`: a page, or JSON for a client that asks
for it, naming the time the lockout ends, with `Retry-After`.
"""

from __future__ import annotations

import datetime

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

STATUS = 429


def retry_at(request: HttpRequest, credentials: dict | None) -> datetime.datetime | None:
    """When the lockout of this request's user name and address ends (None: it does not)."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    locked_at = (
        AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.META.get("REMOTE_ADDR", ""),
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return (locked_at or timezone.now()) + cool_off


def _wants_json(request: HttpRequest) -> bool:
    return (
        request.path.startswith("/api/")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or "application/json" in request.headers.get("Accept", "")
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    until = retry_at(request, credentials)
    response: HttpResponse
    if _wants_json(request):
        response = JsonResponse(
            {
                "detail": _("Too many failed sign-ins from this address for this user name."),
                "retry_after": until.isoformat() if until else None,
            },
            status=STATUS,
        )
    else:
        response = render(request, "lockout.html", {"retry_at": until}, status=STATUS)
    if until is not None:
        seconds = max(0, int((until - timezone.now()).total_seconds()) + 1)
        response["Retry-After"] = str(seconds)
    return response
