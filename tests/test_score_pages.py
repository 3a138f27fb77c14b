"""Scores a reader can defend, on the public pages: ranks, insufficient data, not applicable,
sourced absences with their sources, the method each page shows, and sources a reader can judge."""

import datetime
import re
from html import unescape

import pytest
from django.template import Context, Template
from django.utils import timezone

from commitments import scoring
from commitments.models import Source, State, Treaty
from commitments.templatetags.scorecard import rank_label, source_link
from commitments.vocabularies import IndicatorStatus, InstitutionIndicator, SourceKind
from r2p_tracker import cache as response_cache
from tests.factories import (
    AccreditationFactory,
    InstitutionObservationFactory,
    NHRIFactory,
    SourceFactory,
)
from tests.helpers import OVERVIEW_ROW

pytestmark = pytest.mark.usefixtures("dataset")

METHOD_1 = "1.0+c38577a3"


def text(response) -> str:
    return response.content.decode()


def overview_rows(html: str) -> list[dict]:
    """The rows of the overview's scores table, top to bottom."""
    return [
        {
            "iso3": code.upper(),
            "rank": rank,
            "total": re.sub(r"<[^>]+>", "", total),
            "coverage": cov,
        }
        for code, _name, rank, total, cov in OVERVIEW_ROW.findall(html)
    ]


def indicator_row(html: str, label: str) -> str:
    """The whole table row of an indicator on a scorecard."""
    match = re.search(
        rf"<tr>\s*<th scope=\"row\">(?:<a [^>]+>)?{re.escape(label)}.*?</tr>", html, re.S
    )
    assert match, f"no indicator row for {label}"
    return match[0]


def scorecards(on: datetime.date, method=scoring.CURRENT) -> dict[str, scoring.Scorecard]:
    treaties = list(Treaty.objects.all())
    today = timezone.localdate()
    return {
        state.iso3: scoring.score_state(state, treaties, on, today, method)
        for state in State.objects.for_scorecard()
    }


# The overview


def test_overview_gives_each_ranked_state_its_rank_out_of_the_states_of_the_date(client):
    rows = overview_rows(text(client.get("/")))
    ranked = [row for row in rows if row["rank"] != "no rank"]

    assert len(rows) == State.objects.count() == 11
    assert [row["rank"].split(" of ")[1].split(",")[0] for row in ranked] == ["11"] * len(ranked)
    positions = [int(row["rank"].split(" of ")[0]) for row in ranked]
    assert positions == sorted(positions)
    assert positions[0] == 1


def test_states_with_insufficient_data_follow_the_ranked_ones_with_their_coverage(client):
    cards = scorecards(timezone.localdate())
    insufficient = {iso3 for iso3, card in cards.items() if card.insufficient}
    assert insufficient, "the dataset has states below the coverage rule"

    html = text(client.get("/"))
    rows = overview_rows(html)

    tail = rows[-len(insufficient) :]
    assert {row["iso3"] for row in tail} == insufficient
    for row in tail:
        card = cards[row["iso3"]]
        assert row["rank"] == "no rank"
        assert row["total"] == "insufficient data"
        assert row["coverage"] == f"{card.coverage.known}/{card.coverage.applicable}"
    assert "Insufficient data: no total and no rank" in html
    assert (
        "a total needs two thirds of the applicable indicators known and one in every group" in html
    )


def test_a_state_that_did_not_yet_exist_is_not_applicable_on_the_overview(client):
    html = text(client.get("/", {"as_of": "1990-01-01"}))
    rows = overview_rows(html)

    assert rows[-1]["iso3"] == "TLS"
    assert rows[-1]["rank"] == "no rank"
    assert rows[-1]["total"] == "not applicable"
    assert "Not applicable: not yet independent on this date" in html
    assert "none applicable" in html
    # Nobody else is ranked among fewer states than existed.
    assert all(row["iso3"] == "TLS" or row["total"] != "not applicable" for row in rows)


