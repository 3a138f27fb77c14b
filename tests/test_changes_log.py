"""The public changes log: published changes only, in plain words, with filters."""

import datetime
import re

import pytest
from django.utils import timezone

from commitments.models import Law, State, Treaty, TreatyAction
from commitments.vocabularies import Action, ReviewStatus

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
    khm = _rows(client, state="khm")
    assert khm
    assert all("Cambodia" in row for row in khm)
    treaty = Treaty.objects.order_by("key").first()
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
    html = text(client.get("/changes/", {"kind": "source"}))
    assert 'href="?kind=source&amp;page=2"' in html


@pytest.mark.parametrize("params", [{}, {"state": "khm", "kind": "treatyaction"}])
def test_a_page_of_the_log_costs_seven_queries_filtered_or_not(
    client, dataset, django_assert_num_queries, params
):
    # The data version (for the response cache); the states and the treaties (to choose from,
    # and to name in the rows); the count of changes; the page of changes; the versions before
    # them; and the sources they name.
    with django_assert_num_queries(7):
        assert client.get("/changes/", params).status_code == 200


def test_pending_facts_stay_off_the_feeds(client, ratification):
    for url in ["/changes/feed/", "/countries/khm/feed/"]:
        assert "2024-03-05" not in client.get(url).content.decode()
    assert TreatyAction.objects.get(pk=ratification.pk).review_status == ReviewStatus.PENDING
