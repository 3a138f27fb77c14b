"""The index pages: every state with its total, rank and coverage, and every treaty by category
with how many ASEAN states are party, both linked from the header."""

import re
from html import unescape

import pytest

from commitments.models import State, Treaty
from commitments.vocabularies import TreatyCategory

pytestmark = pytest.mark.usefixtures("dataset")


def rows(html: str) -> dict[str, list[str]]:
    """Each body row of the page's tables: its row header's text, and its cells' texts."""
    found = {}
    for row in re.findall(r"<tr>\s*(<th scope=\"row\">.*?)</tr>", html, re.S):
        cells = [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        found[cells[0]] = cells[1:]
    return found


def scores_rows(html: str) -> dict[str, list[str]]:
    """The overview's scores table: state, rank, total and coverage of each state."""
    table = re.search(r'<table class="scores">(.*?)</table>', html, re.S).group(1)
    return {name: cells[:3] for name, cells in rows(table).items() if name != "ASEAN median"}


def test_the_header_links_to_both_indexes(client):
    html = client.get("/").content.decode()

    assert '<a href="/countries/">Countries</a>' in html
    assert '<a href="/treaties/">Treaties</a>' in html
    assert '<a href="/countries/" aria-current="page">Countries</a>' in (
        client.get("/countries/").content.decode()
    )


@pytest.mark.parametrize("query", ["", "?as_of=2005-01-01", "?method=1"])
def test_the_countries_index_gives_every_state_the_rank_total_and_coverage_of_the_overview(
    client, query
):
    index = rows(client.get(f"/countries/{query}").content.decode())
    overview = scores_rows(client.get(f"/{query}").content.decode())

    assert sorted(index) == sorted(State.objects.values_list("short_name", flat=True))
    assert list(index) == sorted(index)
    for name, (total, rank, coverage) in index.items():
        overview_rank, overview_total, overview_coverage = overview[name]
        assert (total, rank) == (overview_total, overview_rank)
        known, applicable = overview_coverage.split("/")
        assert coverage == f"{known} of {applicable} known"


def test_the_countries_index_says_insufficient_data_rather_than_ranking_a_state(client):
    index = rows(client.get("/countries/?as_of=2005-01-01").content.decode())

    unranked = [cells for cells in index.values() if cells[1] == "no rank"]
    assert unranked, "some state has too little known in 2005 for a rank"
    assert all(total == "insufficient data" for total, _rank, _coverage in unranked)


def test_state_links_on_the_countries_index_keep_the_date(client):
    html = client.get("/countries/?as_of=2015-01-01").content.decode()

    assert '<a href="/countries/khm/?as_of=2015-01-01">Cambodia</a>' in html


def test_the_treaties_index_lists_every_treaty_under_its_category(client):
    html = client.get("/treaties/").content.decode()

    headings = re.findall(r'<h2 id="category-([\w]+)">', html)
    used = set(Treaty.objects.values_list("category", flat=True))
    assert headings == [c.value for c in TreatyCategory if c.value in used]
    listed = rows(html)
    assert sorted(listed) == sorted(Treaty.objects.values_list("short_name", flat=True))
    for treaty in Treaty.objects.all():
        section = html.split(f'id="category-{treaty.category}"')[1].split("<section")[0]
        assert f">{treaty.short_name}</a></th>" in section


@pytest.mark.parametrize("on", ["2026-01-01", "2015-01-01", "2000-01-01"])
def test_the_treaties_index_counts_the_parties_the_treaty_page_lists(client, on):
    listed = rows(client.get(f"/treaties/?as_of={on}").content.decode())

    for treaty in Treaty.objects.all():
        page = client.get(f"/treaties/{treaty.key}/?as_of={on}").content.decode()
        party = re.search(r">party</span>: (\d+)", page).group(1)
        not_applicable = int(re.search(r">not applicable</span>: (\d+)", page).group(1))
        could_join = State.objects.count() - not_applicable
        count = listed[treaty.short_name][1]
        expected = f"{party} of {could_join}" if could_join else "not applicable"
        assert count == expected, (treaty.key, on)


def test_the_rome_statute_had_three_asean_parties_in_2015(client):
    # Cambodia (2002), Timor-Leste (2006) and the Philippines (2011, withdrawn from 2019).
    listed = rows(client.get("/treaties/?as_of=2015-01-01").content.decode())

    assert listed["Rome Statute"][1] == "3 of 11"


def test_an_impossible_date_on_an_index_is_a_400_that_says_why(client):
    for path in ["/countries/", "/treaties/"]:
        response = client.get(f"{path}?as_of=1800-13-40")

        assert response.status_code == 400
        assert "That date could not be used." in response.content.decode()