def test_not_applicable_unknown_and_zero_look_different_and_a_legend_names_each(client):
    html = text(client.get("/", {"as_of": "2005-01-01"}))

    # The matrix: Cambodia's Arms Trade Treaty cell (adopted 2013) is not applicable.
    assert '<td class="status status-not-applicable">not applicable</td>' in html
    assert '<td class="status status-unknown">unknown</td>' in html
    assert '<td class="status status-none">no action</td>' in html
    # Group scores: a number, "not known" (nothing known) and "not applicable" read differently.
    assert re.search(
        r'<span class="status status-unknown">not known \(0 of \d+ indicators?\)</span>', html
    )
    assert re.search(r'<td class="num">0 <span class="coverage">', text(client.get("/")))
    legends = re.findall(r'<div class="legend".*?</div>', html, re.S)
    assert len(legends) == 2
    for legend in legends:
        assert "not applicable" in legend and "unknown" in legend


def test_overview_says_what_the_scores_measure_and_do_not_and_links_the_method(client):
    html = text(client.get("/"))

    assert "What this measures, and what it does not" in html
    assert str(scoring.MEASURES) in html
    assert "They do not measure conduct" in html
    assert 'href="/methodology/"' in html


def test_overview_under_method_1_reproduces_its_totals_and_says_which_method_it_shows(client):
    response = client.get("/", {"method": "1"})
    html = text(response)
    rows = {row["iso3"]: row for row in overview_rows(html)}
    method_1 = scorecards(timezone.localdate(), scoring.METHOD_1)

    assert response.status_code == 200
    for iso3, card in method_1.items():
        assert rows[iso3]["total"] == f"{card.total:.0f}"
    # The first published ranking put Cambodia first; method 2 does not.
    assert rows["KHM"]["rank"] == "1 of 11"
    assert overview_rows(text(client.get("/")))[0]["iso3"] != "KHM"
    assert f"Scores recomputed under scoring method 1.0 (<code>{METHOD_1}</code>" in html
    assert "not the current method" in html
    assert 'href="/">See them under the current method, 2.0</a>' in html
    assert f"Scoring method {METHOD_1}" in html


def test_links_and_the_date_form_keep_the_method_and_the_date(client):
    html = text(client.get("/", {"method": "1", "as_of": "2015-01-01"}))

    assert 'href="/countries/khm/?as_of=2015-01-01&amp;method=1.0"' in html
    assert 'href="/treaties/genocide_1948/?as_of=2015-01-01&amp;method=1.0"' in html
    assert '<input type="hidden" name="method" value="1.0">' in html
    assert 'href="?as_of=2015-01-01&amp;method=1.0&amp;sort=name"' in html


@pytest.mark.parametrize("url", ["/", "/countries/khm/", "/treaties/cat_1984/"])
def test_an_unknown_method_is_a_400_that_says_so_and_shows_the_current_method(client, url):
    response = client.get(url, {"method": "9"})

    html = text(response)
    assert response.status_code == 400
    assert "That scoring method could not be used." in html
    assert "There is no scoring method 9; choose one of 1.0, 2.0." in html
    assert "Showing the current method, 2.0." in html


# The scorecard


def test_cambodia_scorecard_ranks_it_and_says_why_its_institutions_score_zero(client):
    html = text(client.get("/countries/khm/"))

    rank = re.search(r"<dt>Rank</dt><dd class=\"big\">(\d+) of 11</dd>", html)
    assert rank and int(rank[1]) > 1
    assert f"Rank {rank[1]} of the 11 ASEAN states on this date, under method 2.0" in html
    assert re.search(
        r'href="#group-institutions">Institutions</a></th><td class="num">0</td>', html
    )

    nhri = indicator_row(html, "National human rights institution (GANHRI status)")
    assert ">no accredited NHRI</span>" in nhri
    assert 'A source states "no accredited NHRI" as of 2023-12-21.' in nhri
    assert 'href="https://2023.forum-asia.org/?p=38954"' in nhri
    focal_point = indicator_row(html, "National R2P focal point")
    assert ">not designated</span>" in focal_point
    assert 'A source states "not designated" as of 2015-08-12.' in focal_point
    assert 'href="https://r2psoutheasasia.org/"' in focal_point
    # The lower sections say the same instead of "unknown".
    assert "No national human rights institution is on record. A source states" in html
    assert "Statements about Cambodia's institutions and laws" in unescape(html)


