"""The language of a public page: its address says it, and a first visit follows the browser.

English pages keep their unprefixed addresses (`/countries/khm/`); every other published language
has its prefix (`/km/countries/khm/`); the API stays unprefixed and English. `LocaleMiddleware`
reads the language from the path alone, so an address always shows the same language and the
response cache (r2p_tracker/cache.py) keys each answer by its path.

`FirstVisitLanguageMiddleware` lets `Accept-Language` choose the language of a first visit: a
reader who asks for an unprefixed page, has no language cookie and does not come from another of
this site's pages, and whose browser prefers another published language, is redirected to that
language's address and given the cookie. From then on the addresses they follow decide; choosing
English in the language switcher is never undone, because that click comes from this site.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# The public pages a reader lands on; feeds, embeds and images are left in the language their
# address names, since programs and other sites ask for them.
LANDING_PAGES = frozenset(
    {"overview", "country", "treaty", "methodology", "changes", "change", "data"}
)


def published_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@functools.lru_cache(maxsize=4096)
def _landing_page(path: str) -> bool:
    # Resolved in the default language, whose pages have no prefix; what a path resolves to is
    # fixed for a release of the code, so the answer is kept (for the most recent paths).
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return match.namespace == "commitments" and match.url_name in LANDING_PAGES


def _from_this_site(request: HttpRequest) -> bool:
    referer = request.headers.get("Referer", "")
    if not referer:
        return False
    try:
        host = request.get_host()
    except DisallowedHost:
        # CommonMiddleware answers such a request with a 400.
        return False
    return urlsplit(referer).netloc == host


def _unprefixed_page(request: HttpRequest) -> bool:
    return translation.get_language_from_path(request.path_info) is None and _landing_page(
        request.path_info
    )


def first_visit_language(request: HttpRequest) -> str | None:
    """The published language, other than English, to send a request for an unprefixed page to,
    if any."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or _from_this_site(request):
        return None
    preferred = translation.get_language_from_request(request)
    return preferred if preferred != settings.LANGUAGE_CODE else None


class FirstVisitLanguageMiddleware:
    """Redirect a first visit to the language its browser prefers (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _unprefixed_page(request):
            return self.get_response(request)
        language = first_visit_language(request)
        if language is not None:
            # Resolved as the unprefixed (default-language) address it is.
            with translation.override(settings.LANGUAGE_CODE):
                address = translate_url(request.get_full_path(), language)
            response = HttpResponseRedirect(address)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                samesite="Lax",
            )
            patch_cache_control(response, private=True)
        else:
            response = self.get_response(request)
        # The same address redirects other readers: a shared cache must tell them apart.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def english_prefix_redirect(request: HttpRequest, path: str = "") -> HttpResponse:
    """`/en/...` is the unprefixed English address."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect("/" + path + (f"?{query}" if query else ""))


@dataclass(frozen=True)
class Alternate:
    """This page in one published language."""

    code: str
    name: str
    url: str
    current: bool


@functools.lru_cache(maxsize=4096)
def alternates(url: str, current: str) -> tuple[Alternate, ...]:
    """`url` (a path or an absolute address of a public page) in every published language, each
    named in itself; none for a page that exists in English only (the API's page for people).

    Fixed for a release of the code (the addresses and the languages), so kept for the most
    recent addresses: every page prints them twice, and each costs a resolve and a reverse per
    language."""
    found = tuple(
        Alternate(
            code=code,
            name=settings.LANGUAGE_NATIVE_NAMES[code],
            url=translate_url(url, code),
            current=code == current,
        )
        for code in published_languages()
    )
    return found if len({alternate.url for alternate in found}) > 1 else ()


def translating_guide(request: HttpRequest) -> HttpResponse:
    """docs/translating.md, which every translated page's footer links to, as plain text."""
    guide = Path(settings.BASE_DIR) / "docs" / "translating.md"
    return HttpResponse(guide.read_bytes(), content_type="text/plain; charset=utf-8")
