"""Caching of the public pages and the API for anonymous readers, never stale after a save.

`PublicCacheMiddleware` keeps the answers to anonymous GET requests in Django's cache (local
memory by default, Redis with `CACHE_URL`) and serves them to later GET and HEAD requests. The key
is the path, the query string, the `Accept` and `Origin` headers, the reader's language and the
*data generation*: a random token that every change to a fact replaces (`post_save`/`post_delete`
on every fact model, once when the row is saved and again when its transaction commits). A save
therefore makes every cached answer unreachable at once, on every web process that shares the
cache, and a reader never sees facts older than the last save. Generations never repeat, so an
evicted token cannot bring back an old answer.

What is never cached: anything but a plain 200; answers that set a cookie, are marked private or
no-store, vary on anything but what the key holds, are streamed, or are larger than
`MAX_BODY_BYTES`; answers that used a CSP nonce (a nonce must differ for every response); requests
that carry a session or messages cookie or an `Authorization` header; the admin.

The middleware sits right after WhiteNoise, ahead of sessions, CORS, locale, CSRF,
authentication, messages, frame options, CSP, history and axes, so a cached answer costs about
what a static file does. Each entry keeps the whole answer as that stack left it, headers
included (CSP, X-Frame-Options, Vary, CORS); the middleware above it (request id, security
headers) run on every answer, cached or not.

When the cache fails, requests are served uncached: a broken cache costs speed, never an answer.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "r2p:data-generation"
KEY_PREFIX = "r2p:response"
MAX_BODY_BYTES = 2 * 1024 * 1024
# After a cache failure, stop asking the cache for this many seconds.
BACKOFF_SECONDS = 10.0

_unavailable_until = 0.0
# A change this process could not announce to the cache; announced as soon as it answers again.
_bump_pending = False


def _cache_failed(what: str) -> None:
    global _unavailable_until
    _unavailable_until = time.monotonic() + BACKOFF_SECONDS
    logger.warning("Cache unavailable (%s); serving uncached for %.0f s", what, BACKOFF_SECONDS)


def reset_backoff() -> None:
    """Forget past cache failures: ask the cache again on the next request."""
    global _unavailable_until, _bump_pending
    _unavailable_until = 0.0
    _bump_pending = False


def _cache_usable() -> bool:
    return time.monotonic() >= _unavailable_until


def current_generation() -> str | None:
    """The data generation token, or None when the cache does not answer."""
    if not _cache_usable():
        return None
    if _bump_pending and not bump_generation():
        _cache_failed("announcing a change to the data")
        return None
    try:
        token = cache.get(GENERATION_KEY)
        if token is None:
            fresh = uuid.uuid4().hex
            token = fresh if cache.add(GENERATION_KEY, fresh, timeout=None) else None
            token = token or cache.get(GENERATION_KEY)
    except Exception:
        _cache_failed("reading the data generation")
        return None
    if token is None:
        # A cache that swallows its errors (django-redis IGNORE_EXCEPTIONS) keeps nothing.
        _cache_failed("the data generation could not be stored")
    return token


def bump_generation() -> bool:
    """Make every cached answer unreachable: call after any change to the facts.

    Returns whether the cache took the new generation. When it did not (the cache is down or
    swallows its errors), this process serves nothing from the cache until a later bump succeeds,
    so answers cached before the outage are never shown once it is back.
    """
    global _bump_pending
    token = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, token, timeout=None)
        stored = cache.get(GENERATION_KEY) == token
    except Exception:
        stored = False
    if not stored and not _bump_pending:
        logger.warning("Could not invalidate the response cache; retrying on the next request")
    _bump_pending = not stored
    return stored


def _data_changed(sender: type, using: str | None = None, **kwargs: Any) -> None:
    # Now, so this process's next read is fresh; and again on commit, so that an answer cached by
    # another reader between the save and the commit (it still saw the old rows) is dropped too.
    bump_generation()
    transaction.on_commit(bump_generation, using=using, robust=True)


def connect_signals() -> None:
    """Bump the generation on every save and delete of a fact, and when a release is published
    (the citations name it), called from the app config."""
    from commitments.models import FACT_MODELS, Release

    for model in [*FACT_MODELS, Release]:
        uid = f"r2p-cache-{model._meta.label_lower}"
        post_save.connect(_data_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_data_changed, sender=model, dispatch_uid=f"{uid}-delete")


# Cookies that can change what a page shows to the reader who sends them.
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Request headers the key holds; an answer that varies on any other is not kept.
_KEYED_HEADERS = frozenset({"accept", "origin", "accept-language", "cookie"})


def _is_anonymous(request: HttpRequest) -> bool:
    return (
        not any(name in request.COOKIES for name in _PERSONAL_COOKIES)
        and "Authorization" not in request.headers
    )


def _never_cached_path(path: str) -> bool:
    return path.startswith("/" + settings.ADMIN_PATH)


def _language(request: HttpRequest) -> str:
    if len(settings.LANGUAGES) == 1:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def _key(request: HttpRequest, generation: str) -> str:
    parts = "\n".join(
        [
            generation,
            request.path,
            request.META.get("QUERY_STRING", ""),
            request.headers.get("Accept", ""),
            request.headers.get("Origin", ""),
            _language(request),
        ]
    )
    return f"{KEY_PREFIX}:{hashlib.sha256(parts.encode('utf-8', 'surrogateescape')).hexdigest()}"


def _varies_only_on_the_key(response: HttpResponse) -> bool:
    # Cookie: only requests without a personal cookie get here, and they all see the same page.
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return varies <= _KEYED_HEADERS


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and _varies_only_on_the_key(response)
        and not nonce
        and len(response.content) <= MAX_BODY_BYTES
    )


def _freeze(response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        "headers": list(response.items()),
        "content": response.content,
    }


def _thaw(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _over_rate_limit(request: HttpRequest) -> bool:
    """Whether DRF's default throttles refuse this API request; a cached answer still counts."""
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    drf_request = Request(request)
    try:
        return any(
            not throttle().allow_request(drf_request, None)
            for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
        )
    except Exception:
        # Let the view apply its throttles itself.
        return True


class PublicCacheMiddleware:
    """Serves anonymous GET/HEAD requests from the cache; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or not _is_anonymous(request)
            or _never_cached_path(request.path)
        ):
            return self.get_response(request)
        generation = current_generation()
        if generation is None:
            return self.get_response(request)
        key = _key(request, generation)
        try:
            entry = cache.get(key)
        except Exception:
            _cache_failed("reading an answer")
            entry = None
        if entry is not None and not (
            request.path.startswith("/api/") and _over_rate_limit(request)
        ):
            return self._answer_from(entry, request)
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            try:
                cache.set(key, _freeze(response), timeout=settings.CACHE_TIMEOUT)
            except Exception:
                _cache_failed("storing an answer")
        return response

    def _answer_from(self, entry: dict, request: HttpRequest) -> HttpResponse:
        response = _thaw(entry)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        answer = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified,
            response=response,
        )
        if answer is not response:
            # A 304 keeps only a few of the entry's headers; a browser reading it from another
            # origin needs the CORS ones too (the entry was kept for this Origin).
            for name, value in response.items():
                if name.lower().startswith("access-control-"):
                    answer[name] = value
        return answer