def test_a_scorecard_below_the_coverage_rule_says_insufficient_data_and_why(client):
    card = scorecards(timezone.localdate())["LAO"]
    assert card.insufficient

    html = text(client.get("/countries/lao/"))

    assert '<dt>Total score</dt><dd class="big">insufficient data</dd>' in html
    assert '<dt>Rank</dt><dd class="big">no rank</dd>' in html
    known, applicable = card.coverage.known, card.coverage.applicable
    assert (
        f"({known} of {applicable} applicable indicators known; a total needs two thirds of the "
        "applicable indicators known and one in every group)" in html
    )
    missing = [g.group.label for g in card.groups if g.coverage.applicable and not g.coverage.known]
    assert f"No indicator is known in: {', '.join(map(str, missing))}." in html


def test_timor_leste_in_1990_has_no_score_and_no_rank_on_its_scorecard(client):
    html = text(client.get("/countries/tls/", {"as_of": "1990-01-01"}))

    assert "No score: not yet independent on this date." in html
    assert "Timor-Leste became independent on 2002-05-20" in html
    assert '<dt>Rank</dt><dd class="big">no rank</dd>' in html
    assert 'class="chart bar-chart"' not in html
    statuses = re.findall(
        r'<td><span class="status ([\w-]+)">',
        html.split('id="indicators-heading"')[1].split('id="timeline-heading"')[0],
    )
    assert statuses and set(statuses) == {"status-not-applicable"}
    assert (
        "Not applicable: Timor-Leste was not yet independent (independent from 2002-05-20)." in html
    )


def test_indicators_that_could_not_yet_exist_are_not_applicable_with_the_reason(client):
    html = text(client.get("/countries/khm/", {"as_of": "2005-01-01"}))

    att = indicator_row(html, "Arms Trade Treaty")
    assert '<span class="status status-not-applicable">not applicable</span>' in att
    assert "Not applicable: the treaty was adopted later, on 2013-04-02." in att
    focal_point = indicator_row(html, "National R2P focal point")
    assert "Not applicable: before the 2005 World Summit Outcome" in focal_point
    assert 'href="https://undocs.org/A/RES/60/1"' in focal_point
    assert "not applicable on this date" in html


def test_a_contradiction_is_shown_beside_the_status_with_its_source(client):
    nhri = NHRIFactory(
        state=State.objects.get(iso3="BRN"), established_on=datetime.date(2010, 1, 1)
    )
    AccreditationFactory(nhri=nhri, decided_on=datetime.date(2015, 11, 1))
    source = SourceFactory(title="A report that missed the accreditation")
    InstitutionObservationFactory(
        state=nhri.state,
        indicator=InstitutionIndicator.NHRI,
        status=IndicatorStatus.NO_NHRI,
        observed_on=datetime.date(2025, 6, 1),
        source=source,
    )

    row = indicator_row(
        text(client.get("/countries/brn/")), "National human rights institution (GANHRI status)"
    )

    assert ">A status</span>" in row
    assert 'A source disagrees: it states "no accredited NHRI" as of 2025-06-01.' in row
    assert f'href="{source.url}"' in row


def test_a_stale_fact_says_when_it_was_last_verified(client, settings):
    focal_point = indicator_row(text(client.get("/countries/khm/")), "National R2P focal point")
    assert "last verified 2015" in focal_point

    settings.STALE_SOURCE_MONTHS = 12 * 100
    response_cache.clear()
    fresh = indicator_row(text(client.get("/countries/khm/")), "National R2P focal point")
    assert "last verified" not in fresh


