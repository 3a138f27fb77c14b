"""Filters mean what they say on every collection: a repeated parameter and a comma-separated one
are the same list, an unknown value is a 400 that names it, and every error is JSON."""

import pytest
from rest_framework.test import APIClient

from commitments.models import State
from tests import factories
from tests.helpers import LISTS

# Per collection, each multi-valued filter with two values it accepts.
MULTI_VALUED = [
    ("states", "iso3", ["KHM", "PHL"]),
    ("treaties", "key", ["rome_statute_1998", "genocide_1948"]),
    ("treaties", "category", ["atrocity_crimes", "ihl"]),
    ("treaty-actions", "state", ["KHM", "PHL"]),
    ("treaty-actions", "treaty", ["rome_statute_1998", "genocide_1948"]),
    ("treaty-actions", "action", ["signature", "ratification"]),
    ("treaty-actions", "category", ["atrocity_crimes", "ihl"]),
    ("status-observations", "state", ["KHM", "PHL"]),
    ("status-observations", "status", ["party", "no_action"]),
    ("participation", "state", ["KHM", "PHL"]),
    ("participation", "treaty", ["rome_statute_1998", "genocide_1948"]),
    ("participation", "status", ["party", "signatory"]),
    ("participation", "category", ["atrocity_crimes", "ihl"]),
    ("focal-points", "state", ["TLS", "KHM"]),
    ("nhris", "state", ["PHL", "IDN"]),
    ("accreditations", "state", ["PHL", "IDN"]),
    ("accreditations", "status", ["A", "B"]),
    ("laws", "state", ["KHM", "PHL"]),
    ("laws", "category", ["rome_statute_implementation", "ihl_implementation"]),
    ("sources", "kind", ["official", "press"]),
    ("treaty-actions", "confidence", ["primary", "secondary"]),
    ("institution-observations", "state", ["KHM", "PHL"]),
    ("institution-observations", "indicator", ["nhri", "focal_point"]),
    ("institution-observations", "status", ["none", "A"]),
    ("scores", "state", ["KHM", "PHL"]),
    ("engagements", "state", ["SGP", "IDN"]),
    ("engagements", "kind", ["unga_vote", "unga_r2p_dialogue_statement"]),
    ("upr-recommendations", "state", ["KHM", "IDN"]),
    ("upr-recommendations", "target", ["cped_2006", "nhri"]),
    ("upr-recommendations", "response", ["supported", "noted"]),
    ("upr-recommendations", "cycle", ["1", "2"]),
    ("upr-recommendations", "follow_through", ["delivered", "not_delivered"]),
    ("national-mechanisms", "state", ["MMR", "PHL"]),
    ("regional-events", "body", ["AICHR", "AIPR"]),
]


@pytest.fixture
def api(dataset):
    # Timor-Leste's is the only focal point of the dataset; a second state needs one too.
    factories.FocalPointFactory(state=State.objects.get(iso3="KHM"))
    return APIClient()


def rows(api, resource, query: str) -> list:
    response = api.get(f"/api/v1/{resource}/?page_size=1000&{query}")
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


@pytest.mark.parametrize(("resource", "name", "values"), MULTI_VALUED)
def test_a_repeated_parameter_and_a_comma_separated_one_give_the_same_rows(
    api, resource, name, values
):
    repeated = rows(api, resource, "&".join(f"{name}={value}" for value in values))
    commas = rows(api, resource, f"{name}={','.join(values)}")
    each = [rows(api, resource, f"{name}={value}") for value in values]

    assert repeated == commas
    assert all(each), "every value has rows of its own"
    assert len(repeated) == sum(len(part) for part in each)


def test_participation_of_two_states_holds_both(api):
    answer = rows(api, "participation", "state=KHM&state=PHL")
    assert {row["state"] for row in answer} == {"KHM", "PHL"}


@pytest.mark.parametrize(("resource", "name", "values"), MULTI_VALUED)
def test_an_unknown_value_among_known_ones_is_a_400_that_names_it(api, resource, name, values):
    response = api.get(f"/api/v1/{resource}/", {name: [values[0], "zzz_unknown"]})
    assert response.status_code == 400
    [message] = response.json()[name]
    assert "zzz_unknown" in message.lower()


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("size", ["0", "-5", "ten", "1.5"])
def test_a_page_size_that_is_not_a_positive_whole_number_is_a_400(api, resource, size):
    response = api.get(f"/api/v1/{resource}/", {"page_size": size})
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_pages_name_their_neighbours_in_a_link_header(api):
    first = api.get("/api/v1/treaty-actions/", {"page_size": 10})
    second = api.get("/api/v1/treaty-actions/", {"page_size": 10, "page": 2})
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    assert 'rel="next"' in second["Link"] and 'rel="prev"' in second["Link"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/dataset.zip", {"format": "csv"}),
        ("/api/v1/participation/", {"format": "xlsx"}),
        ("/api/v1/participation/", {"format": "csv", "state": "XYZ"}),
        ("/api/v1/treaty-actions/", {"format": "csv", "updated_since": "yesterday"}),
    ],
)
def test_errors_are_json_whatever_format_was_asked_for(api, url, params):
    response = api.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_an_accept_header_no_renderer_offers_is_a_json_406(api):
    response = api.get("/api/v1/dataset.zip", HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("resource", "fields"),
    [("treaty-actions", ["-date", "state"]), ("participation", ["status", "-state"])],
)
def test_ordering_by_several_fields_takes_repeats_and_commas_alike(api, resource, fields):
    repeated = rows(api, resource, "&".join(f"ordering={field}" for field in fields))
    commas = rows(api, resource, f"ordering={','.join(fields)}")
    first_only = rows(api, resource, f"ordering={fields[0]}")
    assert repeated == commas
    assert repeated != first_only, "the second field breaks the first one's ties"
