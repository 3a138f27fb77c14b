"""CSV downloads, conditional requests, cross-origin reads and throttling."""

import csv
import io

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.http import http_date

from commitments import versioning
from commitments.api.renderers import COLUMN_NAMES, cell
from commitments.models import Law, State, Treaty, TreatyAction
from tests.helpers import LISTS, body


def read_csv(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


@pytest.mark.parametrize("resource", LISTS)
def test_every_list_downloads_as_csv_by_parameter_or_accept_header(api, resource):
    by_parameter = api.get(f"/api/v1/{resource}/", {"format": "csv"})
    by_header = api.get(f"/api/v1/{resource}/", HTTP_ACCEPT="text/csv")
    assert by_parameter.status_code == by_header.status_code == 200
    assert by_parameter.streaming
    assert "attachment" in by_parameter["Content-Disposition"]
    assert read_csv(by_parameter) == read_csv(by_header)
    count = api.get(f"/api/v1/{resource}/").json()["count"]
    assert len(read_csv(api.get(f"/api/v1/{resource}/", {"format": "csv"}))) == count


def test_csv_holds_every_row_not_one_page(api):
    rows = read_csv(api.get("/api/v1/treaty-actions/", {"format": "csv", "page_size": 10}))
    assert len(rows) == TreatyAction.objects.count() > 100


def test_csv_columns_are_flat_and_named_for_a_spreadsheet(api):
    rows = read_csv(
        api.get(
            "/api/v1/treaty-actions/", {"format": "csv", "state": "PHL", "action": "denunciation"}
        )
    )
    [row] = [r for r in rows if r["treaty_key"] == "rome_statute_1998"]
    action = TreatyAction.objects.get(pk=row["id"])
    assert row["state_iso3"] == "PHL"
    assert row["date"] == "2018-03-17"
    assert row["effective_on"] == "2019-03-17"
    assert row["source_id"] == str(action.source_id)
    assert row["source_url"] == action.source.url


def test_rome_statute_parties_on_1_january_2015_as_csv_with_sources(api):
    response = api.get(
        "/api/v1/participation/",
        {"treaty": "rome_statute_1998", "as_of": "2015-01-01", "status": "party", "format": "csv"},
    )
    rows = read_csv(response)
    assert {r["state_iso3"] for r in rows} == {"KHM", "PHL", "TLS"}
    for row in rows:
        assert row["treaty_key"] == "rome_statute_1998"
        assert row["as_of"] == "2015-01-01"
        assert row["status"] == "party"
        assert row["source_url"].startswith("http")
        assert row["contradiction"] in {"true", "false"}
        event = TreatyAction.objects.get(pk=row["event_id"])
        assert row["source_id"] == str(event.source_id)


@pytest.mark.parametrize("as_of", ["", "2015-01-01", "2019-03-16"])
def test_participation_csv_says_what_the_json_says_for_every_pair(api, as_of):
    State.objects.filter(iso3="KHM").update(short_name="=Cambodia")
    query = {"as_of": as_of} if as_of else {}
    rows = read_csv(api.get("/api/v1/participation/", {**query, "format": "csv"}))
    answers = api.get("/api/v1/participation/", {**query, "page_size": 1000}).json()["results"]

    assert len(rows) == len(answers) == State.objects.count() * Treaty.objects.count()
    for row, answer in zip(rows, answers, strict=True):
        expected = {COLUMN_NAMES.get(name, name): cell(value) for name, value in answer.items()}
        assert row == expected
    assert {row["state_name"] for row in rows if row["state_iso3"] == "KHM"} == {"'=Cambodia"}


def test_nhri_csv_leaves_the_nested_history_to_its_own_endpoint(api):
    rows = read_csv(api.get("/api/v1/nhris/", {"format": "csv"}))
    assert rows and "accreditations" not in rows[0]
    assert {"state_iso3", "acronym", "source_url"} <= set(rows[0])


def test_csv_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted(api):
    Law.objects.filter(state__iso3="KHM").update(number="=HYPERLINK(1)")
    rows = read_csv(api.get("/api/v1/laws/", {"format": "csv", "state": "KHM"}))
    assert rows and {r["number"] for r in rows} == {"'=HYPERLINK(1)"}


def test_errors_are_json_even_when_csv_was_asked_for(api):
    response = api.get("/api/v1/participation/", {"format": "csv", "as_of": "yesterday"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "as_of" in response.json()


def test_detail_is_available_as_csv_too(api):
    response = api.get("/api/v1/states/khm/", HTTP_ACCEPT="text/csv")
    [row] = read_csv(response)
    assert row["iso3"] == "KHM"


def test_unchanged_answer_is_a_304_for_its_etag(api):
    first = api.get("/api/v1/states/")
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    again = api.get("/api/v1/states/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_etag_differs_between_json_and_csv_and_between_queries(api):
    json_tag = api.get("/api/v1/laws/")["ETag"]
    csv_tag = api.get("/api/v1/laws/", HTTP_ACCEPT="text/csv")["ETag"]
    filtered_tag = api.get("/api/v1/laws/", {"state": "KHM"})["ETag"]
    assert len({json_tag, csv_tag, filtered_tag}) == 3


def test_a_change_to_the_data_changes_the_etag(api):
    first = api.get("/api/v1/participation/", {"state": "THA"})
    action = TreatyAction.objects.filter(state__iso3="THA").first()
    action.notes = "Checked again."
    action.save()
    again = api.get("/api/v1/participation/", {"state": "THA"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_if_modified_since_the_last_change_is_a_304(api):
    changed = versioning.current().changed_at.timestamp()
    since = http_date(changed + 1)
    assert api.get("/api/v1/laws/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    before = http_date(changed - 3600)
    assert api.get("/api/v1/laws/", HTTP_IF_MODIFIED_SINCE=before).status_code == 200


def test_cross_origin_reads_are_allowed(api):
    response = api.get("/api/v1/states/", HTTP_ORIGIN="https://dashboard.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cross_origin_preflight_for_a_get_is_answered(api):
    response = api.options(
        "/api/v1/participation/",
        HTTP_ORIGIN="https://dashboard.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_anonymous_clients_are_throttled_with_retry_after(api, settings):
    rest_framework = dict(settings.REST_FRAMEWORK)
    rest_framework["DEFAULT_THROTTLE_RATES"] = {"anon": "3/minute"}
    cache.clear()
    with override_settings(REST_FRAMEWORK=rest_framework):
        statuses = [api.get("/api/v1/laws/", {"page": n}).status_code for n in (1, 1, 1, 1)]
        response = api.get("/api/v1/states/")
    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]
