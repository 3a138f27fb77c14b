"""The Atom feeds as a feed reader sees them (feedparser): valid, with permanent absolute ids, links
that lead to the change on whichever page of the log it is, and a researcher's text as text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.conf import settings
from simple_history.utils import bulk_update_with_history

from commitments.feeds import printable
from commitments.models import FACT_MODELS, DatasetLoad, Law, Source, Treaty, TreatyAction
from commitments.views import CHANGES_PER_PAGE
from tests.factories import SourceFactory
from tests.helpers import checked_again

pytestmark = pytest.mark.usefixtures("dataset")

FEEDS = ["/changes/feed/", "/countries/khm/feed/", "/treaties/rome_statute_1998/feed/"]


class _Text(HTMLParser):
    """What a reader shows of an HTML summary: its text, tags dropped, entities resolved."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")


def shown(summary_html: str) -> str:
    parser = _Text()
    parser.feed(summary_html)
    return "".join(parser.parts)


def read(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def rome_statute_checked_again():
    """Cambodia's actions under the Rome Statute, saved again after the dataset's load."""
    return checked_again(
        TreatyAction.objects.filter(state__iso3="KHM", treaty__key="rome_statute_1998")
    )


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_parse_without_error_and_have_entries(client, url, rome_statute_checked_again):
    parsed = read(client, url)

    assert parsed.version == "atom10"
    assert parsed.entries
    assert parsed.feed.id.startswith(f"tag:{settings.FEED_TAG_AUTHORITY},")


@pytest.mark.parametrize("url", FEEDS)
def test_entry_ids_are_permanent_tag_uris(client, url, rome_statute_checked_again):
    parsed = read(client, url)

    pattern = (
        rf"tag:{re.escape(settings.FEED_TAG_AUTHORITY)},{settings.FEED_TAG_DATE}:change/[a-z]+/\d+"
    )
    ids = [entry.id for entry in parsed.entries]
    assert all(re.fullmatch(pattern, entry_id) for entry_id in ids), ids
    assert len(set(ids)) == len(ids)
    # The same change keeps its id when the feed is read at another address.
    other = feedparser.parse(client.get(url, HTTP_HOST="localhost").content)
    assert [entry.id for entry in other.entries] == ids


def test_an_entry_keeps_its_id_when_newer_changes_arrive(client):
    before = read(client, "/changes/feed/").entries[0]
    checked_again([Law.objects.first()])

    after = read(client, "/changes/feed/").entries
    assert after[0].id != before.id
    assert after[1].id == before.id


def test_entry_links_are_absolute_and_lead_to_the_change_on_its_page(client):
    entries = read(client, "/changes/feed/").entries

    for entry in entries[:3]:
        assert entry.link.startswith("http://testserver/changes/")
        response = client.get(entry.link.removeprefix("http://testserver"))
        assert response.status_code == 302
        page, anchor = response["Location"].split("#")
        assert f'<tr id="{anchor}">' in client.get(page).content.decode()


def test_a_change_pushed_to_a_later_page_is_still_found_from_the_feed(client):
    link = read(client, "/changes/feed/").entries[0].link.removeprefix("http://testserver")
    # A page's worth of newer changes, written in one go.
    actions = list(TreatyAction.objects.order_by("pk")[: CHANGES_PER_PAGE + 1])
    for action in actions:
        action.notes = "checked again"
    bulk_update_with_history(actions, TreatyAction, ["notes"])

    location = client.get(link)["Location"]

    assert location.startswith("/changes/?page=2#change-")
    page, anchor = location.split("#")
    assert f'<tr id="{anchor}">' in client.get(page).content.decode()


def test_an_unknown_change_is_a_404(client):
    assert client.get("/changes/law/999999999/").status_code == 404
    assert client.get("/changes/nosuchmodel/1/").status_code == 404


def test_a_permanent_link_costs_three_queries(client, django_assert_num_queries):
    [law] = checked_again([Law.objects.first()])
    history_id = law.history.latest().history_id

    # 1. the data version, 2. the change's time, 3. the number of changes before it (one UNION).
    # No session, no user.
    with django_assert_num_queries(3):
        response = client.get(f"/changes/law/{history_id}/")

    assert response.status_code == 302


def test_a_researchers_markup_and_source_address_reach_the_reader_as_text(client):
    source = SourceFactory(
        url="https://example.org/report?id=1&lang=en", title="Report <i>2026</i>"
    )
    law = Law.objects.filter(state__iso3="KHM").first()
    law.title = "Law <b>bold</b> & more"
    law.source = source
    law._change_reason = "Source: Gazette <https://example.org/gazette>"
    law.save()

    for url in ["/changes/feed/", "/countries/khm/feed/"]:
        entry = read(client, url).entries[0]
        assert entry.title.startswith("Changed: law: Cambodia · Law <b>bold</b> & more")
        text = shown(entry.summary)
        assert "Law <b>bold</b> & more" in text
        assert "Source: Report <i>2026</i>, https://example.org/report?id=1&lang=en" in text
        assert "Source: Gazette <https://example.org/gazette>" in text
        assert '<a href="https://example.org/report?id=1&amp;lang=en">' in entry.summary


def test_control_characters_in_a_title_do_not_break_the_feed(client):
    law = Law.objects.filter(state__iso3="KHM").first()
    # PostgreSQL refuses NUL in text, so no fact can hold one; every other control character can.
    law.title = "Law\x0bwith a vertical tab,\x7f a \x1b[31mcolour\x85 and a form feed\x0c"
    law.save()

    for url in ["/changes/feed/", "/countries/khm/feed/"]:
        entry = read(client, url).entries[0]
        assert entry.title.startswith(
            "Changed: law: Cambodia · Lawwith a vertical tab, a [31mcolour and a form feed"
        )


def test_a_treaty_feed_holds_that_treatys_changes_only(client):
    treaty = Treaty.objects.get(key="rome_statute_1998")
    other = TreatyAction.objects.exclude(treaty=treaty).first()
    other.notes = "checked again"
    other.save()
    mine = TreatyAction.objects.filter(treaty=treaty).first()
    mine.notes = "checked again"
    mine.save()

    entries = read(client, "/treaties/rome_statute_1998/feed/").entries

    assert entries[0].id.endswith(f"change/treatyaction/{mine.history.latest().history_id}")
    ids = {entry.id for entry in entries}
    assert not any(i.endswith(f"/{other.history.latest().history_id}") for i in ids)
    models = {entry.id.split(":")[-1].split("/")[1] for entry in entries}
    assert models <= {"treaty", "treatyaction", "statusobservation"}


def test_treaty_page_announces_its_feed(client):
    page = client.get("/treaties/rome_statute_1998/").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" title="Data changes for the Rome '
        'Statute" href="/treaties/rome_statute_1998/feed/">'
    ) in html.unescape(page)


