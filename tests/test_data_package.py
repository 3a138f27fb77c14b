"""The bulk download is a valid Frictionless tabular data package that describes itself: every
column typed, titled and described, keys declared and checked, a codebook, a citation, a licence."""

import datetime
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from rest_framework.test import APIClient

from commitments.releases import publish_release
from commitments.vocabularies import Action, GanhriStatus, Precision, Status, TreatyCategory
from tests import factories

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture
def unpacked(dataset, tmp_path) -> Path:
    """A freshly built dataset.zip, unpacked; the folder that holds its files."""
    response = APIClient().get("/api/v1/dataset.zip")
    assert response.status_code == 200
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    [folder] = tmp_path.iterdir()
    return folder


def frictionless_report(folder: Path) -> dict:
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def errors_of(report: dict) -> list[str]:
    return [
        f"{task['name']}: {error['type']}: {error['note']}"
        for task in report["tasks"]
        for error in task["errors"]
    ] + [error["note"] for error in report["errors"]]


def package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text())


def test_frictionless_finds_the_bundle_valid_keys_hashes_and_all(unpacked):
    report = frictionless_report(unpacked)

    assert errors_of(report) == []
    assert report["valid"] is True
    assert {task["name"] for task in report["tasks"]} == {
        r["name"] for r in package(unpacked)["resources"]
    }


def test_frictionless_catches_a_row_whose_state_is_in_no_table(unpacked):
    """The foreign keys are checked, not only declared: a row naming an unknown state fails."""
    descriptor = package(unpacked)
    for resource in descriptor["resources"]:
        resource.pop("hash")
        resource.pop("bytes")
    (unpacked / "datapackage.json").write_text(json.dumps(descriptor))
    actions = unpacked / "treaty_actions.csv"
    header, first, *rest = actions.read_bytes().decode().split("\r\n")
    cells = first.split(",")
    cells[header.split(",").index("state_iso3")] = "XXX"
    actions.write_bytes("\r\n".join([header, ",".join(cells), *rest]).encode())

    errors = errors_of(frictionless_report(unpacked))

    assert len(errors) == 1
    assert "foreign-key" in errors[0] and "XXX" in errors[0]


def test_every_table_is_tabular_with_a_primary_key_and_every_field_described(unpacked):
    descriptor = package(unpacked)
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        assert resource["profile"] == "tabular-data-resource"
        schema = resource["schema"]
        assert schema["primaryKey"], resource["name"]
        for field in schema["fields"]:
            assert field["title"] and field["description"], (resource["name"], field["name"])
            assert len(field["name"]) <= 32, field["name"]


def test_every_table_that_names_another_row_declares_the_foreign_key(unpacked):
    keys = {
        resource["name"]: {
            key["fields"]: (key["reference"]["resource"], key["reference"]["fields"])
            for key in resource["schema"].get("foreignKeys", [])
        }
        for resource in package(unpacked)["resources"]
    }
    assert keys["sources"] == {}
    assert keys["treaties"] == {"source_id": ("sources", "id")}
    assert keys["states"] == {
        "source_id": ("sources", "id"),
        "independence_source_id": ("sources", "id"),
        "un_member_source_id": ("sources", "id"),
    }
    assert keys["institution_observations"] == {
        "state_iso3": ("states", "iso3"),
        "source_id": ("sources", "id"),
    }
    for table in ["engagements", "upr_recommendations", "national_mechanisms"]:
        assert keys[table] == {"state_iso3": ("states", "iso3"), "source_id": ("sources", "id")}
    assert keys["regional_events"] == {"source_id": ("sources", "id")}
    for table in ["treaty_actions", "status_observations"]:
        assert keys[table] == {
            "state_iso3": ("states", "iso3"),
            "treaty_key": ("treaties", "key"),
            "source_id": ("sources", "id"),
        }
    assert keys["accreditations"] == {"nhri_id": ("nhris", "id"), "source_id": ("sources", "id")}
    assert keys["participation"] == {
        "state_iso3": ("states", "iso3"),
        "treaty_key": ("treaties", "key"),
        "event_id": ("treaty_actions", "id"),
        "observation_id": ("status_observations", "id"),
        "source_id": ("sources", "id"),
        "contradicting_observation_id": ("status_observations", "id"),
    }


def fields_of(descriptor: dict, table: str) -> dict:
    [resource] = [r for r in descriptor["resources"] if r["name"] == table]
    return {field["name"]: field for field in resource["schema"]["fields"]}


def test_closed_vocabularies_are_enum_constraints(unpacked):
    descriptor = package(unpacked)
    actions = fields_of(descriptor, "treaty_actions")
    assert actions["action"]["constraints"]["enum"] == Action.values
    assert fields_of(descriptor, "treaties")["category"]["constraints"]["enum"] == (
        TreatyCategory.values
    )
    assert fields_of(descriptor, "accreditations")["status"]["constraints"]["enum"] == (
        GanhriStatus.values
    )
    participation = fields_of(descriptor, "participation")
    assert participation["status"]["constraints"]["enum"] == Status.values
    assert participation["event_action"]["constraints"]["enum"] == Action.values
    assert participation["category"]["constraints"]["enum"] == TreatyCategory.values


def test_partial_dates_are_a_date_and_its_precision_or_text_with_a_pattern(unpacked):
    descriptor = package(unpacked)
    observations = fields_of(descriptor, "status_observations")
    assert observations["observed_on"]["type"] == "date"
    assert "observed_on_precision" in observations["observed_on"]["description"]
    assert observations["observed_on_precision"]["constraints"]["enum"] == Precision.values
    since = fields_of(descriptor, "participation")["since"]
    assert since["type"] == "string"
    pattern = since["constraints"]["pattern"]
    for written in ["1977", "2016-03", "2016-03-08"]:
        assert re.fullmatch(pattern, written)
    for wrong in ["77", "2016-3", "08/03/2016", "2016-03-08T00:00"]:
        assert not re.fullmatch(pattern, wrong)


def test_the_codebook_lists_every_column_with_its_description(unpacked):
    readme = (unpacked / "README.md").read_text()
    for resource in package(unpacked)["resources"]:
        assert f"### {resource['path']}" in readme
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` | {field['type']} | {field['title']} |" in readme


def test_the_citation_file_and_the_licence_come_with_the_data(unpacked):
    citation = yaml.safe_load((unpacked / "CITATION.cff").read_text())
    descriptor = package(unpacked)
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["license"] == "CC-BY-4.0"
    assert citation["version"] == descriptor["version"] == descriptor["data_version"]
    assert citation["authors"][0]["name"]
    licence = (unpacked / "LICENSE.txt").read_text()
    assert "Creative Commons Attribution 4.0 International Public License" in licence
    assert "Section 8 -- Interpretation." in licence


def test_a_row_with_an_unusual_but_valid_value_keeps_the_package_valid(dataset, tmp_path):
    """A law known only to the year, with no number, and a source never assessed."""
    factories.LawFactory(number="", enacted_on_precision=Precision.YEAR)
    response = APIClient().get("/api/v1/dataset.zip")
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    [folder] = tmp_path.iterdir()
    assert errors_of(frictionless_report(folder)) == []


def test_a_release_is_a_valid_package_too(dataset, tmp_path):
    release = publish_release(now=datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC))
    zipfile.ZipFile(io.BytesIO(bytes(release.content))).extractall(tmp_path)
    [folder] = tmp_path.iterdir()
    assert folder.name == "r2p-tracker-2026.11.27"
    assert errors_of(frictionless_report(folder)) == []
