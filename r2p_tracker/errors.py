"""Server errors: a database that does not answer is a 503 the reader can retry, not a 500.

`server_error` is the project's `handler500`. Django calls it for any exception a view or
middleware let through, while that exception is being handled; when it is the database's
(PostgreSQL gone, a connection dropped), the API answers JSON and the pages a 503 page, both with
`Retry-After`. Any other error is a 500: JSON from the API, the 500 page elsewhere. Nothing here
may touch the database, the session or the request's user.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework.exceptions import server_error as api_server_error

RETRY_AFTER_SECONDS = 60


def _database_unavailable(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": _("The database is not answering. Please try again in a minute.")},
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _database_unavailable(request)
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)
