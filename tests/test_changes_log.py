"""The public changes log: published changes only, in plain words, with filters."""

import datetime
import re

import pytest
from django.utils import timezone

from commitments import scoring
from commitments.models import (
    FACT_MODELS,
    DatasetLoad,
    Law,
    Source,
    State,
    Treaty,
    TreatyAction,
)
from commitments.vocabularies import Action, ReviewStatus
from tests.helpers import DATASET, checked_again

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def _rows(client, **params) -> list[str]:
    html = text(client.get("/changes/", params))
    return re.findall(r"<tr id=\"change-[a-z]+-\d+\">(.*?)</tr>", html, re.S)


@pytest.fixture
def ratification(dataset, researcher):
    """A Researcher's ratification by a state of a treaty it has not acted on, pending."""
    state = State.objects.get(iso3="KHM")
    acted = TreatyAction.objects.filter(state=state).values("treaty_id")
    treaty = Treaty.objects.exclude(pk__in=acted).order_by("key").first()
    action = TreatyAction(
        state=state,
        treaty=treaty,
        action=Action.RATIFICATION,
        date=datetime.date(2024, 3, 5),
        source=treaty.source,
    )
    action.full_clean()
    action.submit(researcher)
    return action


def test_a_pending_fact_is_not_in_the_log_and_its_publication_is_an_addition(
    client, ratification, editor
):
    sentence = (
        f"{ratification.state.short_name} ratified the {ratification.treaty.short_name} "
        "(2024-03-05)"
    )
    assert not any(sentence in row for row in _rows(client))
    ratification.approve(editor)
    [first, *_] = _rows(client)
    assert sentence in first
    assert "Added" in first


def test_a_proposed_change_is_not_in_the_log_until_approved(client, researcher, editor, dataset):
    law = Law.objects.filter(state__iso3="KHM").first()
    law.title = "A proposed title"
    law.submit(researcher)
    assert not any("A proposed title" in row for row in _rows(client))
    law.approve(editor)
    [first, *_] = _rows(client)
    assert "A proposed title" in first
    assert "Changed" in first


def test_a_rejected_fact_never_reaches_the_log(client, ratification, editor):
    ratification.reject(editor, "Wrong treaty.")
    assert not any("2024-03-05" in row for row in _rows(client, state="khm"))


def test_the_log_filters_by_state_treaty_kind_and_period(client, dataset):
    treaty = Treaty.objects.order_by("key").first()
    checked_again(Law.objects.all())
    checked_again(TreatyAction.objects.filter(treaty=treaty))
    checked_again(TreatyAction.objects.filter(state__iso3="KHM"))
    khm = _rows(client, state="khm")
    assert khm
    assert all("Cambodia" in row for row in khm)
    by_treaty = _rows(client, treaty=treaty.key)
    assert by_treaty
    assert all(treaty.short_name in row for row in by_treaty)
    laws = _rows(client, kind="law")
    assert laws
    assert all("Law" in row for row in laws)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert _rows(client, since=tomorrow.isoformat()) == []
    assert _rows(client, until="2000-01-01") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "yesterday"}, "Enter a date as YYYY-MM-DD"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "cannot come before its start"),
        ({"state": "xyz"}, "Select a valid choice"),
        ({"kind": "password"}, "Select a valid choice"),
    ],
)
def test_a_filter_that_cannot_be_read_is_a_400_with_its_message(client, dataset, params, message):
    response = client.get("/changes/", params)
    assert response.status_code == 400
    assert message in text(response)


def test_pages_of_the_filtered_log_keep_their_filters(client, dataset):
    checked_again(TreatyAction.objects.order_by("pk")[:60])
    html = text(client.get("/changes/", {"kind": "treatyaction"}))
    assert 'href="?kind=treatyaction&amp;page=2"' in html


@pytest.mark.parametrize(
    ("params", "queries"), [({}, 18), ({"state": "khm", "kind": "treatyaction"}, 17)]
)
def test_a_page_of_the_log_costs_the_same_queries_whatever_it_holds(
    client, dataset, django_assert_num_queries, params, queries
):
    checked_again(TreatyAction.objects.filter(state__iso3="KHM"))
    source = TreatyAction.objects.filter(state__iso3="KHM").first().source
    source.title = f"{source.title} (corrected)"
    source.save()
    # The data version (for the response cache); the states and the treaties (to choose from,
    # and to name in the rows); the count of changes; the page of changes; the versions before
    # them; the sources they name; for the totals before and after each change, the versions of
    # the seven kinds of scored fact, the states, the scored treaties and their sources; and,
    # where the page corrects a source, the facts that cite it.
    with django_assert_num_queries(queries):
        assert client.get("/changes/", params).status_code == 200
    # Twice the changes cost the same.
    checked_again(TreatyAction.objects.filter(state__iso3="KHM"))
    with django_assert_num_queries(queries):
        assert client.get("/changes/", {**params, "page": 2}).status_code == 200


