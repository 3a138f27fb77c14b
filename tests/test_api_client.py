"""A client generated from the schema works: openapi-python-client, offline, from the live
server's schema; then, without a token, it reads every list, a CSV and both kinds of zip."""

import hashlib
import importlib
import io
import json
import os
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from commitments.models import State
from commitments.releases import publish_release
from tests import factories
from tests.helpers import LISTS

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
CONFIG = Path(settings.BASE_DIR) / "clients" / "openapi-python-client.yaml"


@pytest.fixture
def server(live_server, settings):
    """A live server with a release and a deletion to list, unthrottled."""
    rest_framework = dict(settings.REST_FRAMEWORK)
    rest_framework["DEFAULT_THROTTLE_RATES"] = {"anon": None}
    settings.REST_FRAMEWORK = rest_framework
    factories.LawFactory(state=State.objects.get(iso3="KHM"), title="A law repealed").delete()
    publish_release()
    return live_server


@pytest.fixture
def client_package(server, tmp_path, monkeypatch):
    """The package openapi-python-client generates from the server's schema, imported."""
    with urllib.request.urlopen(f"{server.url}/api/v1/schema/?format=json", timeout=30) as reply:
        schema = json.loads(reply.read())
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    environment = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            "schema.json",
            "--config",
            str(CONFIG),
            "--meta",
            "none",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("r2p_tracker_client")]:
        del sys.modules[name]
    return importlib.import_module("r2p_tracker_client")


def operation(package, tag: str, name: str):
    return importlib.import_module(f"{package.__name__}.api.{tag}.{name}")


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_reads_every_list_a_csv_and_the_zips_without_a_token(
    server, client_package
):
    # A plain Client sends no Authorization header: the reads are anonymous. Leaving the block
    # closes its connections, so that no server thread keeps a database session open.
    with client_package.Client(base_url=server.url, raise_on_unexpected_status=True) as client:
        read_everything(client_package, client)


def read_everything(client_package, client) -> None:
    """Every list, a CSV and both zips, read through the generated calls."""
    for resource in [*LISTS, "deletions", "releases"]:
        tag = resource.replace("-", "_")
        page = operation(client_package, tag, f"{tag}_list").sync(client=client)
        assert page.count > 0, resource
        assert len(page.results) == min(page.count, 100), resource

    actions = operation(client_package, "treaty_actions", "treaty_actions_list").sync(
        client=client, page_size=1000
    )
    assert all(isinstance(action.id, int) for action in actions.results)
    assert {action.action.value for action in actions.results} >= {"signature", "ratification"}

    csv = operation(client_package, "participation", "participation_list_csv").sync(
        client=client, state=["KHM", "PHL"]
    )
    lines = csv.splitlines()
    assert lines[0].startswith("state_iso3,state_name,treaty_key,")
    assert {line.split(",")[0] for line in lines[1:]} == {"KHM", "PHL"}

    bundle = operation(client_package, "dataset_zip", "dataset_download").sync(client=client)
    names = zipfile.ZipFile(io.BytesIO(bundle.payload.read())).namelist()
    assert any(name.endswith("/datapackage.json") for name in names)

    [release] = operation(client_package, "releases", "releases_list").sync(client=client).results
    stored = operation(client_package, "releases", "releases_dataset_download").sync(
        version=release.version, client=client
    )
    assert hashlib.sha256(stored.payload.read()).hexdigest() == release.sha256
