"""The bulk download: every table as CSV, a Frictionless data package, checksums, never stale."""

import csv
import hashlib
import io
import json
import zipfile

from commitments import versioning
from commitments.models import (
    Accreditation,
    Law,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)

TABLES = {
    "sources": Source,
    "states": State,
    "treaties": Treaty,
    "treaty_actions": TreatyAction,
    "status_observations": StatusObservation,
    "accreditations": Accreditation,
    "laws": Law,
}


def download(api) -> tuple[zipfile.ZipFile, str]:
    response = api.get("/api/v1/dataset.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert ".zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    [folder] = {name.split("/")[0] for name in archive.namelist()}
    return archive, folder


def read(archive, folder, name) -> bytes:
    return archive.read(f"{folder}/{name}")


def test_every_members_sha256_matches_the_package_and_sha256sums(api):
    archive, folder = download(api)
    package = json.loads(read(archive, folder, "datapackage.json"))
    sums = {}
    for line in read(archive, folder, "SHA256SUMS").decode().splitlines():
        digest, name = line.split("  ")
        sums[name] = digest
    members = {name.split("/", 1)[1] for name in archive.namelist()}
    assert set(sums) == members - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(read(archive, folder, name)).hexdigest() == digest
    for resource in package["resources"]:
        content = read(archive, folder, resource["path"])
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        assert resource["bytes"] == len(content)


def test_every_table_is_a_csv_with_every_row(api):
    archive, folder = download(api)
    for table, model in TABLES.items():
        rows = list(csv.DictReader(io.StringIO(read(archive, folder, f"{table}.csv").decode())))
        assert len(rows) == model.objects.count(), table
    participation = read(archive, folder, "participation.csv").decode()
    assert len(list(csv.DictReader(io.StringIO(participation)))) == 11 * 22


def test_datapackage_describes_each_columns_name_and_type(api):
    archive, folder = download(api)
    package = json.loads(read(archive, folder, "datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] and package["created"]
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(read(archive, folder, resource["path"]).decode())))
        fields = resource["schema"]["fields"]
        assert [field["name"] for field in fields] == header, resource["name"]
    actions = next(r for r in package["resources"] if r["name"] == "treaty_actions")
    types = {field["name"]: field["type"] for field in actions["schema"]["fields"]}
    assert types["id"] == "integer"
    assert types["date"] == "date"
    assert types["state_iso3"] == "string"
    assert types["source_id"] == "integer"
    assert types["updated_at"] == "datetime"
    action = next(f for f in actions["schema"]["fields"] if f["name"] == "action")
    assert "denunciation" in action["constraints"]["enum"]


def test_bundle_is_rebuilt_when_the_data_changes(api):
    archive, folder = download(api)
    version = json.loads(read(archive, folder, "datapackage.json"))["version"]
    law = Law.objects.first()
    law.title = "A retitled law"
    law.save()
    changed, changed_folder = download(api)
    package = json.loads(read(changed, changed_folder, "datapackage.json"))
    assert package["version"] != version
    assert package["data_version"] == versioning.current().label
    assert "A retitled law" in read(changed, changed_folder, "laws.csv").decode()


def test_unchanged_bundle_is_a_304(api):
    first = api.get("/api/v1/dataset.zip")
    again = api.get("/api/v1/dataset.zip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
