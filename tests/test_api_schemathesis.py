"""Schemathesis against the live schema on a running server (loopback only).

Every operation is called with generated valid and invalid input; the test fails on any server
error, on an undocumented status code or content type, and on any response whose body does not
match the schema. The number of examples per operation is bounded so the run stays short.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commitments.importers import load_dataset
from commitments.models import State
from tests.helpers import DATASET, group

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def server(live_server, settings):
    """A live server with the ASEAN dataset, unthrottled so that the run measures the API only."""
    if not State.objects.exists():
        load_dataset(DATASET)
    rest_framework = dict(settings.REST_FRAMEWORK)
    rest_framework["DEFAULT_THROTTLE_RATES"] = {"anon": None}
    settings.REST_FRAMEWORK = rest_framework
    assert live_server.url.startswith(("http://localhost", "http://127.0.0.1"))
    return live_server


def check_operations(schema, base_url: str, examples: int, headers: dict | None = None) -> int:
    """Calls every operation of `schema` with valid and invalid input; returns how many."""
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def call(case):
                case.call_and_validate(
                    base_url=base_url, headers=headers, checks=CHECKS, timeout=30
                )

            call()
    return len(operations)


@pytest.mark.django_db(transaction=True)
def test_every_read_operation_conforms_to_the_schema_and_never_fails(server):
    schema = schemathesis.openapi.from_url(f"{server.url}/api/v1/schema/")
    assert check_operations(schema.include(method="GET"), server.url, examples=10) >= 20


@pytest.mark.django_db(transaction=True)
def test_every_write_operation_by_an_editor_conforms_and_never_fails(server, django_user_model):
    editor = django_user_model.objects.create_user(username="schemathesis-editor")
    editor.groups.add(group("Editors"))
    token = Token.objects.create(user=editor).key
    schema = schemathesis.openapi.from_url(f"{server.url}/api/v1/schema/")
    writes = schema.exclude(method=["GET", "HEAD", "OPTIONS"])
    headers = {"Authorization": f"Token {token}"}
    assert check_operations(writes, server.url, examples=5, headers=headers) >= 30
