"""Incremental sync sees everything: deletions are listed, and a derived row counts as updated
when anything it is derived from changed, moved away or was deleted."""

import datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from commitments.models import Law, Source, State, Treaty, TreatyAction
from commitments.vocabularies import Action
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def api(dataset):
    return APIClient()


def deleted(api, **params) -> list[dict]:
    response = api.get("/api/v1/deletions/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def participation_since(api, cutoff: datetime.datetime, **params) -> list[tuple]:
    response = api.get("/api/v1/participation/", {"updated_since": cutoff.isoformat(), **params})
    assert response.status_code == 200, response.content[:300]
    return [(r["state"], r["treaty"], r["status"]) for r in response.json()["results"]]


@pytest.fixture
def myanmar_signed_rome(dataset):
    """Myanmar signed the Rome Statute (a fact added for the test, which one then deletes)."""
    return factories.TreatyActionFactory(
        state=State.objects.get(iso3="MMR"),
        treaty=Treaty.objects.get(key="rome_statute_1998"),
        action=Action.SIGNATURE,
        date=datetime.date(2001, 5, 2),
    )


def test_a_deleted_treaty_action_is_listed_with_its_collection_id_and_time(
    api, myanmar_signed_rome
):
    cutoff = timezone.now()
    row_id = myanmar_signed_rome.pk
    myanmar_signed_rome.delete()

    [deletion] = deleted(api, since=cutoff.isoformat())

    assert deletion["resource"] == "treaty-actions"
    assert deletion["id"] == row_id
    assert deletion["lookup"] == str(row_id)
    assert datetime.datetime.fromisoformat(deletion["deleted_at"]) >= cutoff


def test_a_deleted_state_is_named_by_its_iso_code(api):
    france = factories.StateFactory(iso3="FRA")
    france.delete()
    [deletion] = deleted(api, resource="states")
    assert (deletion["resource"], deletion["lookup"]) == ("states", "FRA")


def test_deletions_before_since_or_of_other_collections_are_left_out(api):
    law = factories.LawFactory()
    law.delete()
    cutoff = timezone.now()
    source = factories.SourceFactory()
    source.delete()

    assert [d["resource"] for d in deleted(api, since=cutoff.isoformat())] == ["sources"]
    assert [d["resource"] for d in deleted(api, resource="laws")] == ["laws"]
    assert {d["resource"] for d in deleted(api, resource="laws,sources")} == {"laws", "sources"}


def test_deletions_are_oldest_first_and_paginated(api):
    laws = [factories.LawFactory(title=f"Law {n}") for n in range(3)]
    ids = [law.pk for law in laws]
    for law in laws:
        law.delete()
    page = api.get("/api/v1/deletions/", {"resource": "laws", "page_size": 2}).json()
    assert page["count"] == 3
    assert [d["id"] for d in page["results"]] == ids[:2]


def test_deletions_are_available_as_csv(api):
    law = factories.LawFactory()
    row_id = law.pk
    law.delete()
    response = api.get("/api/v1/deletions/", {"format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "resource,id,lookup,deleted_at"
    assert lines[1].startswith(f"laws,{row_id},{row_id},")


def test_an_unknown_collection_or_a_malformed_since_is_a_400(api):
    assert "resource" in api.get("/api/v1/deletions/", {"resource": "widgets"}).json()
    assert "since" in api.get("/api/v1/deletions/", {"since": "last week"}).json()


def test_deleting_a_treaty_action_updates_the_pairs_participation(api, myanmar_signed_rome):
    assert (
        api.get("/api/v1/participation/", {"state": "MMR", "treaty": "rome_statute_1998"}).json()[
            "results"
        ][0]["status"]
        == "signatory"
    )
    cutoff = timezone.now()
    myanmar_signed_rome.delete()

    [(state, treaty, status)] = participation_since(api, cutoff)
    assert (state, treaty) == ("MMR", "rome_statute_1998")
    assert status != "signatory"


def test_moving_a_treaty_action_to_another_treaty_updates_both_pairs(api, myanmar_signed_rome):
    cutoff = timezone.now()
    myanmar_signed_rome.treaty = Treaty.objects.get(key="att_2013")
    myanmar_signed_rome.date = datetime.date(2014, 1, 1)
    myanmar_signed_rome.save()

    changed = {(state, treaty) for state, treaty, _ in participation_since(api, cutoff)}
    assert changed == {("MMR", "rome_statute_1998"), ("MMR", "att_2013")}


def test_a_corrected_source_updates_the_rows_that_rest_on_it(api):
    action = TreatyAction.objects.filter(state__iso3="KHM").first()
    cutoff = timezone.now()
    Source.objects.filter(pk=action.source_id).update(updated_at=timezone.now())
    changed = participation_since(api, cutoff, state="KHM")
    assert ("KHM", action.treaty.key) in {(state, treaty) for state, treaty, _ in changed}


def test_a_renamed_treaty_updates_every_row_of_that_treaty(api):
    cutoff = timezone.now()
    treaty = Treaty.objects.get(key="att_2013")
    treaty.short_name = "Arms Trade Treaty (ATT)"
    treaty.save()
    changed = participation_since(api, cutoff, page_size=1000)
    assert {treaty_key for _, treaty_key, _ in changed} == {"att_2013"}
    assert len(changed) == State.objects.count()


def test_an_unrelated_change_leaves_participation_unchanged(api):
    cutoff = timezone.now()
    law = Law.objects.first()
    law.notes = "Checked."
    law.save()
    assert participation_since(api, cutoff) == []


def test_the_feed_entry_of_a_deletion_carries_the_row_id(client, myanmar_signed_rome):
    row_id = myanmar_signed_rome.pk
    myanmar_signed_rome.delete()
    feed = ElementTree.fromstring(client.get("/changes/feed/").content)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.startswith(f"Deleted: treaty action {row_id}: ")
    assert f"treaty-actions id {row_id}" in entry.find(f"{ATOM}summary").text
    terms = {category.get("term") for category in entry.findall(f"{ATOM}category")}
    assert "treaty-actions" in terms
