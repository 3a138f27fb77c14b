"""The public pages through the Django test client: what a reader sees, and what each page costs."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from commitments import scoring
from commitments.models import Law, State, Treaty, TreatyAction
from commitments.views import CHANGES_PER_PAGE
from commitments.vocabularies import Action
from tests.factories import (
    AccreditationFactory,
    FocalPointFactory,
    LawFactory,
    NHRIFactory,
    StateFactory,
    StatusObservationFactory,
    TreatyActionFactory,
    TreatyFactory,
)
from tests.helpers import checked_again

pytestmark = pytest.mark.usefixtures("dataset")

ATOM = "{http://www.w3.org/2005/Atom}"


def text(response) -> str:
    return response.content.decode()


def indicator_status(html: str, label: str) -> str:
    """The status printed beside an indicator on a scorecard."""
    match = re.search(
        rf">{re.escape(label)}(?:</a>)?</th>\s*<td><span class=\"status [\w-]+\">([^<]+)</span>",
        html,
    )
    assert match, f"no indicator row for {label}"
    return match[1]


def state_status(html: str, state: str) -> str:
    """The status printed beside a state on a treaty page."""
    match = re.search(
        rf">{re.escape(state)}</a></th>\s*<td><span class=\"status [\w-]+\">([^<]+)</span>", html
    )
    assert match, f"no row for {state}"
    return match[1]


# The overview


def test_overview_lists_every_state_with_total_and_coverage(client):
    response = client.get("/")

    html = text(response)
    assert response.status_code == 200
    for state in State.objects.all():
        assert f">{state.short_name}</a></th>" in html
    assert html.count('class="num total"') == State.objects.count()
    assert f"/{len(scoring.INDICATORS)}</td>" in html


def test_overview_explains_r2p_and_says_how_current_the_data_is(client):
    html = text(client.get("/"))

    assert "Responsibility to Protect" in html
    assert "2005 World Summit" in html
    assert "Data checked up to" in html


def test_overview_matrix_writes_unknown_cells_out(client):
    html = text(client.get("/"))

    assert re.search(r'<td class="status status-unknown">unknown</td>', html)


def test_overview_reads_best_rank_first_and_reverses_through_plain_links(client):
    html = text(client.get("/"))
    assert 'href="?sort=total"' in html

    for page in [html, text(client.get("/?sort=-total"))]:
        totals = [float(value) for value in re.findall(r'class="num total">([\d.]+)<', page)]
        assert len(totals) > 1
        assert totals == sorted(totals, reverse=True)
    ascending = text(client.get("/?sort=total"))
    totals = [float(value) for value in re.findall(r'class="num total">([\d.]+)<', ascending)]
    assert totals == sorted(totals)


def test_overview_sorted_by_name_reads_a_to_z_and_reverses(client):
    ascending = re.findall(
        r'<th scope="row"><a href="/countries/\w+/">([^<]+)</a>',
        text(client.get("/?sort=name")),
    )
    descending = re.findall(
        r'<th scope="row"><a href="/countries/\w+/">([^<]+)</a>', text(client.get("/?sort=-name"))
    )

    # Within each part of the table: the ranked states first, then those with insufficient data.
    ranked = _ranked_names()
    assert ascending[: len(ranked)] == sorted(ranked)
    assert descending[: len(ranked)] == sorted(ranked, reverse=True)
    assert sorted(ascending[: State.objects.count()]) == sorted(
        State.objects.values_list("short_name", flat=True)
    )


def _ranked_names() -> list[str]:
    today = timezone.localdate()
    treaties = list(Treaty.objects.all())
    return [
        state.short_name
        for state in State.objects.for_scorecard()
        if scoring.score_state(state, treaties, today, today).total is not None
    ]


def test_overview_says_which_way_the_active_sort_runs(client):
    assert "rank and total score (highest first)" in text(client.get("/"))
    assert "name (A to Z)" in text(client.get("/?sort=name"))
    assert "name (Z to A)" in text(client.get("/?sort=-name"))
    assert "rank and total score (lowest first)" in text(client.get("/?sort=total"))


def test_scorecard_on_a_past_date_leaves_out_later_laws_and_decisions(client):
    later_law = Law.objects.get(state__iso3="PHL", number="RA 11188")

    today_html = text(client.get("/countries/phl/"))
    past_html = text(client.get("/countries/phl/", {"as_of": "2015-01-01"}))

    assert later_law.title in today_html
    assert later_law.title not in past_html
    assert "2023-03" in today_html
    assert "GANHRI accreditation history" not in past_html


def test_overview_ignores_an_unknown_sort_key(client):
    assert client.get("/?sort=drop_table").status_code == 200


def test_overview_on_a_past_date_links_to_scorecards_on_that_date(client):
    html = text(client.get("/?as_of=2015-01-01"))

    assert 'href="/countries/phl/?as_of=2015-01-01"' in html
    assert "Ranks and scores as of 2015-01-01" in html


# The country scorecard


def test_philippines_shows_rome_statute_withdrawn_today(client):
    html = text(client.get("/countries/phl/"))

    assert indicator_status(html, "Rome Statute") == "withdrawn"
    assert "2019-03-17" in html


def test_philippines_shows_rome_statute_party_on_a_past_date(client):
    response = client.get("/countries/phl/", {"as_of": "2015-01-01"})

    html = text(response)
    assert response.status_code == 200
    assert indicator_status(html, "Rome Statute") == "party"
    assert "The record as it stood on 2015-01-01" in html


def test_cambodia_is_a_rome_statute_party_since_its_ratification(client):
    html = text(client.get("/countries/khm/"))

    assert indicator_status(html, "Rome Statute") == "party"
    assert "Ratification 2002-04-11" in html


def test_unverified_indicator_reads_unknown(client):
    html = text(client.get("/countries/brn/"))

    assert indicator_status(html, "Additional Protocol I") == "unknown"


def test_scorecard_links_each_status_to_its_source(client):
    denunciation = TreatyAction.objects.select_related("source").get(
        state__iso3="PHL", treaty__key="rome_statute_1998", action=Action.DENUNCIATION
    )

    html = text(client.get("/countries/phl/"))

    assert f'href="{denunciation.source.url}"' in html


def test_scorecard_lists_laws_with_their_sources(client):
    law = Law.objects.select_related("source").filter(state__iso3="PHL").first()

    html = text(client.get("/countries/phl/"))

    assert law.title in html
    assert f'href="{law.source.url}"' in html


def test_scorecard_shows_the_timor_leste_focal_point_and_nhri_history(client):
    html = text(client.get("/countries/tls/"))

    assert indicator_status(html, "National R2P focal point") == "designated"
    assert "GANHRI accreditation history" in html
    assert "PDHJ" in html


def test_scorecard_shows_group_scores_beside_the_asean_median(client):
    html = text(client.get("/countries/khm/"))

    assert html.count("ASEAN median") >= 2
    for group in scoring.GROUPS:
        assert str(group.label) in html


def test_scorecard_group_chart_is_svg_with_a_table_behind_it(client):
    html = text(client.get("/countries/khm/"))

    assert '<svg class="chart bar-chart"' in html
    assert 'aria-labelledby="bars-title"' in html
    assert 'id="groups-caption"' in html
    assert '<svg class="chart timeline"' in html
    assert 'id="timeline-caption"' in html


def test_iso3_is_case_insensitive(client):
    assert client.get("/countries/KHM/").status_code == 200
    assert client.get("/countries/Khm/").status_code == 200


def test_unknown_country_is_a_404_page_in_the_site_style(client):
    response = client.get("/countries/xyz/")

    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "/countries/khm/" in text(response)


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("not-a-date", "Enter a date as YYYY-MM-DD"),
        ("2015-13-45", "Enter a date as YYYY-MM-DD"),
        ("1900-01-01", "Choose a date from 1945-01-01"),
        ("2999-01-01", "Choose a date from 1945-01-01"),
    ],
)
def test_invalid_as_of_is_a_400_with_a_clear_message(client, as_of, message):
    response = client.get("/countries/khm/", {"as_of": as_of})

    html = text(response)
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "Showing the record as of today" in html


def test_invalid_as_of_on_the_overview_and_treaty_pages_is_a_400(client):
    assert client.get("/", {"as_of": "yesterday"}).status_code == 400
    assert client.get("/treaties/rome_statute_1998/", {"as_of": "yesterday"}).status_code == 400


def test_cite_this_page_names_title_url_data_version_and_dates(client):
    response = client.get("/countries/khm/", {"as_of": "2015-01-01"})

    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', text(response), re.S)[1]
    assert "Cambodia: R2P commitments scorecard" in citation
    assert "http://testserver/countries/khm/?as_of=2015-01-01" in citation
    assert "Data version 20" in citation
    assert f"Accessed {timezone.localdate().isoformat()}" in citation
    assert scoring.METHOD_VERSION in citation


def test_scorecard_links_to_the_same_data_in_the_api(client):
    html = text(client.get("/countries/khm/"))

    assert 'href="/api/v1/participation/?state=KHM&amp;format=csv"' in html
    assert 'href="/api/v1/participation/?state=KHM&amp;format=json"' in html
    assert 'href="/countries/khm/feed/"' in html


def test_pages_have_one_h1_a_language_and_a_skip_link(client):
    for url in [
        "/",
        "/countries/khm/",
        "/treaties/cat_1984/",
        "/methodology/",
        "/changes/",
        "/data/",
    ]:
        html = text(client.get(url))
        assert html.count("<h1") == 1, url
        assert '<html lang="en">' in html, url
        assert 'href="#main"' in html, url


def test_pages_carry_no_inline_style_or_script(client):
    for url in ["/", "/countries/phl/", "/treaties/rome_statute_1998/", "/countries/phl/embed/"]:
        html = text(client.get(url))
        assert "style=" not in html, url
        scripts = re.findall(r"<script[^>]*>", html)
        assert all(re.search(r' src="/static/[^"]+\.js"', tag) for tag in scripts), url


# Framing


def test_only_the_embed_page_may_be_framed(client):
    page = client.get("/countries/khm/")
    embed = client.get("/countries/khm/embed/")

    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    # Everything else in the policy stays as strict as on every other page.
    assert (
        embed.headers["Content-Security-Policy"].replace(
            "frame-ancestors *", "frame-ancestors 'none'"
        )
        == page.headers["Content-Security-Policy"]
    )


def test_embed_shows_total_coverage_and_a_link_to_the_full_scorecard(client):
    response = client.get("/countries/phl/embed/", {"as_of": "2015-01-01"})

    html = text(response)
    assert response.status_code == 200
    assert "Philippines" in html
    assert 'href="/countries/phl/?as_of=2015-01-01"' in html
    assert f"/{len(scoring.INDICATORS)}" in html


def test_embed_of_an_unknown_country_is_a_404(client):
    assert client.get("/countries/xyz/embed/").status_code == 404


# Treaty pages


def test_treaty_page_groups_states_by_status_with_sources(client):
    response = client.get("/treaties/rome_statute_1998/")

    html = text(response)
    assert response.status_code == 200
    assert state_status(html, "Philippines") == "withdrawn"
    assert state_status(html, "Cambodia") == "party"
    assert state_status(html, "Malaysia") == "no action"
    assert 'rel="external noopener"' in html


def test_treaty_page_on_a_past_date(client):
    html = text(client.get("/treaties/rome_statute_1998/", {"as_of": "2015-01-01"}))

    assert state_status(html, "Philippines") == "party"
    assert "As it stood on 2015-01-01" in html


def test_treaty_page_has_a_ratification_timeline_with_a_table(client):
    html = text(client.get("/treaties/rome_statute_1998/"))

    assert '<svg class="chart timeline"' in html
    assert "2011-08-30" in html


def test_unknown_treaty_is_a_404(client):
    assert client.get("/treaties/no_such_treaty/").status_code == 404


# Methodology, changes, data, errors


def test_methodology_is_generated_from_the_scoring_constants(client):
    html = text(client.get("/methodology/"))

    assert scoring.METHOD_VERSION in html
    for group in scoring.GROUPS:
        assert str(group.label) in html
        for indicator in group.indicators:
            assert f"<code>{indicator.key}</code>" in html
    for rule in scoring.CURRENT.rules:
        assert str(rule).replace("'", "&#x27;") in html


def test_changes_lists_changes_with_sources_and_pages(client):
    _recent_changes()
    response = client.get("/changes/")

    html = text(response)
    assert response.status_code == 200
    assert "Changed" in html
    assert 'rel="external noopener"' in html
    assert 'rel="next"' in html
    pages = int(re.search(r"page 1 of (\d+)", html)[1])
    last = client.get("/changes/", {"page": pages})
    assert last.status_code == 200
    assert "The dataset files v0.2 were loaded" in text(last)
    assert client.get("/changes/", {"page": "nonsense"}).status_code == 200


def test_a_new_change_appears_first_in_the_log_and_the_feeds(client):
    law = Law.objects.filter(state__iso3="KHM").first()
    old_title = law.title
    law.title = "Law on the Denial of Crimes (amended title)"
    law.save()

    html = text(client.get("/changes/"))
    first_row = re.search(r"<tbody>(.*?)</tr>", html, re.S)[1]
    assert "Changed" in first_row
    assert "Law on the Denial of Crimes (amended title)" in first_row
    assert f"was “{old_title}”" in first_row
    assert "Cambodia" in first_row

    for url in ["/changes/feed/", "/countries/khm/feed/"]:
        feed = ElementTree.fromstring(client.get(url).content)
        first = feed.find(f"{ATOM}entry/{ATOM}title").text
        assert "amended title" in first, url


def test_country_feed_holds_only_that_countrys_changes(client):
    checked_again(TreatyAction.objects.all())
    response = client.get("/countries/tls/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles
    assert not any("Cambodia" in title or "Philippines" in title for title in titles)


def test_change_log_says_when_an_update_changed_a_date_or_a_source(client):
    action = TreatyAction.objects.filter(state__iso3="KHM", action=Action.SIGNATURE).first()
    old_date = action.partial_date.isoformat()
    action.notes = "Checked against the depositary's record."
    action.save()
    action.date += datetime.timedelta(days=1)
    action.source = Law.objects.filter(state__iso3="PHL").first().source
    action.save()

    html = text(client.get("/changes/"))
    rows = re.findall(r"<tr id=\"change-treatyaction-\d+\">(.*?)</tr>", html, re.S)
    assert f"date was {old_date}" in rows[0]
    assert "source changed" in rows[0]
    assert "notes or other details changed" in rows[1]


def test_feed_of_an_unknown_country_is_a_404(client):
    assert client.get("/countries/xyz/feed/").status_code == 404


def test_data_page_links_the_bundle_the_api_docs_and_the_licence(client):
    html = text(client.get("/data/"))

    assert 'href="/api/v1/dataset.zip"' in html
    assert 'href="/api/v1/docs/"' in html
    assert "CC BY 4.0" in html
    assert "MIT" in html


def test_server_error_page_renders_without_a_request_or_a_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()

    assert "Something went wrong" in html
    assert 'href="#main"' in html


# Constant queries


def _recent_changes() -> None:
    """Changes of the kinds the log tells apart, after the dataset's first load (one entry): more
    than a page of changes to scored facts, the Philippines' among them, then, newest, a
    correction to a source that a Philippine fact cites."""
    checked_again(TreatyAction.objects.order_by("pk")[:CHANGES_PER_PAGE])
    checked_again(TreatyAction.objects.filter(state__iso3="PHL"))
    source = TreatyAction.objects.filter(state__iso3="PHL").first().source
    source.title = f"{source.title} (corrected)"
    source.save()


def _add_states_treaties_and_events(count: int = 3) -> None:
    """More states, treaties and events of every kind, through the factories."""
    treaties = [TreatyFactory() for _ in range(count)]
    for iso3 in ["FRA", "DEU", "JPN"][:count]:
        state = StateFactory(iso3=iso3)
        for treaty in treaties:
            TreatyActionFactory(state=state, treaty=treaty, action=Action.SIGNATURE)
            TreatyActionFactory(
                state=state,
                treaty=treaty,
                action=Action.RATIFICATION,
                date=datetime.date(2005, 1, 10),
            )
            StatusObservationFactory(state=state, treaty=treaty)
        FocalPointFactory(state=state)
        AccreditationFactory(nhri=NHRIFactory(state=state))
        LawFactory(state=state)


# Every page reading scorecards costs:
#   1. treaties (with their sources)
#   2. states (with their sources and the sources of their independence dates)
#   3. treaty actions (with sources)          } the seven prefetches of
#   4. status observations (with sources)     } State.objects.for_scorecard()
#   5. focal points (with sources)            }
#   6. NHRIs (with sources)                   }
#   7. accreditations (with sources)          }
#   8. laws (with sources)                    }
#   9. institution observations (with sources)}
#  10. the data version
#  11. the latest release, which the citation names
#  12. the newest date a source speaks for ("data checked up to")
SCORECARD_QUERIES = 12
# A country scorecard keeps, per data version, what every scorecard of that version reads alike
# (commitments/version_parts.py): 1. the treaties, 2. the latest release, 3. the newest source
# date, 4. every state's record, where a scorecard finds its own. The first scorecard after a
# change reads them; the next ones of the version do not.
VERSION_PARTS_QUERIES = 4
# The overview and the scorecards also show promises and engagement (State.objects.for_promises()):
# 1. UPR recommendations, 2. engagements, 3. national mechanisms, each with its source.
PROMISE_QUERIES = 3
# Until the ASEAN medians and ranks of the data version are kept (the first scorecard after a
# change, in each process), they are computed from every state's scores kept since its latest
# change (commitments/state_parts.py): 1. the states; the states with none kept are scored from
# their scored facts, the eight queries of State.objects.for_scorecard() with only the indicator
# treaties' actions and observations.
MEDIANS_QUERIES = 1 + 8
# A scorecard's own sections and scores, until kept (after a change to the state's own facts, or
# one that may concern every state), are rendered from the state's facts: the state and the ten
# prefetches of State.objects.for_promises().
STATE_FACTS_QUERIES = 1 + 7 + PROMISE_QUERIES
# A scorecard with nothing kept: 1. the data version, the version's shared parts, 2. each state's
# latest change (once per version), the medians, the state's facts.
COUNTRY_QUERIES = 2 + VERSION_PARTS_QUERIES + MEDIANS_QUERIES + STATE_FACTS_QUERIES

PAGE_QUERIES = {
    "/": SCORECARD_QUERIES + PROMISE_QUERIES,
    "/?sort=-total&as_of=2015-01-01": SCORECARD_QUERIES + PROMISE_QUERIES,
    # Under an earlier method, and on a date before a state existed: the same loads.
    "/?method=1": SCORECARD_QUERIES + PROMISE_QUERIES,
    "/?as_of=1990-01-01": SCORECARD_QUERIES + PROMISE_QUERIES,
    "/countries/phl/?method=1": COUNTRY_QUERIES,
    "/countries/tls/?as_of=1990-01-01": COUNTRY_QUERIES,
    "/countries/phl/": COUNTRY_QUERIES,
    "/countries/phl/?as_of=2015-01-01": COUNTRY_QUERIES,
    # The index of states scores every state, as the overview does, without the promises.
    "/countries/": SCORECARD_QUERIES,
    "/countries/?as_of=2015-01-01&method=1": SCORECARD_QUERIES,
    # The embed loads only its own state, whose NHRI makes the accreditation prefetch run.
    "/countries/phl/embed/": SCORECARD_QUERIES,
    # 1. the treaty (with its source), 2. states (with their sources), 3. that treaty's actions,
    # 4. its status observations (each with its source), 5. the data version, 6. the latest
    # release, which the citation names, 7. the newest date a source speaks for, 8. the UPR
    # recommendations to join it.
    "/treaties/rome_statute_1998/": 8,
    # The same, when no state could yet join it.
    "/treaties/att_2013/?as_of=2005-01-01": 8,
    # 1. the data version, 2. the regional events (with their sources), 3. the ASEAN trafficking
    # convention, 4. states, 5. its actions, 6. its status observations, 7. the latest release,
    # 8. the newest date a source speaks for.
    "/asean/": 8,
    "/asean/?as_of=2012-01-01": 8,
    # 1. the data version, 2. the treaties (with their sources), 3. states (with their
    # sources), 4. every treaty action, 5. every status observation (each with its source),
    # 6. the latest release, which the citation names, 7. the newest date a source speaks for.
    "/treaties/": 7,
    "/treaties/?as_of=2005-01-01": 7,
    # The data version, which every public page reads first (r2p_tracker/cache.py); then nothing:
    # the page prints the scoring constants.
    "/methodology/": 1,
    "/methodology/?method=1": 1,
    # With the changes of `_recent_changes()`: 1. the data version, 2. the number of changes,
    # 3. the page of changes (one UNION over the history tables), 4. the version before each
    # change (one UNION), 5. states, 6. treaties, 7. the sources the page names, 8.-17. for the
    # totals before and after each change, the versions of the seven kinds of scored fact, the
    # states, the scored treaties and their sources (commitments/score_changes.py), 18. the
    # facts that cite the source the page says was corrected.
    "/changes/": 18,
    # The second page corrects no source.
    "/changes/?page=2": 17,
    # The data version, then as the first page without its count.
    "/changes/feed/": 17,
    # The data version, the state itself, then as above.
    "/countries/phl/feed/": 18,
    # The data version, the latest release, which the citation names, and the newest date a
    # source speaks for.
    "/data/": 3,
}


@pytest.mark.parametrize(("url", "queries"), PAGE_QUERIES.items())
def test_each_page_runs_a_pinned_number_of_queries(client, django_assert_num_queries, url, queries):
    _recent_changes()
    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(("url", "queries"), PAGE_QUERIES.items())
def test_query_count_is_the_same_with_more_states_treaties_and_events(
    client, django_assert_num_queries, url, queries
):
    _recent_changes()
    _add_states_treaties_and_events()

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_a_second_scorecard_of_a_version_reads_only_its_own_state(
    client, django_assert_num_queries
):
    client.get("/countries/khm/")

    # The medians, the version's shared parts (the states' records among them) and its states'
    # latest changes are kept from the first page, so only the data version and the Philippines'
    # facts are read.
    with django_assert_num_queries(1 + STATE_FACTS_QUERIES):
        response = client.get("/countries/phl/")

    assert response.status_code == 200
    assert client.get("/countries/xyz/").status_code == 404


def _shown_medians(html: str) -> dict[str, str]:
    """The ASEAN median printed beside each group score, and the total's, by group label."""
    rows = re.findall(
        r'<tr><th scope="row"><a href="#group-[\w-]+">([^<]+)</a></th>'
        r'<td class="num">[^<]*</td><td class="num">([^<]*)</td>',
        html,
    )
    total = re.search(r"<dt>ASEAN median</dt><dd class=\"big\">([^<]*)</dd>", html)
    return {**dict(rows), "total": total.group(1)}


