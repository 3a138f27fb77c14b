"""Every endpoint runs a fixed number of SQL queries, whatever the number of rows or states.

Each count is followed by the queries it names. "version" is the data version
(commitments/versioning.py), which every read needs first, for its ETag and the response cache.
"""

import datetime

import pytest

from commitments.models import (
    Accreditation,
    FocalPoint,
    Law,
    NationalHumanRightsInstitution,
    StatusObservation,
    TreatyAction,
)
from commitments.vocabularies import Action
from tests import factories
from tests.helpers import PARTICIPATION_QUERIES, body

MANY = ["FRA", "DEU", "JPN", "KOR", "IND", "AUS", "NZL", "CAN", "BRA", "ZAF"]


def add_states_with_facts(codes):
    """More states, each with actions, observations, an NHRI with decisions, laws, a focal point."""
    treaty = factories.TreatyFactory()
    for code in codes:
        state = factories.StateFactory(iso3=code)
        factories.TreatyActionFactory(state=state, treaty=treaty)
        factories.TreatyActionFactory(
            state=state, treaty=treaty, action=Action.RATIFICATION, date=datetime.date(2003, 1, 1)
        )
        factories.StatusObservationFactory(state=state, treaty=treaty)
        nhri = factories.NHRIFactory(state=state)
        factories.AccreditationFactory(nhri=nhri)
        factories.AccreditationFactory(nhri=nhri, decided_on=datetime.date(2020, 3, 1))
        factories.LawFactory(state=state)
        factories.FocalPointFactory(state=state)


def get(api, url, **params):
    response = api.get(url, params)
    assert response.status_code == 200, body(response)[:300]
    body(response)
    return response


LIST_QUERIES = [
    # version, COUNT, the page with its state, treaty and source joined in
    ("states", 3),
    ("treaties", 3),
    ("treaty-actions", 3),
    ("status-observations", 3),
    ("focal-points", 3),
    ("accreditations", 3),
    ("laws", 3),
    ("sources", 3),
    # version, COUNT, the page, the page's accreditations with their sources
    ("nhris", 4),
]


@pytest.mark.parametrize(("resource", "queries"), LIST_QUERIES)
def test_list_query_count_is_fixed(api, django_assert_num_queries, resource, queries):
    with django_assert_num_queries(queries):
        get(api, f"/api/v1/{resource}/", page_size=1000)


@pytest.mark.parametrize(("resource", "queries"), LIST_QUERIES)
def test_list_query_count_is_the_same_for_one_state_and_for_many(
    api, django_assert_num_queries, resource, queries
):
    add_states_with_facts(MANY[:1])
    with django_assert_num_queries(queries):
        get(api, f"/api/v1/{resource}/", page_size=1000)
    add_states_with_facts(MANY[1:])
    with django_assert_num_queries(queries):
        get(api, f"/api/v1/{resource}/", page_size=1000)


def detail_urls():
    """Each detail URL and its queries: the version, the row with what it joins, then any more."""
    action = TreatyAction.objects.first()
    nhri = NationalHumanRightsInstitution.objects.first()
    one = {
        "status-observations": StatusObservation,
        "focal-points": FocalPoint,
        "accreditations": Accreditation,
        "laws": Law,
    }
    return {
        "/api/v1/states/khm/": 2,
        "/api/v1/treaties/rome_statute_1998/": 2,
        f"/api/v1/treaty-actions/{action.pk}/": 2,
        f"/api/v1/sources/{action.source_id}/": 2,
        # version, the institution, its accreditations with their sources
        f"/api/v1/nhris/{nhri.pk}/": 3,
        **{f"/api/v1/{path}/{model.objects.first().pk}/": 2 for path, model in one.items()},
    }


def test_detail_query_counts_are_fixed(api, django_assert_num_queries):
    for url, queries in detail_urls().items():
        with django_assert_num_queries(queries):
            get(api, url)


def test_each_code_filter_adds_one_query_to_check_the_codes(api, django_assert_num_queries):
    # version, the state codes checked, the treaty keys checked, COUNT, the page
    with django_assert_num_queries(5):
        get(api, "/api/v1/treaty-actions/", state="PHL,MYS", treaty="rome_statute_1998")


def test_participation_for_every_pair_on_a_past_date_is_six_queries(api, django_assert_num_queries):
    with django_assert_num_queries(PARTICIPATION_QUERIES):
        response = get(api, "/api/v1/participation/", as_of="2015-01-01", page_size=1000)
    assert response.json()["count"] == 11 * 22


def test_participation_query_count_is_the_same_for_one_state_and_for_many(
    api, django_assert_num_queries
):
    add_states_with_facts(MANY[:1])
    with django_assert_num_queries(PARTICIPATION_QUERIES):
        one = get(api, "/api/v1/participation/", page_size=1000)
    add_states_with_facts(MANY[1:])
    with django_assert_num_queries(PARTICIPATION_QUERIES):
        many = get(api, "/api/v1/participation/", page_size=1000)
    assert many.json()["count"] > one.json()["count"]


def test_participation_filtered_by_state_and_treaty(api, django_assert_num_queries):
    # the state codes checked, the treaty keys checked, then the six above
    with django_assert_num_queries(PARTICIPATION_QUERIES + 2):
        get(api, "/api/v1/participation/", state="PHL", treaty="rome_statute_1998")


@pytest.mark.parametrize(
    ("resource", "queries"),
    [
        ("treaty-actions", 2),  # version, every action with state, treaty and source
        ("nhris", 3),  # version, every institution, their accreditations
        ("participation", PARTICIPATION_QUERIES),
    ],
)
def test_csv_download_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, resource, queries
):
    with django_assert_num_queries(queries):
        get(api, f"/api/v1/{resource}/", format="csv")
    add_states_with_facts(MANY)
    with django_assert_num_queries(queries):
        get(api, f"/api/v1/{resource}/", format="csv")


def test_unchanged_csv_download_costs_one_query(api, django_assert_num_queries):
    etag = get(api, "/api/v1/participation/", format="csv")["ETag"]
    with django_assert_num_queries(1):  # version
        response = api.get("/api/v1/participation/?format=csv", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_cached_dataset_download_costs_one_query(api, django_assert_num_queries):
    get(api, "/api/v1/dataset.zip")
    with django_assert_num_queries(1):  # version
        api.get("/api/v1/dataset.zip", HTTP_ACCEPT="application/zip")


# version; sources; states; treaties; treaty actions; status observations; participation (the
# treaties, the states, the history of the pairs' facts, and the actions and observations through
# two cursors); focal points; institutions, and their published accreditations with their
# sources; accreditations; institution observations; laws; engagements; UPR recommendations and
# their follow-through (the recommendations, the treaties, and every state's facts: the states and
# the seven prefetches of State.objects.for_scorecard()); national mechanisms; regional events;
# the scores and the panel (each the treaties and the eight of State.objects.for_scorecard())
BUNDLE_QUERIES = 1 + 5 + 5 + 1 + 2 + 1 + 1 + 1 + 1 + (1 + 1 + 8) + 1 + 1 + (1 + 8) + (1 + 8)


def test_building_the_dataset_costs_the_same_queries_for_one_state_and_for_many(
    api, django_assert_num_queries
):
    add_states_with_facts(MANY[:1])
    with django_assert_num_queries(BUNDLE_QUERIES):
        get(api, "/api/v1/dataset.zip")
    add_states_with_facts(MANY[1:])
    with django_assert_num_queries(BUNDLE_QUERIES):
        get(api, "/api/v1/dataset.zip")
