"""A dashboard on another site can use the API fully: it reads the validators, Retry-After and
Link, revalidates with If-None-Match, and every 304, cached or not, carries the CORS headers."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

ORIGIN = "https://dashboard.example.org"
EXPOSED = {"etag", "last-modified", "retry-after", "link"}


@pytest.fixture
def api(dataset):
    return APIClient()


def exposed(response) -> set[str]:
    return {name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")}


def test_a_cross_origin_read_exposes_the_validators_retry_after_and_link(api):
    response = api.get("/api/v1/treaty-actions/", {"page_size": 5}, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert exposed(response) >= EXPOSED
    assert response["ETag"] and response["Last-Modified"] and response["Link"]


@pytest.mark.parametrize("header", ["if-none-match", "if-modified-since"])
def test_a_preflight_for_a_conditional_get_is_allowed(api, header):
    response = api.options(
        "/api/v1/participation/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=header,
    )
    assert response.status_code == 200
    allowed = {name.strip() for name in response["Access-Control-Allow-Headers"].split(",")}
    assert header in allowed


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_a_304_from_the_view_carries_the_cors_headers(api):
    first = api.get("/api/v1/states/", HTTP_ORIGIN=ORIGIN)
    again = api.get("/api/v1/states/", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert exposed(again) >= EXPOSED


def test_a_304_served_from_the_response_cache_carries_the_cors_headers(client, dataset):
    first = client.get("/api/v1/states/", HTTP_ORIGIN=ORIGIN)
    again = client.get("/api/v1/states/", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert exposed(again) >= EXPOSED
    assert again["ETag"] == first["ETag"]


def test_a_429_tells_another_origin_when_to_retry(api, settings):
    rest_framework = dict(settings.REST_FRAMEWORK)
    rest_framework["DEFAULT_THROTTLE_RATES"] = {"anon": "1/minute"}
    with override_settings(REST_FRAMEWORK=rest_framework):
        api.get("/api/v1/laws/", HTTP_ORIGIN=ORIGIN)
        response = api.get("/api/v1/laws/", {"page": 2}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 429
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "retry-after" in exposed(response)
    assert int(response["Retry-After"]) > 0