def _expected_medians(on: datetime.date) -> dict[str, str]:
    from commitments.templatetags.scorecard import score

    treaties = list(Treaty.objects.all())
    today = timezone.localdate()
    cards = [scoring.score_state(s, treaties, on, today) for s in State.objects.for_scorecard()]
    medians = scoring.group_medians(cards)
    return {
        **{str(group.label): score(medians[group.key]) for group in scoring.GROUPS},
        "total": score(medians["total"]),
    }


def test_the_asean_medians_on_a_scorecard_follow_every_change_to_the_data(client):
    today = timezone.localdate()
    before = _shown_medians(text(client.get("/countries/khm/")))
    assert before == _expected_medians(today)

    # Without the other states' treaty actions, their treaty scores and so the medians fall.
    TreatyAction.objects.exclude(state__iso3="KHM").delete()

    after = _shown_medians(text(client.get("/countries/khm/")))
    assert after == _expected_medians(today)
    assert after != before

    past = datetime.date(2015, 1, 1)
    on_a_past_date = _shown_medians(text(client.get("/countries/khm/?as_of=2015-01-01")))
    assert on_a_past_date == _expected_medians(past)


def test_added_states_appear_on_the_overview_and_their_own_scorecards(client):
    _add_states_treaties_and_events(1)

    assert "State FRA" in text(client.get("/"))
    assert client.get(reverse("commitments:country", args=["fra"])).status_code == 200
