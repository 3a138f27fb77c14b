"""The OpenAPI schema validates and documents the parameters; the docs are served locally."""

import re

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from commitments.api.codebook import PARTIAL_DATE_PATTERN
from commitments.vocabularies import Action


@pytest.fixture
def schema(db):
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


# Lists that take no filter: the schema itself, and the short list of releases; and the panel,
# computed whole for the years asked for and streamed in one response (no pages, no
# updated_since).
SPECIAL = {"/api/v1/schema/", "/api/v1/releases/", "/api/v1/panel/", "/api/v1/panel/totals/"}


def test_schema_documents_as_of_updated_since_format_and_errors(schema):
    participation = schema["paths"]["/api/v1/participation/"]["get"]
    names = {p["name"] for p in participation["parameters"]}
    assert {"as_of", "updated_since", "format", "state", "treaty", "status", "page"} <= names
    assert {"200", "400", "429"} <= set(participation["responses"])
    for path, operations in schema["paths"].items():
        if path.endswith("/") and "{" not in path and path not in SPECIAL:
            names = {p["name"] for p in operations["get"]["parameters"]}
            # Deletions are listed since a time, not updated.
            since = "since" if path == "/api/v1/deletions/" else "updated_since"
            assert {since, "format", "page", "page_size"} <= names, path


def test_schema_lists_every_resource(schema):
    for resource in [
        "states/{iso3}/",
        "treaties/{key}/",
        "treaty-actions/",
        "status-observations/",
        "participation/",
        "focal-points/",
        "nhris/",
        "laws/",
        "sources/",
        "dataset.zip",
    ]:
        assert f"/api/v1/{resource}" in schema["paths"]


def test_interactive_docs_load_from_local_static_files(db):
    response = APIClient().get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources


def test_interactive_docs_need_no_inline_styles_under_the_content_security_policy(db):
    response = APIClient().get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    html = response.content.decode()
    policy = response.headers["Content-Security-Policy"]
    assert "<style" not in html
    assert "unsafe-inline" not in policy
    assert "/static/css/swagger.css" in html


def read_operations(schema):
    for path, item in schema["paths"].items():
        if "get" in item and path not in SPECIAL | {"/api/v1/docs/"}:
            yield path, item["get"]


def test_every_read_declares_anonymous_access_beside_the_token_and_the_session(schema):
    for path, operation in read_operations(schema):
        assert {} in operation["security"], path
        assert {"tokenAuth": []} in operation["security"], path
    writes = schema["paths"]["/api/v1/treaty-actions/"]["post"]["security"]
    assert {} not in writes


def test_ids_are_integers_and_closed_vocabularies_are_enums(schema):
    [identifier] = [
        p
        for p in schema["paths"]["/api/v1/treaty-actions/{id}/"]["get"]["parameters"]
        if p["name"] == "id"
    ]
    assert identifier["schema"] == {"type": "integer"}
    components = schema["components"]["schemas"]
    assert components["TreatyAction"]["properties"]["source"]["type"] == "integer"
    participation = components["Participation"]["properties"]
    for field, enum in [("status", "StatusEnum"), ("category", "TreatyCategoryEnum")]:
        assert participation[field]["allOf"][0]["$ref"].endswith(enum)
    assert components["ActionEnum"]["enum"] == Action.values
    assert participation["event_action"]["oneOf"][0]["$ref"].endswith("/ActionEnum")
    assert participation["event_action"]["nullable"] is True


def test_partial_dates_carry_their_pattern(schema):
    participation = schema["components"]["schemas"]["Participation"]["properties"]
    for field in ["since", "event_date", "last_verified"]:
        assert participation[field]["pattern"] == PARTIAL_DATE_PATTERN, field


def test_csv_is_text_and_the_zips_are_binary(schema):
    listed = schema["paths"]["/api/v1/participation/"]["get"]["responses"]["200"]["content"]
    assert listed["text/csv"]["schema"] == {"type": "string"}
    assert listed["application/json"]["schema"]["$ref"].endswith("PaginatedParticipationList")
    csv = schema["paths"]["/api/v1/participation.csv"]["get"]
    assert list(csv["responses"]["200"]["content"]) == ["text/csv"]
    assert csv["operationId"] == "participation_list_csv"
    for path in ["/api/v1/dataset.zip", "/api/v1/releases/{version}/dataset.zip"]:
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert ok == {"application/zip": {"schema": {"type": "string", "format": "binary"}}}
    errors = schema["paths"]["/api/v1/dataset.zip"]["get"]["responses"]["400"]["content"]
    assert list(errors) == ["application/json"]


def test_validators_link_and_retry_after_headers_are_declared(schema):
    for path, operation in read_operations(schema):
        responses = operation["responses"]
        assert {"ETag", "Last-Modified"} <= set(responses["200"]["headers"]), path
        assert "Retry-After" in responses["429"]["headers"], path
    listed = schema["paths"]["/api/v1/laws/"]["get"]["responses"]["200"]["headers"]
    assert "Link" in listed


def test_each_list_names_the_fields_it_orders_by(schema):
    def ordering(path):
        [parameter] = [
            p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "ordering"
        ]
        return parameter["schema"]["items"]["enum"]

    assert {"date", "-date", "state"} <= set(ordering("/api/v1/treaty-actions/"))
    assert "date" not in ordering("/api/v1/laws/")
    assert set(ordering("/api/v1/participation/")) == {
        "state",
        "-state",
        "treaty",
        "-treaty",
        "status",
        "-status",
        "since",
        "-since",
    }


def test_the_schema_names_its_server(schema, settings):
    assert schema["servers"][0]["url"] == settings.SITE_URL
