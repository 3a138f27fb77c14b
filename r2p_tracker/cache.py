"""Caching of the public pages and the API: in this process, in Redis and in any HTTP cache.

`PublicCacheMiddleware` gives every read of a public page or of the API (GET or HEAD, outside the
admin) the validators of its freshness (commitments/versioning.py): an `ETag` that names the data
version, today's date and the request (scheme, host, path, query, `Accept`, `Origin`, language)
unless the view named the answer itself (one object of the API: commitments/concurrency.py),
a `Last-Modified` (the latest change, or midnight if later) and the version itself in
`X-Data-Version`; a request that already holds the answer gets a 304.

Answers to anonymous readers are the same for everyone, so they are also marked
`Cache-Control: public, max-age=HTTP_CACHE_MAX_AGE, stale-while-revalidate=...` for browsers,
reverse proxies and CDNs, and kept under their ETag at two levels: this process's memory
(`MemoryCache`, the least recently used answers out first, at most `RESPONSE_MEMORY_CACHE_MB`), so
a popular page costs one query (the version) and no round trip; and the shared cache (Redis with
`CACHE_URL`), so an answer computed by one process serves the others. A change to a fact moves the
version, so every earlier answer becomes unreachable at once, on every process; nothing else is
needed to invalidate them.

What is never kept, nor marked public: anything but a plain 200; answers that set a cookie, are
marked private or no-store, vary on anything but what the ETag names, or used a CSP nonce (a
nonce must differ for every response); requests that carry a session or messages cookie or an
`Authorization` header (their answers are marked `private, no-cache`); the admin and the health
checks. Streamed answers (CSV exports) are marked public but not kept here; answers larger than
`MAX_BODY_BYTES` neither.

The middleware sits right after WhiteNoise and the redirect of a first visit to the reader's
language (r2p_tracker/language.py), so that the path alone names a kept answer's language. It is
ahead of sessions, CORS, locale, CSRF, authentication, messages, frame options, CSP, history and
axes, so a kept answer costs little more than a static file. Each entry keeps the whole answer as
that stack left it, headers included (CSP, X-Frame-Options, Vary, CORS); the middleware above it
(client address, request id, security headers, the language redirect) run on every answer. A
kept API answer still counts against the API's rate limit.

When the shared cache fails, answers are computed: a broken cache costs speed, never an answer.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from commitments import versioning

logger = logging.getLogger(__name__)

KEY_PREFIX = "r2p:answer"
MAX_BODY_BYTES = 2 * 1024 * 1024
SAFE_METHODS = ("GET", "HEAD")
# Set to True on a response whose ETag the view chose (commitments/concurrency.py).
OWN_ETAG = "keeps_own_etag"

# Cookies that can change what a page shows to the reader who sends them.
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Request headers the ETag names; an answer that varies on any other is not shared.
_KEYED_HEADERS = frozenset({"accept", "origin", "accept-language", "cookie"})


class MemoryCache:
    """This process's answers, least recently used out first, within a budget of bytes.

    Entries are found by the ETag, which names the data version: when a newer version is seen,
    every entry is dropped at once, since none can be asked for again.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._bytes = 0
        self._version: tuple[str, int] = ("", 0)
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = len(entry["content"])
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old["content"])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped["content"])

    def saw(self, version: versioning.Version) -> None:
        """Drop every entry when `version` is newer than those they were computed for."""
        seen = (version.series, version.number)
        if seen == self._version:
            return
        with self._lock:
            series, number = self._version
            if version.series != series or version.number > number:
                self._entries.clear()
                self._bytes = 0
                self._version = seen

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._version = ("", 0)


memory = MemoryCache(settings.RESPONSE_MEMORY_CACHE_BYTES)
# The scorecard pages this process has shown, as shells (commitments/state_parts.py), within the
# same budget of bytes again.
pages = MemoryCache(settings.RESPONSE_MEMORY_CACHE_BYTES)


def _is_anonymous(request: HttpRequest) -> bool:
    return (
        not any(name in request.COOKIES for name in _PERSONAL_COOKIES)
        and "Authorization" not in request.headers
    )


def _never_cached_path(path: str) -> bool:
    # The admin, and the health checks, which must answer without the database.
    return path.startswith(("/" + settings.ADMIN_PATH, "/healthz", "/readyz"))


def _varies_only_on_the_key(response: HttpResponse) -> bool:
    # Cookie: only requests without a personal cookie are shared, and they all see the same page.
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return varies <= _KEYED_HEADERS


