"""Hostile and broken input through the importer, the API and the admin.

Every case gets a clear client error (4xx, a form error, or an importer error naming the file and
row) and writes nothing: the rows and the history of every fact table are counted before and after.
Text that looks like SQL or markup is not an error: it is stored as typed and shown escaped.
"""

from __future__ import annotations

import json
import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from commitments.importers import DatasetError, load_dataset
from commitments.models import FACT_MODELS, Law, Source, State, TreatyAction
from tests.helpers import DATASET, token_client

pytestmark = pytest.mark.usefixtures("dataset")

OVERSIZED = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
SQL = "'; DROP TABLE commitments_state; --"
SCRIPT = '<script>alert("pwned")</script><img src=x onerror=alert(1)>'


def footprint() -> dict[str, tuple[int, int]]:
    return {m.__name__: (m.objects.count(), m.history.count()) for m in FACT_MODELS}


@pytest.fixture
def unchanged():
    """Asserts, after the test, that no fact and no history record was written."""
    before = footprint()
    yield
    assert footprint() == before


# The importer: a copy of the shipped dataset with one file broken.

ACTION_HEADER = (
    "state_iso3,treaty_key,action,date,date_precision,effective_on,source_url,source_as_of,"
    "confidence,notes"
)
GOOD_ACTION = (
    "MMR,rome_statute_1998,signature,2001-05-02,day,,https://www.icc-cpi.int//Pages/item.aspx?name=pr1440,,"
    "secondary,"
)


def action_row(**cells: str) -> str:
    values = dict(zip(ACTION_HEADER.split(","), GOOD_ACTION.split(","), strict=True))
    values.update(cells)
    return ",".join(values.values())


def append(text: str, line: str) -> bytes:
    return (text.rstrip("\n") + "\n" + line + "\n").encode()


IMPORTER_CASES = {
    "latin-1": ("laws.csv", lambda t: t.replace("Law", "Lé", 1).encode("latin-1"), "not UTF-8"),
    "utf-16": ("states.csv", lambda t: t.encode("utf-16"), "not UTF-8"),
    "binary": ("nhris.csv", lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not UTF-8"),
    "nul-bytes": ("laws.csv", lambda t: (t + "KHM,A\x00B,,,,other,x,\n").encode(), "NUL bytes"),
    "ragged-long": (
        "treaty_actions.csv",
        lambda t: append(t, GOOD_ACTION + ",extra,cells"),
        "more cells than columns",
    ),
    "ragged-short": (
        "treaty_actions.csv",
        lambda t: append(t, "MMR,rome_statute_1998"),
        "action: '' is not one of",
    ),
    "missing-column": (
        "treaty_actions.csv",
        lambda t: t.replace("action,", "act,", 1).encode(),
        "missing column(s): action",
    ),
    "empty-file": ("laws.csv", lambda t: b"", "missing column(s)"),
    "duplicated-row": (
        "treaty_actions.csv",
        lambda t: append(t, t.splitlines()[1]),
        "repeats row",
    ),
    "month-13": ("treaty_actions.csv", lambda t: append(t, action_row(date="2015-13-45")), "date"),
    "five-digit-year": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(date="99999-01-01")),
        "not a date",
    ),
    "negative-date": ("treaty_actions.csv", lambda t: append(t, action_row(date="-1")), "date"),
    "future-date": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(date="2999-01-01")),
        "future",
    ),
    "unknown-state": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(state_iso3="XXX")),
        "'XXX' is not a state",
    ),
    "sql-in-a-code": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(state_iso3="KHM' OR '1'='1")),
        "is not a state",
    ),
    "unknown-treaty": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(treaty_key="no_such_treaty")),
        "is not a treaty",
    ),
    "unknown-action": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(action="ratify-ish")),
        "is not one of",
    ),
    "unknown-precision": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(date_precision="week")),
        "date_precision",
    ),
    "no-source": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(source_url="")),
        "every fact needs a source",
    ),
    "bad-source-date": (
        "treaty_actions.csv",
        lambda t: append(t, action_row(source_as_of="2016-02-30")),
        "source_as_of",
    ),
}


@pytest.mark.parametrize("case", list(IMPORTER_CASES))
def test_importer_refuses_broken_files_and_writes_nothing(case, tmp_path, unchanged):
    name, corrupt, message = IMPORTER_CASES[case]
    directory = tmp_path / "dataset"
    shutil.copytree(DATASET, directory)
    path = directory / name
    path.write_bytes(corrupt(path.read_text(encoding="utf-8")))
    with pytest.raises(DatasetError) as error:
        load_dataset(directory)
    assert any(e.startswith(name) and message in e for e in error.value.errors), error.value.errors


# The API: a researcher with a token posts a new treaty action, broken in one way.


@pytest.fixture
def researcher_api(researcher):
    return token_client(researcher)


def new_action(**changes) -> dict:
    payload = {
        "state": "MMR",
        "treaty": "rome_statute_1998",
        "action": "signature",
        "date": "2001-05-02",
        "date_precision": "day",
        "source": Source.objects.order_by("pk").first().pk,
    }
    return {**payload, **changes}


