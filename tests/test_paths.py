"""Malformed paths: every URL pattern, each path parameter replaced by a hostile value, answers
with a client status, never a 500 (and for the public pages and the API, a 404).

The patterns are read from the URL configuration itself, so a route added later is walked too.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize

pytestmark = pytest.mark.usefixtures("dataset")

# Already percent-encoded, as they arrive on the wire.
HOSTILE = {
    "nul": "%00",
    "nul-inside": "kh%00m",
    "nuls": "%00%00%00",
    "vertical-tab": "%0B",
    "newline": "khm%0A",
    "delete": "%7F",
    "c1-control": "%C2%85",
    "overlong-nul": "%C0%80",
    "overlong-slash": "%C0%AF",
    "lone-surrogate": "%ED%A0%80",
    "invalid-utf8": "%FF%FE",
    "noncharacter": "%EF%BF%BF",
    "right-to-left-override": "%E2%80%AEmhk",
    "combining-mark": "khm%CC%81",
    "emoji": "%F0%9F%92%A9",
    "fullwidth": "%EF%BC%AB%EF%BC%A8%EF%BC%AD",
    "overlong": "k" * 5000,
    "huge-number": "9" * 40,
    "negative": "-1",
    "dots": "..",
    "encoded-slash": "a%2Fb",
    "percent": "%25",
    "sql": "'%20OR%20'1'='1",
    "markup": "%3Cscript%3E",
}


def _patterns(patterns, prefix: str = ""):
    """(name, path template with %(param)s holes) for every pattern that takes a parameter."""
    for entry in patterns:
        regex = entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + regex)
            continue
        regex = prefix + regex.removesuffix(r"\Z").removesuffix("$")
        for template, params in normalize(regex):
            if params:
                yield f"{entry.name or regex}:{template}", "/" + template, params


ROUTES = {name: (t, params) for name, t, params in _patterns(get_resolver().url_patterns)}
ADMIN = "/" + settings.ADMIN_PATH
PUBLIC = [name for name, (template, _) in ROUTES.items() if not template.startswith(ADMIN)]
ADMIN_ROUTES = [name for name in ROUTES if name not in PUBLIC]


def _paths(template: str, params: list[str]):
    for case, value in HOSTILE.items():
        yield case, template % dict.fromkeys(params, value)


def _assert_refused(
    client: Client, template: str, params: list[str], statuses: set[int], follow: bool = False
) -> None:
    wrong = {}
    for case, path in _paths(template, params):
        status = client.get(path, follow=follow).status_code
        if status not in statuses:
            wrong[case] = status
    assert not wrong, f"{template}: {wrong}"


# The Editors' review actions take only POST: a GET of one is refused as a method not allowed
# before the path is read (and a POST needs an Editor's sign-in, see tests/test_review.py).
POST_ONLY = [name for name in PUBLIC if name.split(":")[0].endswith(("-publish", "-reject"))]


@pytest.mark.parametrize("route", [name for name in PUBLIC if name not in POST_ONLY])
def test_a_malformed_path_parameter_is_a_404(route):
    template, params = ROUTES[route]
    # A path one slash short is redirected to the one with the slash (APPEND_SLASH), then a 404.
    _assert_refused(Client(raise_request_exception=False), template, params, {404}, follow=True)


@pytest.mark.parametrize("route", POST_ONLY)
def test_a_malformed_path_to_a_review_action_is_refused_without_an_error(route):
    template, params = ROUTES[route]
    _assert_refused(Client(raise_request_exception=False), template, params, {404, 405})


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_a_malformed_admin_path_is_refused_without_an_error(route, django_user_model):
    template, params = ROUTES[route]
    anonymous = Client(raise_request_exception=False)
    # Signed out, the admin sends the reader to its login page, whatever the path; signed in, to
    # the index with a message that no such object exists.
    _assert_refused(anonymous, template, params, {302, 404})
    staff = Client(raise_request_exception=False)
    staff.force_login(django_user_model.objects.create_superuser("root", password="x" * 16))
    _assert_refused(staff, template, params, {302, 404})


@pytest.mark.parametrize("path", ["/%00", "/countries/%00/", "/%ED%A0%80/", "/" + "x" * 5000])
def test_paths_that_match_no_route_are_a_404(client, path):
    assert client.get(path).status_code == 404
