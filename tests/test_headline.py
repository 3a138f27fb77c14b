"""The headline comparison and unknown that looks unknown: the overview's ranked chart of totals,
each scorecard's neighbours in the ranking, and group scores nobody has verified drawn and written
as not known rather than as 0."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from commitments import medians, scoring
from commitments.models import State, Treaty
from tests.helpers import OVERVIEW_ROW

pytestmark = pytest.mark.usefixtures("dataset")


def text(response) -> str:
    return response.content.decode()


def plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


def chart(html: str) -> str:
    return re.search(r'<svg class="chart totals-chart".*?</svg>', html, re.S).group(0)


def chart_bars(html: str) -> dict[str, list[tuple[str, str]]]:
    """The chart's parts (ranked, insufficient, not-applicable), each with its bars' left and
    right labels, top to bottom."""
    parts = {}
    for piece in chart(html).split('<g class="totals-part totals-')[1:]:
        key = piece.split('"')[0]
        labels = re.findall(
            r'<text class="bar-label"[^>]*>(.*?)</text>\s*<text class="bar-text"[^>]*>(.*?)</text>',
            piece,
            re.S,
        )
        parts[key] = [(plain(left), plain(right)) for left, right in labels]
    return parts


def table_rows(html: str) -> dict[str, dict]:
    return {
        plain(name): {"rank": rank, "total": plain(total), "coverage": plain(coverage)}
        for _code, name, rank, total, coverage in OVERVIEW_ROW.findall(html)
    }


def scorecards(on: datetime.date) -> dict[str, scoring.Scorecard]:
    treaties = list(Treaty.objects.all())
    return {
        state.iso3: scoring.score_state(state, treaties, on, timezone.localdate())
        for state in State.objects.for_scorecard()
    }


@pytest.mark.parametrize("on", ["", "2005-01-01", "2015-01-01"])
def test_the_chart_of_totals_ranks_the_states_of_the_table_with_their_coverage(client, on):
    html = text(client.get("/", {"as_of": on} if on else {}))
    table = table_rows(html)
    parts = chart_bars(html)

    ranked = parts.get("ranked", [])
    positions = [int(left.split(".")[0]) for left, _right in ranked]
    assert positions == sorted(positions)
    for left, right in ranked:
        position, name = left.split(". ", 1)
        row = table[name]
        assert row["rank"].split(" of ")[0] == position
        known, applicable = row["coverage"].split("/")
        assert right == f"{row['total']} · {known} of {applicable} known"
    # Every state with a rank in the table is in the ranked part, and only those.
    assert sorted(left.split(". ", 1)[1] for left, _ in ranked) == sorted(
        name for name, row in table.items() if row["rank"] != "no rank"
    )
    for left, right in parts.get("insufficient", []):
        assert table[left]["total"] == "insufficient data"
        assert right.startswith("insufficient data: ")


def test_states_with_insufficient_data_are_drawn_apart_as_outlines_not_as_short_bars(client):
    html = text(client.get("/", {"as_of": "2005-01-01"}))
    svg = chart(html)

    insufficient = chart_bars(html)["insufficient"]
    assert insufficient, "in 2005 some state has too little known for a total"
    assert "Insufficient data: no total and no rank" in svg
    part = svg.split('class="totals-part totals-insufficient"')[1].split("totals-part")[0]
    assert part.count('class="bar-unknown"') == len(insufficient)
    assert 'class="bar-value"' not in part


def test_a_state_not_yet_independent_is_drawn_hatched_under_its_own_heading(client):
    html = text(client.get("/", {"as_of": "1990-01-01"}))

    parts = chart_bars(html)
    assert parts["not-applicable"] == [("Timor-Leste", "not applicable")]
    svg = chart(html)
    assert 'class="bar-not-applicable"' in svg and 'fill="url(#totals-hatch)"' in svg


def test_the_chart_of_totals_has_an_accessible_name_and_a_description(client):
    svg = chart(text(client.get("/")))

    opening = re.match(r"<svg[^>]*>", svg).group(0)
    assert 'role="img"' in opening
    assert 'aria-labelledby="totals-title totals-desc"' in opening
    assert re.search(r'<title id="totals-title">Total scores out of 100 of the \d+ ranked', svg)
    assert '<desc id="totals-desc">' in svg


def test_a_chart_with_no_ranked_state_says_so_in_its_name(client):
    html = text(client.get("/", {"as_of": "2005-01-01"}))

    assert "ranked" not in chart_bars(html)
    assert '<title id="totals-title">No state has enough known for a total on this date' in html


def test_the_chart_legend_names_known_unknown_and_not_applicable(client):
    html = text(client.get("/"))

    legend = html.split('<svg class="chart totals-chart"')[1].split('<p class="chart-legend">')[1]
    legend = legend.split("</p>")[0]
    assert "ASEAN median" in legend
    assert "dashed outline: not known" in legend
    assert "not applicable on this date" in legend


def neighbour_rows(html: str) -> list[tuple[str, str, str]]:
    table = re.search(r'<div class="neighbours">(.*?)</table>', html, re.S)
    if table is None:
        return []
    return [
        (plain(rank), plain(name), plain(total))
        for rank, name, total in re.findall(
            r'<tr[^>]*><td class="num">(.*?)</td><th scope="row">(.*?)</th>'
            r'<td class="num">(.*?)</td></tr>',
            table.group(1),
        )
    ]


@pytest.mark.parametrize("iso3", ["khm", "mmr", "phl"])
def test_a_scorecard_shows_the_state_between_its_neighbours_in_the_overview(client, iso3):
    overview = table_rows(text(client.get("/")))
    ranked = sorted(
        (int(row["rank"].split(" ")[0]), name, row["total"])
        for name, row in overview.items()
        if row["rank"] != "no rank"
    )
    html = text(client.get(f"/countries/{iso3}/"))
    name = State.objects.get(iso3=iso3.upper()).short_name
    at = [n for _p, n, _t in ranked].index(name)

    expected = [(str(p), n, t) for p, n, t in ranked[max(0, at - 1) : at + 2]]
    assert neighbour_rows(html) == expected
    assert f'aria-current="true"><td class="num">{ranked[at][0]}</td>' in html


def test_a_scorecard_without_a_rank_shows_no_neighbours(client):
    cards = scorecards(datetime.date(2005, 1, 1))
    unranked = next(code for code, card in cards.items() if card.insufficient)

    html = text(client.get(f"/countries/{unranked.lower()}/", {"as_of": "2005-01-01"}))

    assert neighbour_rows(html) == []
    assert "Insufficient data" in html


def test_neighbours_of_the_first_and_last_states_are_the_one_beside_them():
    cards = scorecards(datetime.date(2026, 1, 1))
    names = {iso3: iso3.title() for iso3 in cards}
    asean = medians.Medians.of(cards, names=names)
    first, second = asean.standings[0], asean.standings[1]
    last = asean.standings[-1]

    assert asean.neighbours(first.iso3) == [first, second]
    assert asean.neighbours(last.iso3) == list(asean.standings[-2:])
    assert all(
        s.position <= t.position for s, t in zip(asean.standings, asean.standings[1:], strict=False)
    )


def test_a_scorecard_says_what_the_scores_measure_and_links_the_methodology(client):
    html = text(client.get("/countries/khm/", {"method": "1"}))

    section = html.split('<section class="measures"')[1].split("</section>")[0]
    assert "What this measures, and what it does not" in section
    assert "They do not measure conduct" in section
    assert 'href="/methodology/?method=1.0"' in section


def test_a_group_nobody_has_verified_reads_not_known_with_its_count_not_a_zero(client):
    on = datetime.date(2005, 1, 1)
    cards = scorecards(on)
    iso3, group = next(
        (iso3, group)
        for iso3, card in cards.items()
        for group in card.groups
        if group.score is None and group.coverage.applicable
    )
    html = text(client.get(f"/countries/{iso3.lower()}/", {"as_of": on.isoformat()}))

    words = f"not known (0 of {group.coverage.applicable} indicator"
    # In the table of group scores, and in the chart where the bar would be.
    row = re.search(rf">{re.escape(str(group.group.label))}</a></th>(.*?)</tr>", html, re.S)
    assert words in plain(row.group(1))
    bars = re.search(r'<svg class="chart bar-chart".*?</svg>', html, re.S).group(0)
    drawn = bars.split(f">{group.group.label}</text>")[1].split('<g class="bar">')[0]
    assert 'class="bar-unknown"' in drawn and 'class="bar-value"' not in drawn
    assert words in drawn
