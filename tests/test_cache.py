"""The response cache: fast repeat answers for anonymous readers, never a stale fact.

The probe views below read facts straight from the database, so a stale answer is visible in the
body; they sit beside the site's own routes, which run through the same middleware stack.
"""

import itertools

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_exempt
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from commitments.models import State
from r2p_tracker.urls import urlpatterns as site_urlpatterns
from tests.factories import StateFactory
from tests.helpers import REDIS_DOWN

calls = itertools.count()


def state_names(request):
    names = State.objects.order_by("iso3").values_list("short_name", flat=True)
    return HttpResponse(" | ".join(names))


def counted(request):
    response = HttpResponse(f"call {next(calls)} accept={request.headers.get('Accept', '')}")
    response["ETag"] = '"v1"'
    return response


def sets_cookie(request):
    response = HttpResponse(f"call {next(calls)}")
    response.set_cookie("visited", "1")
    return response


def not_found(request):
    return HttpResponse(f"call {next(calls)}", status=404)


def uses_nonce(request):
    return HttpResponse(f'<script nonce="{request._csp_nonce}">{next(calls)}</script>')


def varies_on_user_agent(request):
    response = HttpResponse(f"call {next(calls)}")
    response["Vary"] = "User-Agent"
    return response


@xframe_options_exempt
def embeddable(request):
    return HttpResponse(f"call {next(calls)}")


class ApiProbe(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"call": next(calls)})


urlpatterns = [
    path("probe/states/", state_names),
    path("probe/counted/", counted),
    path("probe/cookie/", sets_cookie),
    path("probe/missing/", not_found),
    path("probe/nonce/", uses_nonce),
    path("probe/embed/", embeddable),
    path("probe/user-agent/", varies_on_user_agent),
    path("api/probe/", ApiProbe.as_view()),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def test_repeat_anonymous_request_costs_only_the_version_query(client, django_assert_num_queries):
    first = client.get("/probe/states/")
    with django_assert_num_queries(1):  # the data version
        second = client.get("/probe/states/")
    assert second.status_code == 200
    assert second.content == first.content
    assert b"Cambodia" in second.content


def test_reader_sees_a_saved_correction_at_once(client):
    assert b"Cambodia" in client.get("/probe/states/").content
    cambodia = State.objects.get(iso3="KHM")
    cambodia.short_name = "Kampuchea"
    cambodia.save()
    body = client.get("/probe/states/").content
    assert b"Kampuchea" in body
    assert b"Cambodia" not in body


def test_reader_sees_a_new_and_a_deleted_fact_at_once(client):
    client.get("/probe/states/")
    france = StateFactory(iso3="FRA")
    assert f"State {france.iso3}".encode() in client.get("/probe/states/").content
    france.delete()
    assert b"State FRA" not in client.get("/probe/states/").content


def test_a_save_invalidates_answers_for_every_query_string(client):
    client.get("/probe/states/?page=1")
    client.get("/probe/states/?page=2")
    State.objects.filter(iso3="KHM").get().delete()
    assert b"Cambodia" not in client.get("/probe/states/?page=1").content
    assert b"Cambodia" not in client.get("/probe/states/?page=2").content


def test_query_string_and_accept_header_get_their_own_answers(client):
    a = client.get("/probe/counted/?a=1").content
    b = client.get("/probe/counted/?a=2").content
    csv = client.get("/probe/counted/?a=1", HTTP_ACCEPT="text/csv").content
    assert len({a, b, csv}) == 3
    assert client.get("/probe/counted/?a=1").content == a
    assert client.get("/probe/counted/?a=1", HTTP_ACCEPT="text/csv").content == csv


def test_head_request_is_answered_from_the_cache(client, django_assert_num_queries):
    client.get("/probe/states/")
    with django_assert_num_queries(1):  # the data version
        response = client.head("/probe/states/")
    assert response.status_code == 200


def test_a_reader_holding_the_answer_gets_a_304_from_the_cache(client):
    first = client.get("/probe/counted/")
    response = client.get("/probe/counted/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", ["/probe/cookie/", "/probe/missing/", "/probe/nonce/"])
def test_answers_with_cookies_errors_or_a_csp_nonce_are_not_reused(client, url):
    first = client.get(url).content
    second = client.get(url).content
    assert first != second


def test_a_logged_in_reader_is_never_served_the_anonymous_copy(client, admin_user):
    anonymous = client.get("/probe/counted/").content
    client.force_login(admin_user)
    logged_in = client.get("/probe/counted/").content
    assert logged_in != anonymous
    assert client.get("/probe/counted/").content != logged_in


def test_token_authenticated_requests_are_not_cached(client):
    first = client.get("/probe/counted/", HTTP_AUTHORIZATION="Token abc").content
    second = client.get("/probe/counted/", HTTP_AUTHORIZATION="Token abc").content
    assert first != second


def test_security_headers_are_set_on_cached_answers(client):
    first = client.get("/probe/states/")
    second = client.get("/probe/states/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert second[header] == first[header]
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_frame_exemption_survives_the_cache(client):
    client.get("/probe/embed/")
    response = client.get("/probe/embed/")
    assert "X-Frame-Options" not in response


def test_a_cross_origin_reader_gets_the_cors_header_after_a_same_origin_one(client):
    same_origin = client.get("/api/v1/states/")
    cross_origin = client.get("/api/v1/states/", HTTP_ORIGIN="https://thinktank.example")
    again = client.get("/api/v1/states/")

    assert "Access-Control-Allow-Origin" not in same_origin
    assert cross_origin["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in again
    assert cross_origin.content == same_origin.content


def test_answers_that_vary_on_a_header_outside_the_key_are_not_reused(client):
    first = client.get("/probe/user-agent/", HTTP_USER_AGENT="reader-one")
    second = client.get("/probe/user-agent/", HTTP_USER_AGENT="reader-two")
    assert first.content != second.content


def test_a_reader_with_a_messages_cookie_is_not_served_the_shared_copy(client):
    client.get("/probe/counted/")
    client.cookies["messages"] = "pending"
    first = client.get("/probe/counted/").content
    second = client.get("/probe/counted/").content
    assert first != second


def test_answers_are_still_kept_by_the_process_when_the_shared_cache_is_down(client):
    with override_settings(CACHES=REDIS_DOWN):
        first = client.get("/probe/counted/")
        second = client.get("/probe/counted/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_cached_api_answers_still_count_against_the_rate_limit(client, monkeypatch, settings):
    rates = {"anon": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    statuses = [client.get("/api/probe/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_answers_kept_by_another_release_of_the_code_are_not_served(client, monkeypatch):
    from commitments import versioning

    first = client.get("/probe/counted/")
    monkeypatch.setattr(versioning, "release", lambda: "another-release")
    upgraded = client.get("/probe/counted/")
    assert upgraded.content != first.content
    assert upgraded["ETag"] != first["ETag"]


def test_the_host_is_part_of_what_is_kept(client, settings):
    settings.ALLOWED_HOSTS = ["r2p.example.org", "mirror.example.org"]
    first = client.get("/probe/counted/", HTTP_HOST="r2p.example.org")
    other = client.get("/probe/counted/", HTTP_HOST="mirror.example.org")
    again = client.get("/probe/counted/", HTTP_HOST="r2p.example.org")
    assert other.content != first.content
    assert again.content == first.content
