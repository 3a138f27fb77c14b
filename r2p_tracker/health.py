"""Health endpoints for load balancers and container orchestrators.

`/healthz` answers while the process can serve requests at all (liveness): it touches nothing else.
`/readyz` answers 200 only when the database and the cache both answer (readiness), otherwise 503,
so a load balancer stops sending readers to a container that would fail them. Both are cheap (one
`SELECT 1` and one cache round trip at most), unauthenticated, never cached, and exempt from the
HTTPS redirect (settings.SECURE_REDIRECT_EXEMPT) because probes speak plain HTTP inside the network.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database_answers() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Readiness check: the database does not answer")
        return False


def _cache_answers() -> bool:
    # A cache configured to swallow its errors (django-redis IGNORE_EXCEPTIONS) answers None to
    # every read, so the check writes a fresh value and reads it back.
    key = f"r2p:readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception:
        logger.exception("Readiness check: the cache does not answer")
        return False
    if not answered:
        logger.error("Readiness check: the cache does not keep what is written to it")
    return answered


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    ready = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if fine else "unavailable" for name, fine in checks.items()},
        },
        status=200 if ready else 503,
    )