def _validated(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the answer is the same for every request the ETag names. An immutable answer (a
    release's zip, named by its digest for good) keeps its own validator."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and "immutable" not in cache_control
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and _varies_only_on_the_key(response)
        and not getattr(request, "_csp_nonce", None)
    )


def _mark(response: HttpResponse, fresh: versioning.Freshness, etag: str, shared: bool) -> None:
    # An answer marked as naming its own representation (one object of the API, whose ETag
    # If-Match is compared with) keeps its ETag; every other is named by the data version.
    if not getattr(response, OWN_ETAG, False):
        response["ETag"] = etag
    response["Last-Modified"] = http_date(fresh.last_modified.timestamp())
    response["X-Data-Version"] = fresh.version.label
    if shared:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.HTTP_CACHE_MAX_AGE,
            stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
        )
    else:
        patch_cache_control(response, private=True, no_cache=True)


def _freeze(response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        # As Django keeps them: lower-cased name -> (name, value), each checked when it was set.
        "headers": dict(response.headers._store),
        "content": response.content,
    }


def _thaw(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    # The headers were checked when the answer was made; they are put back as they were, not
    # checked again one by one on every answer given from the cache.
    response.headers._store = dict(entry["headers"])
    return response


def _shared_get(key: str) -> dict | None:
    try:
        return cache.get(key)
    except Exception:
        logger.warning("The shared cache could not be read; answering without it")
        return None


def _shared_set(key: str, entry: dict) -> None:
    try:
        cache.set(key, entry, timeout=settings.CACHE_TIMEOUT)
    except Exception:
        logger.warning("The shared cache could not keep an answer")


def _over_rate_limit(request: HttpRequest) -> bool:
    """Whether DRF's default throttles refuse this API request; a kept answer still counts."""
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    drf_request = Request(request)
    try:
        return any(
            # drf-stubs type the setting as its import strings; DRF gives the classes.
            not throttle().allow_request(drf_request, None)  # type: ignore[operator]
            for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
        )
    except Exception:
        # Let the view apply its throttles itself.
        return True


# The request headers that make a request conditional (RFC 9110, section 13.1).
CONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 when the request already holds this answer, else the answer."""
    if not any(name in request.META for name in CONDITIONS):
        return response
    # Given a response, Django's function answers with it, a 304 or a 412; never None.
    return cast(
        HttpResponse,
        get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        ),
    )


class PublicCacheMiddleware:
    """Validators on every public read, kept answers for anonymous ones (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _within_rate_limit(request: HttpRequest) -> bool:
        return not (request.path.startswith("/api/") and _over_rate_limit(request))

    @staticmethod
    def _kept(key: str, fresh: versioning.Freshness) -> dict | None:
        memory.saw(fresh.version)
        entry = memory.get(key)
        if entry is None:
            entry = _shared_get(key)
            if entry is not None:
                memory.put(key, entry)
        return entry

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or _never_cached_path(request.path):
            return self.get_response(request)
        fresh = versioning.freshness(request)
        if not fresh.is_known:
            return self.get_response(request)
        etag = fresh.etag(request)
        shared = _is_anonymous(request)
        key = f"{KEY_PREFIX}:{etag.strip(chr(34))}"
        entry = self._kept(key, fresh) if shared else None
        if (entry is not None or _holds(request, etag)) and self._within_rate_limit(request):
            if entry is not None:
                return _conditional(request, _thaw(entry))
            # Only a 200 that is the same for every such request is given this ETag, so the
            # reader already has the answer: nothing needs computing.
            response = HttpResponseNotModified()
            _mark(response, fresh, etag, shared)
            return response
        response = self.get_response(request)
        if not _validated(request, response):
            return response
        _mark(response, fresh, etag, shared)
        if (
            shared
            and request.method == "GET"
            and not response.streaming
            and len(response.content) <= MAX_BODY_BYTES
        ):
            entry = _freeze(response)
            memory.put(key, entry)
            _shared_set(key, entry)
        return _conditional(request, response)


def _holds(request: HttpRequest, etag: str) -> bool:
    """Whether the request's `If-None-Match` names `etag`."""
    held = request.headers.get("If-None-Match", "")
    return etag in (tag.strip() for tag in held.split(","))


def clear() -> None:
    """Forget every kept answer and page, here and in the shared cache (tests, operations)."""
    memory.clear()
    pages.clear()
    cache.clear()
