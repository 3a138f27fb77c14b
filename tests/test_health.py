"""/healthz and /readyz: what a load balancer or container orchestrator sees."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from r2p_tracker import health
from tests.helpers import REDIS_DOWN


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_ok_when_database_and_cache_answer(client, django_assert_num_queries):
    # One query: SELECT 1.
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_does_not_answer(client):
    with mock.patch.object(health, "connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = OperationalError("refused")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unavailable", "cache": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_does_not_answer(client):
    with override_settings(CACHES=REDIS_DOWN):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_never_cached_and_need_no_login(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_plain_http_when_https_is_enforced(client, path):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get(path).status_code == 200
        assert client.get("/").status_code == 301


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_refuse_writes(client, path):
    assert client.post(path).status_code == 405
