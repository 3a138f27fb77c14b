"""The API's resources, filters, pagination, ordering and errors, on the real ASEAN dataset."""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Source, TreatyAction
from commitments.vocabularies import Action
from tests import factories
from tests.helpers import LISTS


def rows(api, url, **params):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def participation(api, state, treaty, as_of):
    [row] = rows(api, "/api/v1/participation/", state=state, treaty=treaty, as_of=as_of)
    return row


def test_state_is_found_by_its_iso_code_in_any_letter_case(api):
    response = api.get("/api/v1/states/khm/")
    assert response.status_code == 200
    assert response.json()["iso3"] == "KHM"
    assert response.json()["short_name"] == "Cambodia"
    assert response.json()["source_url"].startswith("http")


def test_unknown_state_code_is_a_json_404_naming_the_code(api):
    response = api.get("/api/v1/states/XYZ/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "XYZ" in response.json()["detail"]


def test_treaty_is_found_by_key_and_unknown_key_is_404(api):
    assert api.get("/api/v1/treaties/rome_statute_1998/").json()["short_name"] == "Rome Statute"
    response = api.get("/api/v1/treaties/no_such_treaty/")
    assert response.status_code == 404
    assert "no_such_treaty" in response.json()["detail"]


@pytest.mark.parametrize("resource", [name for name in LISTS if name != "scores"])
def test_every_row_of_every_collection_names_its_source(api, resource):
    # A row of scores rests on many facts; /scores/{iso3}/ names each indicator's source.
    results = rows(api, f"/api/v1/{resource}/", page_size=1000)
    assert results
    for row in results:
        if resource == "sources":
            assert row["id"] and row["url"].startswith("http")
        elif resource == "participation" and row["status"] == "unknown":
            assert row["source_id"] is None
        else:
            assert row["source_url"].startswith("http"), row
            assert isinstance(row.get("source", row.get("source_id")), int), row


def test_treaty_actions_filter_by_state_and_treaty_in_any_case(api):
    results = rows(api, "/api/v1/treaty-actions/", state="phl", treaty="rome_statute_1998")
    assert [(r["action"], r["date"], r["effective_on"]) for r in results] == [
        ("signature", "2000-12-28", None),
        ("ratification", "2011-08-30", "2011-11-01"),
        ("denunciation", "2018-03-17", "2019-03-17"),
    ]


def test_treaty_actions_filter_by_several_states_action_category_and_dates(api):
    results = rows(
        api,
        "/api/v1/treaty-actions/",
        state="MYS,PHL",
        category="atrocity_crimes",
        date_after="2018-01-01",
        date_before="2019-12-31",
    )
    assert {(r["state"], r["action"]) for r in results} >= {
        ("PHL", "denunciation"),
        ("MYS", "accession"),
        ("MYS", "withdrawal_of_instrument"),
    }
    assert all("2018-01-01" <= r["date"] <= "2019-12-31" for r in results)
    denunciations = rows(api, "/api/v1/treaty-actions/", action="denunciation")
    assert denunciations and {r["action"] for r in denunciations} == {"denunciation"}


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/treaty-actions/?action=ratified", "action"),
        ("/api/v1/treaty-actions/?category=war", "category"),
        ("/api/v1/treaty-actions/?state=XYZ", "state"),
        ("/api/v1/treaty-actions/?treaty=nope", "treaty"),
        ("/api/v1/treaty-actions/?date_after=2019-02-30", "date"),
        ("/api/v1/status-observations/?status=unknown", "status"),
        ("/api/v1/participation/?status=maybe", "status"),
        ("/api/v1/participation/?as_of=15/01/2015", "as_of"),
        ("/api/v1/participation/?as_of=1900-01-01", "as_of"),
        ("/api/v1/laws/?category=poetry", "category"),
        ("/api/v1/focal-points/?network=other", "network"),
        ("/api/v1/accreditations/?status=Z", "status"),
        ("/api/v1/sources/?kind=rumour", "kind"),
        ("/api/v1/treaty-actions/?confidence=certain", "confidence"),
    ],
)
def test_bad_filter_value_is_a_400_naming_the_parameter(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400
    assert parameter in response.json(), response.json()


def test_unknown_choice_message_lists_the_accepted_values(api):
    message = api.get("/api/v1/treaty-actions/?action=ratified").json()["action"][0]
    assert "ratified" in message
    assert "ratification" in message and "accession" in message


def test_malformed_as_of_says_what_is_expected(api):
    response = api.get("/api/v1/participation/?as_of=2015-13-01")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["as_of"][0]


def test_as_of_in_the_future_is_refused(api):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.get(f"/api/v1/participation/?as_of={tomorrow.isoformat()}")
    assert response.status_code == 400
    assert "as_of" in response.json()


def test_philippines_was_party_to_the_rome_statute_until_its_withdrawal_took_effect(api):
    before = participation(api, "PHL", "rome_statute_1998", "2019-03-16")
    assert before["status"] == "party"
    assert before["since"] == "2011-08-30"
    assert before["event_action"] == "ratification"
    assert before["pending_denunciation_effective_on"] == "2019-03-17"

    after = participation(api, "PHL", "rome_statute_1998", "2019-03-17")
    assert after["status"] == "withdrawn"
    assert after["since"] == "2019-03-17"
    assert after["since_precision"] == "day"
    assert after["event_action"] == "denunciation"
    assert after["event_date"] == "2018-03-17"
    assert after["pending_denunciation_effective_on"] is None
    denunciation = TreatyAction.objects.get(pk=after["event_id"])
    assert after["source_id"] == denunciation.source_id
    assert after["source_url"] == denunciation.source.url


def test_malaysia_shows_no_action_after_withdrawing_its_instrument(api):
    assert participation(api, "MYS", "rome_statute_1998", "2019-03-10")["status"] == "party"
    after = participation(api, "MYS", "rome_statute_1998", "2019-04-29")
    assert after["status"] == "no_action"
    assert after["event_action"] == "withdrawal_of_instrument"


def test_rome_statute_parties_among_asean_states_on_1_january_2015(api):
    results = rows(
        api,
        "/api/v1/participation/",
        treaty="rome_statute_1998",
        as_of="2015-01-01",
        status="party",
    )
    assert {r["state"] for r in results} == {"KHM", "PHL", "TLS"}
    assert all(r["as_of"] == "2015-01-01" and r["source_url"] for r in results)


def test_unverified_pair_is_unknown_never_no_action(api):
    row = participation(api, "BRN", "ap1_1977", "")
    assert row["status"] == "unknown"
    assert row["event_id"] is None and row["source_id"] is None


def test_participation_has_one_row_per_state_and_treaty(api):
    response = api.get("/api/v1/participation/", {"page_size": 1000})
    assert response.json()["count"] == 11 * 22
    pairs = {(r["state"], r["treaty"]) for r in response.json()["results"]}
    assert len(pairs) == 11 * 22


def test_participation_filters_by_category_and_several_statuses(api):
    results = rows(
        api,
        "/api/v1/participation/",
        category="atrocity_crimes",
        status=["party", "withdrawn"],
        page_size=1000,
    )
    assert results
    assert {r["category"] for r in results} == {"atrocity_crimes"}
    assert {r["status"] for r in results} <= {"party", "withdrawn"}
    assert ("PHL", "rome_statute_1998") in {(r["state"], r["treaty"]) for r in results}


def test_participation_orders_by_status_then_state(api):
    results = rows(
        api, "/api/v1/participation/", treaty="rome_statute_1998", ordering="-status,state"
    )
    statuses = [r["status"] for r in results]
    assert statuses == sorted(statuses, reverse=True)
    assert api.get("/api/v1/participation/?ordering=colour").status_code == 400


def test_updated_since_returns_only_rows_changed_since(api):
    cutoff = timezone.now()
    factories.TreatyActionFactory(state=factories.StateFactory(iso3="FRA"))
    results = rows(api, "/api/v1/treaty-actions/", updated_since=cutoff.isoformat())
    assert [r["state"] for r in results] == ["FRA"]
    states = rows(api, "/api/v1/states/", updated_since=cutoff.isoformat())
    assert [s["iso3"] for s in states] == ["FRA"]
    sources = rows(api, "/api/v1/sources/", updated_since=cutoff.isoformat())
    assert len(sources) == 3  # the action's, the state's and the treaty's sources


def test_updated_since_on_participation_keeps_pairs_whose_facts_changed(api):
    cutoff = timezone.now()
    action = TreatyAction.objects.get(
        state__iso3="THA", treaty__key="rome_statute_1998", action=Action.SIGNATURE
    )
    action.notes = "Re-checked against the depositary's record."
    action.save()
    results = rows(api, "/api/v1/participation/", updated_since=cutoff.isoformat())
    assert [(r["state"], r["treaty"], r["status"]) for r in results] == [
        ("THA", "rome_statute_1998", "signatory")
    ]


@pytest.mark.parametrize(
    "value", ["last week", "2026-13-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9" * 30]
)
def test_malformed_updated_since_is_a_400_saying_what_is_expected(api, value):
    for resource in LISTS:
        response = api.get(f"/api/v1/{resource}/", {"updated_since": value})
        assert response.status_code == 400, resource
        assert "ISO 8601" in response.json()["updated_since"][0]


def test_updated_since_without_a_time_zone_is_read_as_utc(api):
    later = (timezone.now() + datetime.timedelta(hours=1)).replace(tzinfo=None)
    response = api.get("/api/v1/treaty-actions/", {"updated_since": later.isoformat()})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_lists_are_paginated_with_a_default_page_of_100(api):
    page = api.get("/api/v1/treaty-actions/").json()
    assert page["count"] == TreatyAction.objects.count() > 100
    assert len(page["results"]) == 100
    assert page["previous"] is None
    second = api.get(page["next"]).json()
    assert len(second["results"]) == page["count"] - 100
    ids = [r["id"] for r in page["results"] + second["results"]]
    assert len(set(ids)) == len(ids) == page["count"]


def test_page_size_is_capped_at_1000(api):
    source = Source.objects.first()
    Source.objects.bulk_create(
        Source(
            url=f"https://example.org/{n}",
            title=f"Copy {n}",
            as_of=source.as_of,
            as_of_precision=source.as_of_precision,
        )
        for n in range(1001)
    )
    page = api.get("/api/v1/sources/", {"page_size": 10**9}).json()
    assert len(page["results"]) == 1000
    assert page["next"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_page_that_is_not_a_positive_number_is_a_400(api, page):
    response = api.get("/api/v1/laws/", {"page": page})
    assert response.status_code == 400
    assert "page" in response.json()


def test_page_past_the_end_is_a_json_404(api):
    response = api.get("/api/v1/laws/", {"page": 10**30})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_huge_id_is_a_404_not_a_server_error(api):
    assert api.get(f"/api/v1/treaty-actions/{10**30}/").status_code == 404
    assert api.get("/api/v1/treaty-actions/abc/").status_code == 404


def test_nul_character_in_a_code_or_lookup_is_a_client_error(api):
    response = api.get("/api/v1/treaty-actions/", {"state": "PH\x00L"})
    assert response.status_code == 400
    assert "state" in response.json()
    assert api.get("/api/v1/states/KH%00M/").status_code == 404
    assert api.get("/api/v1/treaties/rome%00/").status_code == 404


def test_ordering_by_date_descending_and_unknown_field_is_a_400(api):
    results = rows(api, "/api/v1/treaty-actions/", ordering="-date", page_size=1000)
    dates = [r["date"] for r in results]
    assert dates == sorted(dates, reverse=True)
    response = api.get("/api/v1/treaty-actions/", {"ordering": "notes"})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_default_order_is_stable_between_requests(api):
    first = [r["id"] for r in rows(api, "/api/v1/status-observations/", page_size=1000)]
    again = [r["id"] for r in rows(api, "/api/v1/status-observations/?ordering=", page_size=1000)]
    assert first == again


def test_nhri_carries_its_accreditation_history_with_sources(api):
    [suhakam] = rows(api, "/api/v1/nhris/", state="MYS")
    assert suhakam["acronym"] == "SUHAKAM"
    assert suhakam["accreditations"]
    for decision in suhakam["accreditations"]:
        assert decision["status"] and decision["source_url"].startswith("http")


def test_timor_leste_is_the_only_state_with_a_focal_point(api):
    results = rows(api, "/api/v1/focal-points/")
    assert {r["state"] for r in results} == {"TLS"}
    assert results[0]["designated_on"] is None


def test_laws_filter_by_state_and_category(api):
    results = rows(api, "/api/v1/laws/", state="KHM", category="atrocity_denial")
    assert [r["enacted_on"] for r in results] == ["2013-06-07"]


def test_unknown_format_is_a_400_naming_the_parameter(api):
    response = api.get("/api/v1/laws/", {"format": "xml"})
    assert response.status_code == 400
    assert "csv" in response.json()["format"][0]