def test_scorecard_under_method_1_reproduces_its_total_and_cites_the_method(client):
    card = scorecards(timezone.localdate(), scoring.METHOD_1)["KHM"]

    html = text(client.get("/countries/khm/", {"method": "1.0"}))

    assert (
        f'<dt>Total score</dt><dd class="big">{card.total:.0f}<span class="unit">/100</span>'
        in html
    )
    assert '<dt>Rank</dt><dd class="big">1 of 11</dd>' in html
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html, re.S)[1]
    assert f"scoring method {METHOD_1}" in citation
    assert "/countries/khm/?as_of=" in citation and "&amp;method=1.0" in citation
    assert "Method 1.0 does not read these statements." in html


# Sources


def test_a_source_shows_its_title_publisher_date_and_kind():
    source = Source(
        url="https://treaties.un.org/genocide",
        title="Convention on the Prevention and Punishment of the Crime of Genocide",
        publisher="United Nations Office of Legal Affairs",
        kind=SourceKind.DEPOSITARY,
        as_of=datetime.date(2024, 4, 24),
        as_of_precision="day",
    )

    html = source_link(source)

    assert '<a href="https://treaties.un.org/genocide" rel="external noopener">' in html
    assert (
        "Convention on the Prevention and Punishment of the Crime of Genocide</a>, United Nations "
        "Office of Legal Affairs (2024-04-24)" in html
    )
    assert '<span class="source-kind">depositary record</span>' in html


def test_a_copy_names_the_original_and_the_copy_it_was_read_through():
    copy = Source(
        url="https://github.com/tkah/CountriesAndIntlAffairs/38544.csv",
        title="38544.csv",
        publisher="GitHub user tkah",
        kind=SourceKind.DEPOSITARY_SCRAPE,
        as_of=datetime.date(2016, 3, 8),
        as_of_precision="day",
        origin_url="https://treaties.un.org/XVIII-10",
        origin_title="UN Treaty Collection, Chapter XVIII-10",
    )

    html = source_link(copy)
    plain = re.sub(r"<[^>]+>", "", html)

    assert "UN Treaty Collection, Chapter XVIII-10, read via GitHub user tkah (2016-03-08)" in plain
    assert 'href="https://treaties.un.org/XVIII-10"' in html
    assert 'href="https://github.com/tkah/CountriesAndIntlAffairs/38544.csv"' in html
    assert "copy of a depositary record" in plain


def test_a_copy_of_several_documents_lists_each_and_an_undated_source_says_so():
    copy = Source(
        url="https://survivalscores.org/",
        origin_url="https://treaties.un.org/XVIII-10 | https://treaties.unoda.org/t/tpnw",
        origin_title="UNTC, Chapter XVIII-10 | UNODA: TPNW",
        kind=SourceKind.DEPOSITARY_SCRAPE,
    )

    plain = re.sub(r"<[^>]+>", "", source_link(copy))

    assert plain.startswith("UNTC, Chapter XVIII-10; UNODA: TPNW, read via survivalscores.org")
    assert "(date not stated)" in plain


def test_the_scorecard_shows_copies_of_depositary_records_as_such(client):
    html = text(client.get("/countries/khm/"))

    rome = indicator_row(html, "Rome Statute")
    assert ", read via " in rome
    assert "copy of a depositary record" in rome


def test_a_shared_rank_says_it_is_tied():
    ranks = {
        "A": scoring.Rank(1, 4),
        "B": scoring.Rank(2, 4),
        "C": scoring.Rank(2, 4),
        "D": scoring.Rank(None, 4),
    }

    assert rank_label(ranks["A"], ranks) == "1 of 4"
    assert rank_label(ranks["B"], ranks) == "2 of 4, tied"
    assert rank_label(ranks["D"], ranks) == "no rank"


# Treaty pages and the participation API


def test_cambodia_and_the_arms_trade_treaty_in_2005_is_not_applicable_on_the_page_and_in_the_api(
    client,
):
    html = text(client.get("/treaties/att_2013/", {"as_of": "2005-01-01"}))
    api = client.get(
        "/api/v1/participation/", {"state": "KHM", "treaty": "att_2013", "as_of": "2005-01-01"}
    ).json()

    row = re.search(r">Cambodia</a></th>\s*<td><span class=\"status ([\w-]+)\">([^<]+)<", html)
    assert row.groups() == ("status-not-applicable", "not applicable")
    assert "Not applicable: the treaty was adopted later, on 2013-04-02." in html
    summary = re.search(r"not applicable</span>: (\d+) \(([^)]*)\)", html)
    assert summary[1] == "11" and "Cambodia" in summary[2]
    assert "could not yet join on this date" in html
    assert [r["status"] for r in api["results"]] == ["not_applicable"]


