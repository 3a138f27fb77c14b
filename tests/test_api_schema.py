"""The OpenAPI schema validates and documents the parameters; the docs are served locally."""

import re

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture
def schema(db):
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


# Lists that take no filter: the schema itself, and the short list of releases.
SPECIAL = {"/api/v1/schema/", "/api/v1/releases/"}


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
