"""Citable releases: cut by a command, listed with their digest and changes, served byte for byte
for good, and named by the citations on the pages."""

import datetime
import hashlib
import io
import json
import re
import zipfile

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from commitments import versioning
from commitments.models import Law, Release, TreatyAction
from commitments.releases import publish_release
from tests import factories

NOON = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def api(dataset):
    return APIClient()


def zip_members(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def test_a_release_is_named_after_its_day_and_a_second_one_that_day_gets_a_number(dataset):
    first = publish_release(now=NOON)
    factories.LawFactory()
    second = publish_release(now=NOON + datetime.timedelta(hours=1))
    factories.LawFactory(title="Another law")
    third = publish_release(now=NOON + datetime.timedelta(hours=2))
    assert [first.version, second.version, third.version] == [
        "2026.11.27",
        "2026.11.27.2",
        "2026.11.27.3",
    ]


def test_nothing_is_published_when_the_data_has_not_changed(dataset):
    assert publish_release(now=NOON) is not None
    assert publish_release(now=NOON + datetime.timedelta(days=1)) is None
    assert Release.objects.count() == 1


def test_the_release_zip_names_the_release_in_its_package_and_citation(dataset):
    release = publish_release(now=NOON, notes="The first edition.")
    members = zip_members(bytes(release.content))
    package = json.loads(members["datapackage.json"])
    citation = yaml.safe_load(members["CITATION.cff"])
    assert package["version"] == package["release"] == "2026.11.27"
    assert package["data_version"] == versioning.current().label
    assert "release 2026.11.27" in package["citation"]
    assert citation["version"] == "2026.11.27"
    assert citation["date-released"] == "2026-11-27"
    assert citation["repository-artifact"].endswith("/api/v1/releases/2026.11.27/dataset.zip")
    participation = members["participation.csv"].decode().splitlines()
    assert participation[1].split(",")[5] == "2026-11-27", "the table speaks for the release day"


def test_the_list_gives_version_date_digest_size_and_changes(api):
    first = publish_release(now=NOON)
    law = Law.objects.first()
    law.notes = "Re-read."
    law.save()
    factories.LawFactory(state=law.state, title="A new law", source=law.source)
    Law.objects.get(title="A new law").delete()
    factories.LawFactory(state=law.state, title="Another law", source=law.source)
    second = publish_release(now=NOON + datetime.timedelta(days=3))

    listed = api.get("/api/v1/releases/").json()["results"]

    assert [r["version"] for r in listed] == [second.version, first.version]
    newest = listed[0]
    assert newest["sha256"] == hashlib.sha256(bytes(second.content)).hexdigest()
    assert newest["size"] == len(bytes(second.content))
    assert newest["published_at"].startswith("2026-11-30T12:00:00")
    assert newest["data_version"] == second.data_version == versioning.current().label
    assert newest["changes"]["laws"] == {"added": 2, "changed": 1, "deleted": 1}
    assert newest["summary"] == "laws: 2 added, 1 changed, 1 deleted."
    assert (
        newest["dataset_url"] == f"http://testserver/api/v1/releases/{second.version}/dataset.zip"
    )
    oldest = listed[1]
    assert oldest["changes"]["treaty-actions"] == {"added": TreatyAction.objects.count()}


def test_a_release_downloads_byte_for_byte_even_after_the_data_changes(api):
    release = publish_release(now=NOON)
    stored = bytes(release.content)
    law = Law.objects.first()
    law.title = "A retitled law"
    law.save()
    publish_release(now=NOON + datetime.timedelta(days=1))

    response = api.get(f"/api/v1/releases/{release.version}/dataset.zip")

    assert response.status_code == 200
    assert response.content == stored
    assert response["Content-Type"] == "application/zip"
    assert response["ETag"] == f'"{release.sha256}"'
    assert "immutable" in response["Cache-Control"]
    assert f"r2p-tracker-{release.version}.zip" in response["Content-Disposition"]
    again = api.get(
        f"/api/v1/releases/{release.version}/dataset.zip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_an_unknown_release_is_a_json_404(api):
    response = api.get("/api/v1/releases/1999.01.01/dataset.zip")
    assert response.status_code == 404
    assert response.json()["detail"] == "No release has the version 1999.01.01."
    assert api.get("/api/v1/releases/1999.01.01/").status_code == 404


def test_publishing_a_release_changes_the_lists_etag(api):
    first = api.get("/api/v1/releases/")
    publish_release(now=NOON)
    again = api.get("/api/v1/releases/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert len(again.json()["results"]) == 1


def test_the_command_publishes_and_says_what_it_cut(dataset, capsys):
    call_command("publish_release", "--notes", "Reviewed in November.")
    out = capsys.readouterr().out
    release = Release.objects.get()
    assert f"Published release {release.version}." in out
    assert release.sha256 in out
    assert release.notes == "Reviewed in November."
    call_command("publish_release")
    assert "nothing was published" in capsys.readouterr().out
    assert Release.objects.count() == 1


def citation(client, url: str) -> str:
    html = client.get(url).content.decode()
    return " ".join(re.search(r'<p class="citation"[^>]*>(.*?)</p>', html, re.S)[1].split())


@pytest.mark.parametrize("url", ["/countries/khm/", "/data/"])
def test_the_citation_on_the_pages_names_the_release_that_holds_the_data(client, dataset, url):
    version = versioning.current().label
    assert f"Data version {version}; scoring" in citation(client, url)

    release = publish_release(now=NOON)
    assert f"Release {release.version} (data version {version})" in citation(client, url)

    law = Law.objects.first()
    law.notes = "Changed after the release."
    law.save()
    changed = versioning.current().label
    assert f"Data version {changed} (the latest release is {release.version})" in citation(
        client, url
    )


def test_the_data_page_links_to_the_latest_release(client, dataset):
    release = publish_release(now=NOON)
    html = client.get("/data/").content.decode()
    assert f'href="/api/v1/releases/{release.version}/dataset.zip"' in html
