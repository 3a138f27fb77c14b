"""The API's engagements, UPR recommendations with what followed, national mechanisms and ASEAN's
regional events: rows, filters, CSV, clear 400s and fixed query counts."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from commitments.models import State, UprRecommendation
from commitments.vocabularies import FollowThrough, UprResponse
from tests import factories
from tests.helpers import body

MORE = ["FRA", "DEU", "JPN", "KOR", "IND"]


def rows(api, resource, **params):
    response = api.get(f"/api/v1/{resource}/", {"page_size": 1000, **params})
    assert response.status_code == 200, body(response)[:300]
    return response.json()["results"]


def test_the_vote_on_resolution_75_277_is_listed_with_each_states_vote(api):
    votes = {r["state"]: r["vote"] for r in rows(api, "engagements", kind="unga_vote")}
    assert votes["IDN"] == "no"
    assert votes["SGP"] == "abstain"
    assert votes["MYS"] == "yes"


def test_a_statement_links_to_its_text_and_names_its_source(api):
    (statement,) = [
        r
        for r in rows(api, "engagements", state="SGP", kind="unga_r2p_dialogue_statement")
        if r["date"] == "2009-07-23"
    ]
    assert statement["url"].startswith("https://")
    assert statement["source_url"].startswith("https://")
    assert statement["vote"] == ""


def test_each_recommendation_carries_its_follow_through_and_the_date_it_is_for(api):
    found = rows(api, "upr-recommendations", state="KHM", target="cped_2006", cycle="1")
    assert found
    for row in found:
        assert row["follow_through"] == FollowThrough.DELIVERED
        assert row["follow_through_since"] == "2013-06-27"
        assert row["follow_through_years"] == 4
        assert row["follow_through_as_of"] == timezone.localdate().isoformat()


def test_follow_through_is_derived_on_as_of(api):
    found = rows(
        api, "upr-recommendations", state="MYS", target="rome_statute_1998", cycle=3
    ) + rows(
        api,
        "upr-recommendations",
        state="MYS",
        target="rome_statute_1998",
        cycle=3,
        as_of="2019-04-01",
    )
    assert [r["follow_through"] for r in found] == [
        FollowThrough.REVERSED,
        FollowThrough.DELIVERED,
    ]
    assert found[1]["follow_through_as_of"] == "2019-04-01"


def test_as_of_lists_only_recommendations_made_by_then(api):
    made = rows(api, "upr-recommendations", state="MYS", as_of="2010-01-01")
    assert made
    assert {r["review_date"][:4] for r in made} == {"2009"}


def test_filters_take_repeats_and_commas_alike(api):
    commas = rows(api, "upr-recommendations", state="IDN,KHM", response="supported,noted")
    repeated = api.get(
        "/api/v1/upr-recommendations/?state=IDN&state=khm&response=supported&response=noted"
        "&page_size=1000"
    ).json()["results"]
    assert {r["id"] for r in commas} == {r["id"] for r in repeated}
    assert {r["state"] for r in commas} == {"IDN", "KHM"}
    expected = UprRecommendation.objects.filter(
        state__iso3__in=["IDN", "KHM"],
        response__in=[UprResponse.SUPPORTED, UprResponse.NOTED],
    ).count()
    assert len(commas) == expected


def test_follow_through_filter_keeps_only_that_outcome(api):
    found = rows(api, "upr-recommendations", follow_through="reversed,delivered")
    assert found
    assert {r["follow_through"] for r in found} <= {"reversed", "delivered"}
    assert any(r["state"] == "MYS" and r["target"] == "rome_statute_1998" for r in found)
    assert not any(r["state"] == "IDN" and r["target"] == "rome_statute_1998" for r in found)


def test_a_non_treaty_target_is_a_valid_filter(api):
    found = rows(api, "upr-recommendations", target="nhri")
    assert found and {r["target"] for r in found} == {"nhri"}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"target": "atlantis_treaty"}, "target"),
        ({"cycle": "first"}, "cycle"),
        ({"cycle": "0"}, "cycle"),
        ({"follow_through": "kept"}, "follow_through"),
        ({"as_of": "2019-13-01"}, "as_of"),
        ({"as_of": "2999-01-01"}, "as_of"),
        ({"response": "rejected"}, "response"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, params, parameter):
    response = api.get("/api/v1/upr-recommendations/", params)
    assert response.status_code == 400
    assert parameter in response.json()


def test_recommendations_as_csv_hold_every_row_with_its_follow_through(api):
    response = api.get("/api/v1/upr-recommendations/", {"format": "csv", "state": "IDN"})
    assert response.status_code == 200
    table = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(table) == UprRecommendation.objects.filter(state__iso3="IDN").count()
    rome = [r for r in table if r["target"] == "rome_statute_1998" and r["cycle"] in "12"]
    assert {r["follow_through"] for r in rome} == {"not_delivered"}


def test_one_recommendation_has_its_follow_through_too(api):
    pledge = UprRecommendation.objects.get(state__iso3="MYS", cycle=3, target="rome_statute_1998")
    response = api.get(f"/api/v1/upr-recommendations/{pledge.pk}/")
    assert response.status_code == 200
    assert response.json()["follow_through"] == FollowThrough.REVERSED
    assert response.json()["follow_through_since"] == "2019-04-29"


def test_regional_events_and_national_mechanisms_are_listed_by_body_and_state(api):
    aichr = rows(api, "regional-events", body="AICHR")
    assert aichr and {r["body"] for r in aichr} == {"AICHR"}
    assert "2009-10-23" in {r["date"] for r in aichr}
    early = rows(api, "national-mechanisms", kind="early_warning")
    assert {r["state"] for r in early} == {"PHL"}


def add_states_with_recommendations(codes):
    treaty = factories.TreatyFactory()
    source = factories.SourceFactory()
    for code in codes:
        state = factories.StateFactory(iso3=code)
        factories.TreatyActionFactory(
            state=state, treaty=treaty, action="accession", date=datetime.date(2012, 1, 1)
        )
        nhri = factories.NHRIFactory(state=state)
        factories.AccreditationFactory(nhri=nhri)
        for paragraph in ("1.1", "1.2"):
            UprRecommendation.objects.create(
                state=state,
                cycle=1,
                review_date=datetime.date(2010, 5, 1),
                recommending_states="France",
                recommendation="Accede",
                target=treaty.key,
                response=UprResponse.SUPPORTED,
                document="A/HRC/1/1",
                paragraph=paragraph,
                source=source,
            )


def list_recommendations(api, **params):
    response = api.get("/api/v1/upr-recommendations/", {"page_size": 1000, **params})
    assert response.status_code == 200, body(response)[:300]
    return response.json()


# version, COUNT, the page with its state and source; then the follow-through's facts: treaties,
# the states on the page, their actions, observations, focal points, NHRIs, accreditations, laws
# and institution observations.
UPR_QUERIES = 12


@pytest.mark.parametrize("params", [{}, {"follow_through": "delivered"}])
def test_recommendations_query_count_is_the_same_for_one_state_and_for_many(
    api, django_assert_num_queries, params
):
    # With follow_through, the filtered rows are read once for the derivation: no COUNT.
    queries = UPR_QUERIES - 1 if params else UPR_QUERIES
    with django_assert_num_queries(queries):
        list_recommendations(api, **params)
    add_states_with_recommendations(MORE[:1])
    with django_assert_num_queries(queries):
        list_recommendations(api, **params)
    add_states_with_recommendations(MORE[1:])
    with django_assert_num_queries(queries):
        found = list_recommendations(api, **params)
    assert State.objects.count() == 11 + len(MORE)
    if not params:
        assert {r["state"] for r in found["results"]} >= set(MORE)


@pytest.mark.parametrize("resource", ["engagements", "national-mechanisms", "regional-events"])
def test_event_lists_query_count_is_fixed(api, django_assert_num_queries, resource):
    # version, COUNT, the page with its state and source joined in
    with django_assert_num_queries(3):
        rows(api, resource)
