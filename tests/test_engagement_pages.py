"""Promises, engagement and ASEAN's own commitments on the pages: what a reader sees, and the
queries each page costs whatever the number of states, recommendations and engagements."""

import datetime

import pytest

from commitments.vocabularies import Action, EngagementKind, ReviewStatus, UprResponse, Vote
from tests import factories
from tests.helpers import body

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The text of the section whose heading has `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def row_of(html: str, label: str) -> str:
    """The table row that starts at the first `label` in `html`."""
    row = html[html.index(label) :]
    return row[: row.index("</tr>")]


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return body(response).decode()


def test_cambodias_scorecard_shows_the_disappearance_convention_delivered_after_four_years(
    client,
):
    promises = section(text(client, "/countries/khm/"), "promises-heading")
    row = row_of(promises, ">CPED<")
    assert "delivered" in row
    assert "2013-06-27" in row
    assert "4 years after the promise" in row


def test_malaysias_scorecard_shows_its_rome_statute_promise_reversed(client):
    promises = section(text(client, "/countries/mys/"), "promises-heading")
    row = row_of(promises, "Rome Statute")
    assert "reversed" in row
    assert "2019-04-29" in row
    assert "a pledge of its own" in row


def test_indonesias_scorecard_shows_its_rome_statute_promises_not_delivered(client):
    promises = section(text(client, "/countries/idn/"), "promises-heading")
    row = row_of(promises, "Rome Statute")
    assert "not delivered" in row
    assert "years on" in row


def test_before_a_recommendation_was_made_the_scorecard_does_not_show_it(client):
    promises = section(text(client, "/countries/mys/?as_of=2009-01-01"), "promises-heading")
    assert "Rome Statute" not in promises
    assert "unknown, not a sign that none was made" in promises


def test_the_engagement_list_links_statements_to_their_text_and_shows_votes(client):
    engagement = section(text(client, "/countries/idn/"), "engagement-heading")
    assert "A/RES/75/277" in engagement
    assert "voted no" in engagement
    singapore = section(text(client, "/countries/sgp/"), "engagement-heading")
    assert 'href="https://mfa.gov.sg/' in singapore
    assert "Founding member of the Group of Friends" in singapore


def test_national_dialogues_and_early_warning_are_in_the_engagement_list(client):
    philippines = section(text(client, "/countries/phl/"), "engagement-heading")
    assert "Comprehensive Agreement on the Bangsamoro" in philippines
    assert "Early warning" in philippines


def test_a_state_with_no_engagement_on_record_is_unknown_not_absent(client):
    brunei = section(text(client, "/countries/brn/"), "engagement-heading")
    assert "No engagement is on record by this date" in brunei


def test_the_overview_shows_promises_delivered_statements_and_the_vote(client):
    figures = section(text(client, "/"), "engagement-figures-heading")
    indonesia = row_of(figures, "Indonesia")
    assert "no" in indonesia.split("<td>")[-1]
    cambodia = row_of(figures, "Cambodia")
    assert " of " in cambodia
    assert "not recorded" in row_of(figures, "Brunei")


def test_the_treaty_page_shows_how_often_each_state_was_recommended_to_join(client):
    upr = section(text(client, "/treaties/rome_statute_1998/"), "upr-heading")
    indonesia = row_of(upr, "Indonesia")
    assert "since 2008" in indonesia
    assert "not delivered" in indonesia


def test_the_asean_page_lists_the_bodies_milestones_and_actip_across_the_states(client):
    page = text(client, "/asean/")
    aichr = section(page, "body-aichr-heading")
    assert "2009-10-23" in aichr
    assert "Inauguration of the ASEAN Intergovernmental Commission on Human Rights" in aichr
    assert "Mainstreaming the Responsibility to Protect" in section(page, "panel-heading")
    actip = section(page, "actip-heading")
    assert "party" in row_of(actip, "Viet Nam")
    assert 'href="/treaties/actip_2015/' in actip


def test_the_asean_page_on_an_earlier_date_leaves_out_later_milestones(client):
    page = text(client, "/asean/?as_of=2010-01-01")
    assert "2009-10-23" in section(page, "body-aichr-heading")
    assert "Host Country Agreement" not in section(page, "body-aipr-heading")


def test_a_malformed_date_on_the_asean_page_is_a_visible_400(client):
    response = client.get("/asean/?as_of=someday")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in body(response).decode()


def _add_states_with_promises_and_engagement() -> None:
    for iso3 in ["FRA", "DEU", "JPN"]:
        state = factories.StateFactory(iso3=iso3)
        for response in UprResponse.SUPPORTED, UprResponse.NOTED:
            factories.UprRecommendationFactory(state=state, response=response)
        factories.UprRecommendationFactory(state=state, target="nhri")
        factories.EngagementFactory(state=state)
        factories.EngagementFactory(
            state=state,
            kind=EngagementKind.UNGA_VOTE,
            vote=Vote.YES,
            title="A/RES/75/277 (A/75/L.82) on the responsibility to protect",
        )
        factories.NationalMechanismFactory(state=state)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Treaties, states and the nine prefetches of State.objects.for_promises(), the data
        # version, the latest release, the newest date a source speaks for.
        ("/", 15),
        # As tests/test_pages.py counts a scorecard with nothing kept: the same whatever the
        # number of states, promises and engagements.
        ("/countries/phl/", 26),
        # The treaty, states, its actions and observations, the data version, the latest release,
        # the newest date a source speaks for, the recommendations to join it.
        ("/treaties/rome_statute_1998/", 8),
        ("/asean/", 8),
    ],
)
def test_promise_pages_cost_the_same_queries_with_more_states_and_promises(
    client, django_assert_num_queries, url, queries
):
    factories.StateFactory(iso3="FRA")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _add_states_with_promises_and_engagement()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_overview_counts_a_promise_delivered_on_a_treaty_no_score_reads(client):
    # The overview loads the actions of the scored treaties and of those a recommendation
    # names, not of every treaty: a treaty only a promise names still counts.
    state = factories.StateFactory(iso3="FRA")
    treaty = factories.TreatyFactory()
    factories.UprRecommendationFactory(
        state=state, target=treaty.key, review_status=ReviewStatus.PUBLISHED
    )
    figures = section(text(client, "/"), "engagement-figures-heading")
    assert "<td>0 of 1</td>" in row_of(figures, state.short_name)

    factories.TreatyActionFactory(
        state=state, treaty=treaty, action=Action.ACCESSION, date=datetime.date(2012, 3, 1)
    )

    figures = section(text(client, "/"), "engagement-figures-heading")
    assert "<td>1 of 1</td>" in row_of(figures, state.short_name)
