"""Sharing a page: Open Graph and Twitter card tags on every page, and each scorecard's preview
image (PNG, 1200x630) drawn on the server and kept per data version."""

from __future__ import annotations

import io
import re

import pytest
from django.template.loader import get_template
from PIL import Image, ImageChops

from commitments import previews, scoring
from commitments.models import State, Treaty, TreatyAction
from commitments.vocabularies import Action

pytestmark = pytest.mark.usefixtures("dataset")

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
PAGES = [
    "/",
    "/countries/khm/",
    "/countries/khm/embed/",
    "/treaties/cat_1984/",
    "/methodology/",
    "/changes/",
    "/data/",
    "/api/v1/",
    "/countries/xyz/",
]
TAGS = [
    ("property", "og:title"),
    ("property", "og:description"),
    ("property", "og:url"),
    ("property", "og:image"),
    ("property", "og:image:alt"),
    ("name", "twitter:card"),
    ("name", "twitter:title"),
    ("name", "twitter:description"),
    ("name", "twitter:image"),
]


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))


def png(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_open_graph_and_twitter_tags(client, url):
    html = client.get(url, HTTP_ACCEPT=HTML).content.decode()

    tags = meta(html)
    for _attribute, name in TAGS:
        assert tags.get(name), f"{url}: no {name}"
    assert tags["og:url"].startswith("http://testserver/")
    assert tags["og:image"].startswith("http://testserver/")
    assert tags["twitter:card"] == "summary_large_image"
    assert f'<link rel="canonical" href="{tags["og:url"]}">' in html


def test_a_scorecard_shares_its_own_title_summary_and_image_for_its_date(client):
    html = client.get("/countries/phl/", {"as_of": "2015-01-01", "sort": "total"}).content
    tags = meta(html.decode())

    assert tags["og:title"] == "Philippines: R2P commitments scorecard"
    assert tags["og:description"].startswith("The Philippines&#x27; Responsibility to Protect")
    assert "as of 2015-01-01" in tags["og:description"]
    # The sort order shows the same page; the date does not.
    assert tags["og:url"] == "http://testserver/countries/phl/?as_of=2015-01-01"
    assert tags["og:image"] == "http://testserver/countries/phl/preview.png?as_of=2015-01-01"


def test_other_pages_share_the_site_image(client):
    tags = meta(client.get("/methodology/").content.decode())

    assert tags["og:image"] == "http://testserver/preview.png"
    image = png(client.get("/preview.png"))
    assert image.size == (1200, 630)


def test_the_error_page_renders_without_sharing_tags_when_there_is_no_request():
    html = get_template("500.html").render()

    assert "og:image" not in html


def test_a_scorecard_preview_is_a_1200_by_630_png(client):
    image = png(client.get("/countries/khm/preview.png"))

    assert image.size == (1200, 630)
    assert image.format == "PNG"


def _khm_rome_statute_ratification() -> TreatyAction:
    return TreatyAction.objects.get(
        state__iso3="KHM", treaty__key="rome_statute_1998", action=Action.RATIFICATION
    )


def test_the_preview_changes_with_the_data_and_only_then(client):
    before = client.get("/countries/khm/preview.png").content
    assert client.get("/countries/khm/preview.png").content == before

    _khm_rome_statute_ratification().delete()

    after = client.get("/countries/khm/preview.png").content
    assert after != before
    difference = ImageChops.difference(
        Image.open(io.BytesIO(before)).convert("RGB"), Image.open(io.BytesIO(after)).convert("RGB")
    )
    assert difference.getbbox() is not None


def test_a_past_date_has_its_own_preview(client):
    today = client.get("/countries/phl/preview.png").content
    past = client.get("/countries/phl/preview.png", {"as_of": "2015-01-01"}).content

    assert past != today


def test_a_kept_preview_costs_one_query(client, django_assert_num_queries):
    # Drawn: 1. the data version, 2. treaties, 3.-10. State.objects.for_scorecard() (the
    # Philippines has an institution, so its accreditations are read too), for the ranks:
    # 11. each state's latest change, 12. the states, 13.-20. the scored facts of every state
    # whose scores are not kept (all of them here: State.objects.for_scorecard() again).
    with django_assert_num_queries(20):
        client.get("/countries/phl/preview.png", HTTP_ACCEPT="image/png")
    # Kept (a different Accept header, so the response cache does not answer): the version only.
    with django_assert_num_queries(1):
        response = client.get("/countries/phl/preview.png", HTTP_ACCEPT="image/*")

    assert response.status_code == 200


def test_bad_preview_requests_are_client_errors(client):
    assert client.get("/countries/xyz/preview.png").status_code == 404
    response = client.get("/countries/khm/preview.png", {"as_of": "2999-01-01"})
    assert response.status_code == 400
    assert "Choose a date" in response.content.decode()


def test_the_preview_says_name_total_coverage_date_and_method(today):
    state = State.objects.for_scorecard().get(iso3="KHM")
    card = scoring.score_state(state, list(Treaty.objects.all()), today, today)

    preview = previews.ScorecardPreview.of(state, card)

    assert preview.lines == [
        "Cambodia",
        f"{card.total:.0f}",
        f"{card.coverage.known} of {card.coverage.total} indicators known",
        f"as of {today.isoformat()}",
        f"scoring method {scoring.METHOD_VERSION}",
    ]
    assert preview.rank is None


def test_the_preview_prints_the_rank_when_the_state_has_one():
    assert previews.rank_line(scoring.Rank(3, 11)) == "rank 3 of 11"
    assert previews.rank_line(scoring.Rank(None, 11)) is None
    assert previews.rank_line(None) is None


def _drawn(preview: previews.ScorecardPreview) -> Image.Image:
    return Image.open(io.BytesIO(previews.scorecard_png(preview))).convert("RGB")


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Thailand"},
        {"total": "12"},
        {"coverage": "3 of 28 indicators known", "known": 3},
        {"date": "as of 2001-01-01"},
        {"method": "scoring method 9.9"},
        {"rank": "rank 3 of 11"},
    ],
)
def test_every_line_of_the_preview_is_drawn(change):
    base = previews.ScorecardPreview(
        name="Cambodia",
        total="62",
        coverage="20 of 28 indicators known",
        known=20,
        indicators=28,
        date="as of 2026-11-27",
        method="scoring method 1.0",
    )

    changed = previews.ScorecardPreview(**{**base.__dict__, **change})

    assert ImageChops.difference(_drawn(base), _drawn(changed)).getbbox() is not None
