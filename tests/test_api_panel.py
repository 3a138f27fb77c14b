"""The panel: each state's status on each indicator, and its total, year by year, in one request,
agreeing with the scorecards of the same dates; and the analysts' pandas example in docs/api.md."""

import csv
import datetime
import io
import json
import re
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from commitments import scoring
from commitments.models import State
from tests.helpers import body

pytestmark = pytest.mark.django_db

API_DOC = Path(settings.BASE_DIR) / "docs" / "api.md"


def panel(api, path="/api/v1/panel/", **params) -> list[dict]:
    response = api.get(path, params)
    assert response.status_code == 200, body(response)[:500]
    assert response["Content-Type"] == "application/json"
    return json.loads(body(response))


def panel_csv(api, path="/api/v1/panel/", **params) -> list[dict]:
    response = api.get(path, {**params, "format": "csv"})
    assert response.status_code == 200, body(response)[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def indicator_of(score: dict, key: str) -> dict:
    (found,) = [row for row in score["indicators"] if row["key"] == key]
    return found


def test_a_year_of_the_panel_is_the_scorecard_of_its_31_december(api):
    rows = panel(api, state="KHM", start=2015, end=2015)
    score = api.get("/api/v1/scores/khm/", {"as_of": "2015-12-31"}).json()

    assert len(rows) == len(scoring.CURRENT.indicators)
    for row in rows:
        expected = indicator_of(score, row["indicator"])
        assert row["as_of"] == "2015-12-31"
        assert (row["status"], row["points"], row["known"], row["applicable"]) == (
            expected["status"],
            expected["points"],
            expected["known"],
            expected["applicable"],
        ), row["indicator"]
        assert row["group"] == expected["group"]
        assert row["method_version"] == scoring.METHOD_VERSION


def test_the_current_year_is_read_today(api):
    this_year = timezone.localdate().year
    rows = panel(api, state="PHL", indicator="rome_statute_1998", start=this_year)

    assert [row["as_of"] for row in rows] == [timezone.localdate().isoformat()]


def test_years_before_a_treaty_or_a_state_are_not_applicable(api):
    att = panel(api, state="KHM", indicator="att_2013", start=2010, end=2016)
    timor = panel(api, state="TLS", start=2000, end=2001)
    timor_totals = panel(api, "/api/v1/panel/totals/", state="TLS", start=2001, end=2003)

    by_year = {row["year"]: row for row in att}
    assert by_year[2012]["status"] == "not_applicable"
    assert by_year[2012]["points"] is None and by_year[2012]["applicable"] is False
    assert by_year[2016]["status"] != "not_applicable"
    assert {row["status"] for row in timor} == {"not_applicable"}
    existed = {row["year"]: row["state_existed"] for row in timor_totals}
    assert existed == {2001: False, 2002: True, 2003: True}
    assert timor_totals[0]["total"] is None and timor_totals[0]["rank"] is None


def test_totals_are_the_scores_of_each_year_with_ranks_among_all_states(api):
    rows = panel(api, "/api/v1/panel/totals/", state="KHM,IDN", start=2010, end=2011)
    scores = {
        row["state"]: row
        for row in api.get("/api/v1/scores/", {"as_of": "2011-12-31", "page_size": 100}).json()[
            "results"
        ]
    }

    # State by state in ISO code order, then year by year.
    assert [(row["state"], row["year"]) for row in rows] == [
        ("IDN", 2010),
        ("IDN", 2011),
        ("KHM", 2010),
        ("KHM", 2011),
    ]
    for row in rows:
        if row["year"] == 2011:
            expected = scores[row["state"]]
            for column in ("total", "rank", "ranked_of", "coverage_known", "coverage_applicable"):
                assert row[column] == expected[column], (row["state"], column)


def test_the_whole_panel_comes_in_one_request_csv_and_json_alike(api):
    years = timezone.localdate().year - 1945 + 1
    rows = panel_csv(api)
    json_rows = panel(api, state="MMR")

    assert len(rows) == State.objects.count() * years * len(scoring.CURRENT.indicators)
    assert len(json_rows) == years * len(scoring.CURRENT.indicators)
    assert all(len(column) <= 32 for column in rows[0])
    assert list(rows[0])[:2] == ["state_iso3", "year"]
    mmr = [row for row in rows if row["state_iso3"] == "MMR"]
    for from_csv, from_json in zip(mmr, json_rows, strict=True):
        assert from_csv["indicator"] == from_json["indicator"]
        assert from_csv["status"] == from_json["status"]
        assert from_csv["points"] == (
            "" if from_json["points"] is None else str(from_json["points"])
        )


def test_filters_take_repeats_and_commas_alike_and_narrow_the_rows(api):
    repeated = panel(api, state=["KHM", "PHL"], indicator=["nhri", "focal_point"], end=1990)
    commas = panel(api, state="KHM,PHL", indicator="nhri,focal_point", end=1990)
    group = panel(api, state="KHM", group="institutions", start=2020, end=2020)

    assert repeated == commas
    assert {row["state"] for row in repeated} == {"KHM", "PHL"}
    assert {row["indicator"] for row in repeated} == {"nhri", "focal_point"}
    assert {row["indicator"] for row in group} == {
        i.key for i in scoring.CURRENT.group("institutions").indicators
    }


@pytest.mark.parametrize(
    "params, field, words",
    [
        ({"indicator": "nhri,rome_statue"}, "indicator", "rome_statue"),
        ({"state": "KHM,XXX"}, "state", "XXX"),
        ({"group": "conduct"}, "group", "conduct"),
        ({"start": "1900"}, "start", "1945"),
        ({"end": "2999"}, "end", "1945"),
        ({"start": "2000", "end": "1999"}, "end", "before start"),
        ({"start": "twenty"}, "start", "YYYY"),
        ({"method": "9"}, "method", "9"),
    ],
)
def test_a_bad_parameter_is_a_json_400_that_names_it(api, params, field, words):
    for path in ("/api/v1/panel/", "/api/v1/panel/totals/"):
        response = api.get(path, {**params, "format": "csv"})

        assert response.status_code == 400, path
        assert response["Content-Type"] == "application/json"
        assert words in " ".join(response.json()[field])


def test_method_1_panel_has_no_not_applicable_years(api):
    rows = panel(api, state="KHM", indicator="att_2013", start=2010, end=2010, method="1")

    assert rows[0]["method_version"] == scoring.get_method("1").version
    assert rows[0]["status"] != "not_applicable"


def test_the_whole_panel_costs_the_queries_of_one_year_of_one_state(api, django_assert_num_queries):
    # version, the treaties, the states' eight queries of State.objects.for_scorecard()
    with django_assert_num_queries(10):
        panel_csv(api)
    with django_assert_num_queries(10):
        panel(api, start=2020, end=2020, indicator="nhri")
    # version, the check that the states named exist, the treaties, the eight (the Philippines
    # has an NHRI, so its accreditations are read too)
    with django_assert_num_queries(11):
        panel(api, state="PHL", start=2020, end=2020)
    with django_assert_num_queries(10):
        panel(api, "/api/v1/panel/totals/")


def _example(markdown: str) -> str:
    """The Python block of the analysts' section of docs/api.md."""
    section = markdown.split("### The panel with pandas", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


@pytest.mark.slow
def test_the_pandas_example_in_the_docs_builds_the_panel(live_server, settings, transactional_db):
    pytest.importorskip("pandas")
    rest_framework = dict(settings.REST_FRAMEWORK)
    rest_framework["DEFAULT_THROTTLE_RATES"] = {"anon": None}
    settings.REST_FRAMEWORK = rest_framework
    code = _example(API_DOC.read_text())
    assert "http://127.0.0.1:8000" in code
    namespace: dict = {}

    exec(code.replace("http://127.0.0.1:8000", live_server.url), namespace)  # noqa: S102

    wide, totals = namespace["wide"], namespace["totals"]
    this_year = datetime.date.today().year
    assert set(wide.index.get_level_values("state_iso3")) == set(
        State.objects.values_list("iso3", flat=True)
    )
    assert wide.index.get_level_values("year").max() == this_year
    assert set(wide.columns) == {i.key for i in scoring.CURRENT.indicators}
    khm_2015 = {
        row["key"]: row["points"] for row in indicator_of_all(live_server.url, "khm", "2015-12-31")
    }
    for key, points in khm_2015.items():
        value = wide.loc[("KHM", 2015), key]
        assert (points is None and value != value) or value == points, key
    assert len(totals) == State.objects.count() * (this_year - 2000 + 1)


def indicator_of_all(url: str, code: str, on: str) -> list[dict]:
    with urllib.request.urlopen(f"{url}/api/v1/scores/{code}/?as_of={on}", timeout=30) as reply:
        return json.loads(reply.read())["indicators"]
