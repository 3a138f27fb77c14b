"""The details a reader notices: the icon, names in sentences, how current the data is, the date
box, and the API's front door."""

import datetime
import re

import pytest

from commitments import versioning, wording
from commitments.dates import PartialDate
from commitments.freshness import data_dates
from commitments.models import Source
from commitments.vocabularies import Precision
from tests.factories import SourceFactory

pytestmark = pytest.mark.usefixtures("dataset")


def text(response) -> str:
    return response.content.decode()


# The icon


def test_favicon_ico_is_an_icon_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_pages_name_their_icons(client):
    html = text(client.get("/"))

    assert 'rel="icon" href="/favicon.ico"' in html
    assert 'rel="apple-touch-icon" href="/apple-touch-icon.png"' in html


# Names inside sentences


@pytest.mark.parametrize(
    ("name", "in_sentence", "possessive"),
    [
        ("Cambodia", "Cambodia", "Cambodia's"),
        ("Philippines", "the Philippines", "the Philippines'"),
        ("Lao PDR", "Lao PDR", "Lao PDR's"),
        ("Timor-Leste", "Timor-Leste", "Timor-Leste's"),
        ("Marshall Islands", "the Marshall Islands", "the Marshall Islands'"),
        ("Cyprus", "Cyprus", "Cyprus'"),
    ],
)
def test_names_read_right_inside_a_sentence(name, in_sentence, possessive):
    assert wording.in_sentence(name) == in_sentence
    assert wording.possessive(name) == possessive


def test_no_page_or_feed_writes_an_s_after_an_s(client):
    for url in [
        "/countries/phl/",
        "/countries/phl/embed/",
        "/countries/phl/feed/",
        "/data/",
    ]:
        html = text(client.get(url))
        assert "s&#x27;s" not in html and "s's" not in html, url
    html = text(client.get("/countries/phl/"))
    assert "The Philippines&#x27; treaty status as CSV" in html
    assert "the Philippines&#x27; data" in html


# How current the data is


def test_footer_says_how_far_the_sources_reach_and_when_the_data_was_edited(client):
    newest = Source.objects.exclude(as_of=None).order_by("-as_of").first()
    edited = versioning.current().changed_at

    html = text(client.get("/countries/khm/"))

    footer = re.search(r'<p class="data-dates">(.*?)</p>', html, re.S)[1]
    assert "Data checked up to <time datetime=" in footer
    assert newest.as_of.isoformat()[:4] in footer
    assert f'last edited <time datetime="{edited.isoformat()}">{edited.date()}</time>' in footer
    assert "Data last changed" not in html


def test_checked_up_to_is_the_newest_date_a_source_speaks_for_at_its_precision(
    django_assert_num_queries,
):
    SourceFactory(as_of=datetime.date(2026, 10, 1), as_of_precision=Precision.MONTH)

    version = versioning.current()
    with django_assert_num_queries(1):
        dates = data_dates(version)

    assert dates.checked_up_to == PartialDate(datetime.date(2026, 10, 1), Precision.MONTH)
    assert dates.checked_up_to.isoformat() == "2026-10"
    assert dates.last_edited == version.changed_at


def test_a_day_beats_a_month_that_starts_on_it():
    SourceFactory(as_of=datetime.date(2026, 10, 1), as_of_precision=Precision.MONTH)
    SourceFactory(as_of=datetime.date(2026, 10, 1), as_of_precision=Precision.DAY)

    assert data_dates(versioning.current()).checked_up_to.isoformat() == "2026-10-01"


def test_an_empty_database_has_no_source_date(empty_database):
    assert data_dates(versioning.UNRECORDED).checked_up_to is None


# The date box


def test_the_date_box_is_plain_text_in_the_format_its_hint_gives(client):
    html = text(client.get("/countries/khm/", {"as_of": "2015-01-01"}))

    box = re.search(r'<input type="text" name="as_of"[^>]*>', html)[0]
    assert 'value="2015-01-01"' in box
    assert "A date as YYYY-MM-DD" in html
    assert 'type="date"' not in html


# The API's front door


def test_api_root_is_a_page_in_the_site_style_for_browsers(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")

    html = text(response)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert '<a class="skip-link" href="#main">' in html
    assert html.count("<h1") == 1
    for href in ["/api/v1/docs/", "/api/v1/schema/", "/api/v1/dataset.zip"]:
        assert f'href="{href}"' in html
    assert 'href="http://testserver/api/v1/states/"' in html


def test_api_root_answers_programs_with_json(client):
    for accept in ["application/json", "*/*"]:
        response = client.get("/api/v1/", HTTP_ACCEPT=accept)
        assert response["Content-Type"] == "application/json"
        assert response.json()["states"] == "http://testserver/api/v1/states/"


def test_api_root_stays_browsable_for_signed_in_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ada", is_staff=True))

    html = text(client.get("/api/v1/", HTTP_ACCEPT="text/html"))

    assert "Django REST framework" in html
    assert "R2P Tracker API, version 1" not in html