API_FIELD_CASES = {
    "month-13": {"date": "2015-13-45"},
    "five-digit-year": {"date": "99999-01-01"},
    "negative-date": {"date": "-1"},
    "february-30": {"date": "2015-02-30"},
    "year-zero": {"date": "0000-01-01"},
    "future-date": {"date": "2999-01-01"},
    "date-as-number": {"date": 20010502},
    "date-as-list": {"date": ["2001-05-02"]},
    "date-null": {"date": None},
    "unknown-state": {"state": "XXX"},
    "state-as-number": {"state": 123},
    "sql-as-state": {"state": SQL},
    "unknown-treaty": {"treaty": "no_such_treaty"},
    "unknown-action": {"action": "ratify-ish"},
    "unknown-precision": {"date_precision": "week"},
    "unknown-source": {"source": 999999},
    "source-as-text": {"source": "abc"},
    "notes-as-object": {"notes": {"a": 1}},
    "takes-effect-before-deposit": {"effective_on": "2000-01-01"},
    "denunciation-without-consent": {"action": "denunciation", "effective_on": "2002-05-02"},
}


@pytest.mark.parametrize("case", list(API_FIELD_CASES))
def test_api_refuses_bad_fields_with_a_400_and_writes_nothing(case, researcher_api, unchanged):
    response = researcher_api.post(
        "/api/v1/treaty-actions/", new_action(**API_FIELD_CASES[case]), format="json"
    )
    assert response.status_code == 400
    assert response.json(), "the error says what is wrong"


API_BODY_CASES = {
    "malformed-json": ('{"state": "MMR",', "application/json", 400),
    "json-list": ("[1, 2, 3]", "application/json", 400),
    "json-string": ('"signature"', "application/json", 400),
    "plain-text": ("state=MMR", "text/plain", 415),
    "oversized": (json.dumps({"notes": OVERSIZED}), "application/json", 413),
}


@pytest.mark.parametrize("case", list(API_BODY_CASES))
def test_api_refuses_broken_bodies_and_writes_nothing(case, researcher_api, unchanged):
    body, content_type, status = API_BODY_CASES[case]
    response = researcher_api.generic("POST", "/api/v1/treaty-actions/", body, content_type)
    assert response.status_code in {status, 400}
    assert response.status_code < 500


READ_CASES = {
    "as-of-month-13": ("/api/v1/participation/", {"as_of": "2015-13-45"}, 400),
    "as-of-five-digit-year": ("/api/v1/participation/", {"as_of": "99999-01-01"}, 400),
    "as-of-negative": ("/api/v1/participation/", {"as_of": "-1"}, 400),
    "as-of-sql": ("/api/v1/participation/", {"as_of": SQL}, 400),
    "unknown-state-filter": ("/api/v1/treaty-actions/", {"state": "XXX"}, 400),
    "unknown-state": ("/api/v1/states/XXX/", {}, 404),
    "unknown-treaty": ("/api/v1/treaties/no_such_treaty/", {}, 404),
    "page-not-a-number": ("/api/v1/states/", {"page": "abc"}, 400),
    "page-as-of-month-13": ("/countries/khm/", {"as_of": "2015-13-45"}, 400),
    "page-as-of-negative": ("/countries/khm/", {"as_of": "-1"}, 400),
    "page-unknown-country": ("/countries/xxx/", {}, 404),
    "page-script-in-code": ("/countries/<script>/", {}, 404),
}


@pytest.mark.parametrize("case", list(READ_CASES))
def test_bad_query_parameters_and_unknown_codes_are_client_errors(case, client):
    url, params, status = READ_CASES[case]
    response = client.get(url, params)
    assert response.status_code == status


# The admin: a researcher's add form, broken in one way.


def admin_action_form(**changes) -> dict:
    data = {
        "state": State.objects.get(iso3="MMR").pk,
        "treaty": TreatyAction.objects.first().treaty_id,
        "action": "signature",
        "date": "2001-05-02",
        "date_precision": "day",
        "source": Source.objects.order_by("pk").first().pk,
        "change_reason": "",
    }
    return {**data, **changes}


ADMIN_CASES = {
    "month-13": {"date": "2015-13-45"},
    "five-digit-year": {"date": "99999-01-01"},
    "negative-date": {"date": "-1"},
    "unknown-state": {"state": "999999"},
    "state-as-sql": {"state": SQL},
    "unknown-action": {"action": "ratify-ish"},
    "no-source": {"source": ""},
}


@pytest.mark.parametrize("case", list(ADMIN_CASES))
def test_admin_form_shows_errors_and_writes_nothing(case, researcher_client, unchanged):
    url = reverse("admin:commitments_treatyaction_add")
    response = researcher_client.post(url, admin_action_form(**ADMIN_CASES[case]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_admin_refuses_an_oversized_form_with_a_400(researcher_client, unchanged):
    url = reverse("admin:commitments_treatyaction_add")
    response = researcher_client.post(url, admin_action_form(notes=OVERSIZED))
    assert response.status_code == 400


# Text that looks like SQL or markup is data: stored as typed, shown escaped.


@pytest.mark.parametrize("payload", [SQL, SCRIPT], ids=["sql", "script"])
def test_sql_and_script_in_text_are_stored_verbatim_and_shown_escaped(
    payload, researcher_api, client
):
    response = researcher_api.post(
        "/api/v1/laws/",
        {
            "state": "KHM",
            "title": f"Law {payload}",
            "category": "other",
            "enacted_on": "2020-01-01",
            "enacted_on_precision": "year",
            "source": Source.objects.order_by("pk").first().pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    law = Law.objects.get(pk=response.json()["id"])
    assert law.title == f"Law {payload}"
    assert State.objects.count() == 11
    page = client.get("/countries/khm/").content.decode()
    assert "Law " in page
    assert payload not in page
    assert "&lt;script&gt;" in page or "&#x27;; DROP TABLE" in page