def test_treaty_page_says_a_state_was_not_yet_independent_with_the_source(client):
    timor = State.objects.select_related("independence_source").get(iso3="TLS")

    html = text(client.get("/treaties/genocide_1948/", {"as_of": "1990-01-01"}))

    row = re.search(r">Timor-Leste</a></th>.*?</tr>", html, re.S)[0]
    assert "not yet independent (independent from 2002-05-20)" in row
    assert f'href="{timor.independence_source.url}"' in row


# Methodology


def test_methodology_lists_every_method_with_its_version_date_changes_and_links(client):
    html = text(client.get("/methodology/"))

    for method in scoring.METHODS:
        assert f"<code>{method.version}</code>" in html
        assert method.published_on.isoformat() in html
        for change in method.changes:
            assert str(change).replace("'", "&#x27;") in html
    assert 'href="/?method=1.0">The ASEAN overview under method 1.0</a>' in html
    assert 'href="/methodology/?method=1.0">The rules and points of method 1.0</a>' in html
    assert 'href="/api/v1/scores/?method=1.0"' in html


def test_methodology_says_what_is_measured_why_each_group_and_the_limits(client):
    html = text(client.get("/methodology/"))

    assert str(scoring.MEASURES) in html
    assert "They do not measure conduct" in html
    for group in scoring.CURRENT.groups:
        assert str(group.rationale).replace("'", "&#x27;")[:60] in html
    for limit in scoring.LIMITS:
        assert str(limit).replace("'", "&#x27;") in html
    assert (
        "a total needs two thirds of the applicable indicators known and one in every group" in html
    )


def test_methodology_gives_the_not_applicable_dates_and_their_documents(client):
    html = text(client.get("/methodology/"))

    assert "1993-12-20" in html and "A/RES/48/134" in html
    assert "2005-09-16" in html and "A/RES/60/1" in html


def test_methodology_under_method_1_shows_its_rules_and_points(client):
    html = text(client.get("/methodology/", {"method": "1"}))

    assert f"Scoring method version <strong>{METHOD_1}</strong>" in html
    assert "an earlier method, kept so that figures published under it can be reproduced" in html
    for rule in scoring.METHOD_1.rules:
        assert str(rule).replace("'", "&#x27;") in html
    assert "no such law in force" not in html
    assert "has no coverage rule" in html
    assert "No indicator is known" not in html


def test_methodology_refuses_an_unknown_method_visibly(client):
    response = client.get("/methodology/", {"method": "3.1"})

    assert response.status_code == 400
    assert "There is no scoring method 3.1" in text(response)


def test_a_state_that_did_not_exist_reads_not_applicable_in_every_score_cell(
    django_assert_num_queries,
):
    cards = scorecards(datetime.date(1990, 1, 1))
    template = Template(
        "{% load scorecard %}{{ card|total_score }} "
        "{% for g in card.groups %}{{ g|group_score }}{% endfor %}"
    )

    with django_assert_num_queries(0):
        html = template.render(Context({"card": cards["TLS"]}))

    assert html.count("not applicable") == 1 + len(cards["TLS"].groups)


def test_methodology_explains_what_followed_a_promise_and_that_it_is_not_scored(client):
    from commitments.vocabularies import FollowThrough

    html = text(client.get("/methodology/"))

    assert "Promises and engagement: context, not scored" in html
    assert "No method counts them" in html
    terms = re.findall(r'<dl class="follow-through">(.*?)</dl>', html, re.S)[0]
    shown = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", terms)
    assert sorted(label for label, _ in shown) == sorted(
        str(c.label).capitalize() for c in FollowThrough
    )
    assert all(meaning.strip() for _, meaning in shown)
    assert "never “not delivered”" in terms
