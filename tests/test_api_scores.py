"""The scores API: every state's total, rank and coverage on a date under a chosen method."""

import csv
import io

import pytest

from commitments import scoring
from commitments.models import State, Treaty
from tests.helpers import body

pytestmark = pytest.mark.django_db

GROUP_COLUMNS = [
    f"{group.key}_{part}"
    for group in scoring.CURRENT.groups
    for part in ("score", "known", "applicable")
]


@pytest.fixture
def api(client):
    return client


def rows(api, **params) -> list[dict]:
    response = api.get("/api/v1/scores/", {"page_size": 1000, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def by_state(results: list[dict]) -> dict[str, dict]:
    return {row["state"]: row for row in results}


def test_one_row_per_state_with_rank_total_and_coverage(api):
    results = rows(api)

    assert len(results) == State.objects.count()
    khm = by_state(results)["KHM"]
    assert khm["method_version"] == scoring.METHOD_VERSION
    for column in ["total", "rank", "ranked_of", "coverage_known", "coverage_applicable"]:
        assert column in khm
    assert set(GROUP_COLUMNS) <= set(khm)
    assert khm["institutions_known"] == 2 and khm["institutions_score"] == 0


def test_rows_come_best_rank_first_with_states_without_a_total_last(api):
    results = rows(api)
    ranked = [row for row in results if row["rank"] is not None]
    unranked = [row for row in results if row["rank"] is None]

    assert results == ranked + unranked
    assert [row["rank"] for row in ranked] == sorted(row["rank"] for row in ranked)
    assert all(row["insufficient_data"] and row["total"] is None for row in unranked)
    totals = [row["total"] for row in ranked]
    assert totals == sorted(totals, reverse=True)


def test_the_scores_are_those_the_scorecard_computes(api, today):
    state = State.objects.for_scorecard().get(iso3="PHL")
    card = scoring.score_state(state, list(Treaty.objects.all()), today, today)

    row = by_state(rows(api, as_of=today.isoformat()))["PHL"]

    assert row["total"] == round(card.total, 1)
    assert row["coverage_known"] == card.coverage.known
    assert row["protection_applicable"] == card.group("protection").coverage.applicable


def test_method_1_reproduces_the_first_published_scores(api):
    old = by_state(rows(api, method="1.0"))
    new = by_state(rows(api))

    assert {row["method_version"] for row in old.values()} == {"1.0+c38577a3"}
    assert old["KHM"]["institutions_known"] == 0
    assert old["KHM"]["rank"] == 1 and new["KHM"]["rank"] > 1


def test_an_unknown_method_is_a_400_naming_it(api):
    response = api.get("/api/v1/scores/", {"method": "9.9"})

    assert response.status_code == 400
    assert "There is no scoring method 9.9" in response.json()["method"][0]


def test_before_independence_a_state_has_no_score_and_no_rank(api):
    tls = by_state(rows(api, as_of="1990-01-01"))["TLS"]

    assert tls["state_existed"] is False
    assert (tls["total"], tls["rank"], tls["coverage_applicable"]) == (None, None, 0)
    assert tls["ranked_of"] == State.objects.count() - 1


def test_state_filter_keeps_the_rank_among_all_states(api):
    everyone = by_state(rows(api))

    only = rows(api, state="PHL,KHM")

    assert {row["state"] for row in only} == {"PHL", "KHM"}
    for row in only:
        assert row["rank"] == everyone[row["state"]]["rank"]


def test_scores_download_as_csv_with_a_column_per_group(api):
    response = api.get("/api/v1/scores/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(table) == State.objects.count()
    assert set(GROUP_COLUMNS) <= set(table[0])
    assert all(len(name) <= 32 for name in table[0])


def test_one_state_lists_every_indicator_with_status_points_and_source(api):
    response = api.get("/api/v1/scores/khm/")

    assert response.status_code == 200
    data = response.json()
    keys = [indicator["key"] for indicator in data["indicators"]]
    assert keys == [indicator.key for indicator in scoring.CURRENT.indicators]
    nhri = next(i for i in data["indicators"] if i["key"] == "nhri")
    assert (nhri["status"], nhri["points"], nhri["group"]) == ("none", 0.0, "institutions")
    assert nhri["source_id"] and nhri["source_url"].startswith("http")


def test_a_treaty_that_did_not_exist_yet_is_not_applicable_in_a_states_scores(api):
    data = api.get("/api/v1/scores/khm/", {"as_of": "2005-01-01"}).json()

    att = next(i for i in data["indicators"] if i["key"] == "att_2013")
    assert (att["status"], att["points"], att["applicable"]) == ("not_applicable", None, False)


def test_an_unknown_state_is_a_404(api):
    response = api.get("/api/v1/scores/xyz/")

    assert response.status_code == 404
    assert "XYZ" in response.json()["detail"]


# Every answer: the version; the treaties; the eight queries of State.objects.for_scorecard() for
# every state (a rank compares them all).
SCORE_QUERIES = 1 + 1 + 8


@pytest.mark.parametrize(
    ("url", "extra"),
    [
        ("/api/v1/scores/", 0),
        # The codes asked for, checked to exist.
        ("/api/v1/scores/?state=KHM,PHL&as_of=2015-01-01", 1),
        ("/api/v1/scores/phl/?method=1", 0),
    ],
)
def test_scores_cost_a_fixed_number_of_queries(api, django_assert_num_queries, url, extra):
    with django_assert_num_queries(SCORE_QUERIES + extra):
        assert api.get(url).status_code == 200


def test_updated_since_keeps_the_states_whose_facts_changed(api):
    law = State.objects.get(iso3="KHM").laws.first()
    law.notes = "Checked again."
    law.save()

    changed = rows(api, updated_since=law.updated_at.isoformat())

    assert [row["state"] for row in changed] == ["KHM"]
    assert by_state(changed)["KHM"]["rank"] == by_state(rows(api))["KHM"]["rank"]