def _total(client, iso3: str) -> float | None:
    response = client.get("/api/v1/scores/", {"state": iso3})
    assert response.status_code == 200
    [row] = response.json()["results"]
    return row["total"]


def test_each_change_to_a_scored_fact_says_what_it_did_to_the_total(client, editor):
    # A scored treaty that a state has signed and not joined: joining it raises the total.
    signature = next(
        action
        for action in TreatyAction.objects.filter(
            action=Action.SIGNATURE,
            treaty__key__in=scoring.CURRENT.treaty_keys,
            date__lt=datetime.date(2024, 1, 1),
        ).order_by("state__iso3", "treaty__key")
        if set(
            TreatyAction.objects.filter(state=action.state, treaty=action.treaty).values_list(
                "action", flat=True
            )
        )
        == {Action.SIGNATURE}
    )
    iso3 = signature.state.iso3.lower()
    before = _total(client, iso3)
    ratification = TreatyAction(
        state=signature.state,
        treaty=signature.treaty,
        action=Action.RATIFICATION,
        date=datetime.date(2024, 3, 5),
        source=signature.treaty.source,
    )
    ratification.full_clean()
    ratification.submit(editor)
    after = _total(client, iso3)
    assert before is not None and after is not None and after > before

    [first, *_] = _rows(client)

    assert f"(2024-03-05); total {before:.1f} → {after:.1f}" in re.sub("<[^>]+>", "", first)


def test_a_change_that_moves_no_score_says_so(client, dataset):
    [action] = checked_again(TreatyAction.objects.filter(state__iso3="KHM")[:1])
    total = _total(client, "khm")

    [first, *_] = _rows(client)

    assert f"total unchanged at {total:.1f}" in first
    assert "notes or other details changed" in first


def test_the_first_load_of_the_dataset_is_one_entry(client, dataset):
    rows = _rows(client)
    loaded = sum(model.objects.count() for model in FACT_MODELS)

    assert len(rows) == 1
    assert "Loaded" in rows[0]
    assert f"The dataset files v0.2 were loaded from asean: {loaded:,} rows" in rows[0]
    assert "(1 in all)" in text(client.get("/changes/"))
    # Filtered by state or kind of fact, nothing of it is listed.
    assert _rows(client, state="khm") == []
    assert len(_rows(client, kind="datasetload")) == 1


def test_a_later_load_lists_each_row_it_adds(client, dataset, tmp_path, settings):
    from commitments.importers import load_dataset

    law = Law.objects.filter(state__iso3="KHM").first()
    title = law.title
    law.delete()
    # The deletion is a change of its own; loading again with --replace adds the law back.
    load_dataset(DATASET, replace=True)

    rows = _rows(client)
    assert DatasetLoad.objects.count() == 1
    assert title in rows[0] and "Added" in rows[0]
    assert title in rows[1] and "Deleted" in rows[1]


def test_a_source_correction_is_told_with_the_facts_it_supports(client, dataset):
    law = Law.objects.filter(state__iso3="KHM").first()
    source = Source.objects.create(url="https://example.org/gazette", title="Gazette")
    law.source = source
    law.save()
    # A source cited by nothing is no change a reader sees; nor is its first version.
    Source.objects.create(url="https://example.org/unused", title="Unused").save()
    source.title = "Royal Gazette"
    source.save()

    first, second, *_ = _rows(client)

    assert "Source of 1 fact about Cambodia corrected: “Royal Gazette”" in first
    assert "was “Gazette”" in first
    assert law.title in second
    assert not any("Unused" in row or "“Gazette”" in row for row in _rows(client)[1:])
    assert any("Royal Gazette" in row for row in _rows(client, state="khm"))
    assert not any("Royal Gazette" in row for row in _rows(client, state="idn"))


def test_pending_facts_stay_off_the_feeds(client, ratification):
    for url in ["/changes/feed/", "/countries/khm/feed/"]:
        assert "2024-03-05" not in client.get(url).content.decode()
    assert TreatyAction.objects.get(pk=ratification.pk).review_status == ReviewStatus.PENDING


def test_a_researchers_change_with_the_load_reason_is_still_listed(client, dataset, editor):
    from commitments.importers import INITIAL_LOAD_REASON

    law = Law.objects.filter(state__iso3="KHM").first()
    law.title = "A title saved by a person"
    law._change_reason = INITIAL_LOAD_REASON
    law._history_user = editor
    law.save()

    [first, *_] = _rows(client)

    assert "A title saved by a person" in first