def test_a_treaty_feed_of_an_unknown_treaty_is_a_404(client):
    assert client.get("/treaties/no_such_treaty/feed/").status_code == 404


def test_feeds_name_their_browser_stylesheet(client):
    body = client.get("/changes/feed/").content.decode()

    assert '<?xml-stylesheet href="/static/feeds/atom.xsl" media="all" type="text/xsl"?>' in body


def test_every_fact_model_has_a_permanent_change_address(client):
    cited = TreatyAction.objects.first().source
    for model in FACT_MODELS:
        fact = cited if model is Source else model.objects.first()
        fact._change_reason = "Checked again"
        fact.save()
        row = model.history.latest()
        response = client.get(f"/changes/{model._meta.model_name}/{row.history_id}/")
        assert response.status_code == 302, model
    load = DatasetLoad.objects.get()
    assert client.get(f"/changes/datasetload/{load.pk}/").status_code == 302
    assert client.get(f"/changes/datasetload/{load.pk + 1}/").status_code == 404


def test_printable_text_keeps_letters_and_line_breaks_and_drops_controls():
    assert printable("a\x00b\x0bc\td\ne\x7f\x9ff\ud800g\uffff") == "abc\td\nefg"
    assert printable("Việt Nam · Timor-Leste") == "Việt Nam · Timor-Leste"


def test_the_first_load_of_the_dataset_is_one_entry_of_the_feed(client):
    entries = read(client, "/changes/feed/").entries
    [load] = entries
    rows = sum(model.objects.count() for model in FACT_MODELS)

    assert (
        load.title
        == f"The dataset files v0.2 were loaded from asean: {rows:,} rows, each with its source"
    )
    assert shown(load.summary) == load.title
    assert load.id.endswith(f"change/datasetload/{DatasetLoad.objects.get().pk}")
