"""Faults: the database or the cache gone, an import cut off halfway."""

from __future__ import annotations

import shutil
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import override_settings

from commitments import importers
from commitments.importers import load_dataset
from commitments.models import FACT_MODELS, State, TreatyAction
from tests.helpers import DATASET, REDIS_DOWN

pytestmark = pytest.mark.usefixtures("dataset")

PAGES = ["/", "/countries/khm/", "/treaties/rome_statute_1998/", "/api/v1/states/"]


def database_down():
    """Every query fails as it does when PostgreSQL has gone away."""
    return mock.patch.object(
        CursorWrapper,
        "execute",
        side_effect=OperationalError("connection to server at 127.0.0.1, port 5432 failed"),
    )


@pytest.mark.parametrize("url", PAGES[:3])
def test_pages_say_the_site_is_unavailable_when_the_database_is_down(client, url):
    client.raise_request_exception = False
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "Temporarily unavailable" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "5432" not in body
    assert response["X-Request-ID"]


@pytest.mark.parametrize("url", ["/api/v1/states/", "/api/v1/participation/?format=csv"])
def test_the_api_answers_a_json_503_when_the_database_is_down(client, url):
    client.raise_request_exception = False
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert "database" in response.json()["detail"]
    assert "5432" not in response.content.decode()


def test_a_signed_in_researcher_also_gets_the_503_page(client, admin_user):
    client.force_login(admin_user)
    client.raise_request_exception = False
    with database_down():
        response = client.get("/countries/khm/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_readyz_reports_503_when_the_database_is_down(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_healthz_stays_up_when_the_database_is_down(client):
    with database_down():
        assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_pages_and_api_answer_without_a_cache(client, url):
    with override_settings(CACHES=REDIS_DOWN):
        assert client.get(url).status_code == 200
        assert client.get(url).status_code == 200


def test_saving_a_fact_works_without_a_cache_and_readers_see_it(client):
    with override_settings(CACHES=REDIS_DOWN):
        client.get("/countries/khm/")
        cambodia = State.objects.get(iso3="KHM")
        cambodia.short_name = "Cambodia-Renamed-7"
        cambodia.save()
        assert "Cambodia-Renamed-7" in client.get("/countries/khm/").content.decode()


def test_cache_coming_back_serves_fresh_facts(client):
    assert "Cambodia-Renamed-7" not in client.get("/countries/khm/").content.decode()
    with override_settings(CACHES=REDIS_DOWN):
        cambodia = State.objects.get(iso3="KHM")
        cambodia.short_name = "Cambodia-Renamed-7"
        cambodia.save()
    # The save could not reach the cache, which is back now: the page must still be current.
    assert "Cambodia-Renamed-7" in client.get("/countries/khm/").content.decode()


# An import cut off halfway.


def snapshot() -> dict:
    return {
        model.__name__: sorted(map(repr, model.objects.values_list())) for model in FACT_MODELS
    } | {f"{m.__name__} history": m.history.count() for m in FACT_MODELS}


class PowerCut(Exception):
    pass


def cut_after(rows: int):
    """The importer's upsert, failing on the `rows`-th call as if the process were killed."""
    original = importers.Loader.upsert
    calls = {"n": 0}

    def upsert(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == rows:
            raise PowerCut
        return original(self, *args, **kwargs)

    return mock.patch.object(importers.Loader, "upsert", upsert)


@pytest.mark.parametrize("rows", [1, 50, 250])
def test_an_import_cut_off_halfway_into_an_empty_database_leaves_it_empty(rows, empty_database):
    with cut_after(rows), pytest.raises(PowerCut):
        load_dataset(DATASET)
    assert all(model.objects.count() == 0 for model in FACT_MODELS)
    assert all(model.history.count() == 0 for model in FACT_MODELS)


def test_an_update_cut_off_halfway_leaves_every_fact_as_it_was(tmp_path):
    directory = tmp_path / "dataset"
    shutil.copytree(DATASET, directory)
    actions = directory / "treaty_actions.csv"
    actions.write_text(actions.read_text().replace(",primary,", ",secondary,"))
    before = snapshot()
    with cut_after(300), pytest.raises(PowerCut):
        load_dataset(directory, replace=True)
    assert snapshot() == before
    assert TreatyAction.objects.filter(confidence="primary").exists()
