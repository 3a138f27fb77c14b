"""The reader's address comes from the trusted proxies only: for the login lockout and the API's
rate limit alike, a made-up `X-Forwarded-For` changes nothing, and readers behind the same proxy
are told apart."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from r2p_tracker.proxies import client_address
from tests.helpers import PASSWORD

PROXY = "10.0.0.2"
READER = "198.51.100.23"
OTHER_READER = "198.51.100.99"

pytestmark = pytest.mark.usefixtures("dataset")


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "reader"),
    [
        # No proxy: whatever the client writes in the header is ignored.
        (0, READER, "203.0.113.1", READER),
        # One proxy appends the address it saw; anything before it was written by the client.
        (1, PROXY, READER, READER),
        (1, PROXY, f"203.0.113.1, {READER}", READER),
        # Two proxies: the first one's entry is second from the right.
        (2, PROXY, f"203.0.113.1, {READER}, 10.0.0.1", READER),
        # Fewer entries than proxies, or an entry that is no address: only the connection counts.
        (2, PROXY, READER, PROXY),
        (1, PROXY, "unknown", PROXY),
        (1, PROXY, None, PROXY),
    ],
)
def test_the_reader_is_found_behind_the_trusted_proxies_only(proxies, remote, forwarded, reader):
    assert client_address(request_from(remote, forwarded), proxies) == reader


def throttled_statuses(client, forwarded: list[str], remote: str = PROXY) -> list[int]:
    return [
        client.get("/api/v1/states/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=header).status_code
        for header in forwarded
    ]


@pytest.fixture
def two_requests_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }


@pytest.mark.usefixtures("two_requests_a_minute")
def test_a_made_up_forwarded_header_does_not_escape_the_api_rate_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    made_up = [f"203.0.113.{n}, {READER}" for n in range(3)]
    assert throttled_statuses(client, made_up) == [200, 200, 429]


@pytest.mark.usefixtures("two_requests_a_minute")
def test_without_a_proxy_the_forwarded_header_is_not_believed_by_the_rate_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    made_up = [f"203.0.113.{n}" for n in range(3)]
    assert throttled_statuses(client, made_up, remote=READER) == [200, 200, 429]


@pytest.mark.usefixtures("two_requests_a_minute")
def test_readers_behind_the_same_proxy_have_their_own_rate_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert throttled_statuses(client, [READER] * 3) == [200, 200, 429]
    assert throttled_statuses(client, [OTHER_READER]) == [200]


def failed_login(client, username: str, forwarded: str):
    return client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": username, "password": "wrong password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_proxy_a_stranger_cannot_lock_a_researcher_out(client, settings, researcher):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, researcher.username, "203.0.113.66")

    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": researcher.username, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=READER,
    )
    assert response.status_code == 302


def test_a_made_up_forwarded_header_does_not_escape_the_lockout(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        failed_login(client, "researcher", f"203.0.113.{n}, {READER}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
