"""The public pages in every published language: complete catalogues, addresses that carry the
language, a first visit that follows the browser, and the names of states and treaties.

A failure of the first test lists the messages to translate (docs/translating.md).
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from r2p_tracker import catalogues, fonts

pytestmark = pytest.mark.usefixtures("dataset")

TRANSLATED = catalogues.translated_languages()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_of_a_published_language_is_translated(language):
    todo = catalogues.missing(language)

    assert not todo, (
        f"{len(todo)} message(s) of {language} untranslated or fuzzy in "
        f"{catalogues.catalogue(language)}; translate them (docs/translating.md):\n"
        + "\n".join(f"  {msgid!r}" for msgid in todo)
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_its_source(language):
    assert not catalogues.stale(language), (
        f"locale/{language}/LC_MESSAGES/django.mo is not what django.po compiles to: "
        "run make messages and commit both files"
    )


def test_a_fuzzy_or_empty_message_counts_as_missing(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    po = tmp_path / "km" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Treaty"\nmsgstr "សន្ធិសញ្ញា"\n\n'
        '#, fuzzy\nmsgid "Status"\nmsgstr "សន្ធិសញ្ញា"\n\n'
        'msgid "Rank"\nmsgstr ""\n\n'
        'msgid "%(counter)s state"\nmsgid_plural "%(counter)s states"\nmsgstr[0] ""\n',
        encoding="utf-8",
    )

    assert catalogues.missing("km") == ["Status", "Rank", "%(counter)s state"]
    assert catalogues.stale("km")


def _visible_text(html: str) -> list[str]:
    """The page's text, node by node, without the titles of sources and the dataset's own text
    (marked `lang="en"`), which keep the language they are in."""
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<a [^>]*rel="external[^"]*"[^>]*>.*?</a>', " ", body, flags=re.S)
    body = re.sub(r'<span class="source">.*?</span>', " ", body, flags=re.S)
    # The dataset's own text, marked as English for screen readers.
    body = re.sub(r'<span lang="en">.*?</span>', " ", body, flags=re.S)
    nodes = (" ".join(node.split()) for node in re.split(r"<[^>]+>", body))
    return [node for node in nodes if node]


def _english_left(language: str, html: str) -> list[str]:
    """The catalogue's English sentences still on a page of `language`: a message that makes up
    most of a piece of text. The dataset's own text (a regional event's title, a researcher's
    description) stays in English and may contain a short message's words, e.g. "establishment";
    it is not a message left untranslated."""
    nodes = _visible_text(html)
    return [
        message.msgid
        for message in catalogues.read_po(catalogues.catalogue(language))
        if len(message.msgid) > 12
        and "%" not in message.msgid
        and "{" not in message.msgid
        and message.translations[0] != message.msgid
        and any(message.msgid in node and 2 * len(message.msgid) >= len(node) for node in nodes)
    ]


@pytest.mark.parametrize(
    ("language", "cambodia", "party"), [("km", "កម្ពុជា", "រដ្ឋភាគី"), ("th", "กัมพูชา", "รัฐภาคี")]
)
def test_the_scorecard_of_cambodia_reads_in_the_language_of_its_address(
    client, language, cambodia, party
):
    response = client.get(f"/{language}/countries/khm/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert cambodia in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert party in html
    assert "/docs/translating.md" in html
    assert _english_left(language, html) == []


@pytest.mark.parametrize("language", ["km", "th"])
@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/treaties/rome_statute_1998/",
        "/methodology/",
        "/methodology/?method=1",
        "/changes/",
        "/data/",
        "/countries/tls/?as_of=2000-01-01",
        "/countries/mmr/embed/",
        "/countries/phl/",
        "/asean/",
        "/countries/",
        "/treaties/",
    ],
)
def test_every_public_page_reads_in_the_language_of_its_address(client, language, page):
    response = client.get(f"/{language}{page}")

    assert response.status_code == 200
    assert _english_left(language, response.content.decode()) == []


def test_english_keeps_its_unprefixed_addresses(client):
    response = client.get("/countries/khm/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Cambodia: R2P commitments scorecard" in html
    assert "/docs/translating.md" not in html
    assert client.get("/en/countries/khm/?as_of=2015-01-01")["Location"] == (
        "/countries/khm/?as_of=2015-01-01"
    )
    assert client.get("/en/")["Location"] == "/"


def test_every_page_links_to_itself_in_every_language_named_in_itself(client):
    html = client.get("/th/treaties/rome_statute_1998/?as_of=2015-01-01").content.decode()

    for code, name in [("en", "English"), ("km", "ខ្មែរ"), ("th", "ไทย"), ("vi", "Tiếng Việt")]:
        prefix = "" if code == "en" else f"/{code}"
        address = f"{prefix}/treaties/rome_statute_1998/?as_of=2015-01-01"
        assert f'href="{address}" hreflang="{code}" lang="{code}"' in html
        assert f">{name}</a>" in html
        alternate = f'hreflang="{code}" href="http://testserver{prefix}/treaties/rome_statute_1998/'
        assert f'<link rel="alternate" {alternate}?as_of=2015-01-01">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/treaties/' in html
    assert 'aria-current="true">ไทย</a>' in html


def test_a_first_visit_follows_the_browsers_language(client):
    response = client.get("/countries/khm/?as_of=2015-01-01", HTTP_ACCEPT_LANGUAGE="km,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/km/countries/khm/?as_of=2015-01-01"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "km"
    assert "Accept-Language" in response["Vary"]


def test_a_reader_who_chose_english_stays_in_english(client):
    from_this_site = client.get(
        "/countries/khm/",
        HTTP_ACCEPT_LANGUAGE="th",
        HTTP_REFERER="http://testserver/th/countries/khm/",
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    with_the_cookie = client.get("/countries/khm/", HTTP_ACCEPT_LANGUAGE="th")

    for response in (from_this_site, with_the_cookie):
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()


def test_an_english_browser_and_the_api_are_never_redirected(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,km;q=0.8").status_code == 200
    api = client.get("/api/v1/states/khm/", HTTP_ACCEPT_LANGUAGE="km")
    assert api.status_code == 200
    assert api.json()["short_name"] == "Cambodia"
    assert client.get("/km/api/v1/states/").status_code == 404


def test_the_address_not_the_browser_decides_what_is_kept_and_served(client):
    khmer = client.get("/km/methodology/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    english = client.get("/methodology/", HTTP_REFERER="http://testserver/").content.decode()
    kept_khmer = client.get("/km/methodology/").content.decode()

    assert '<html lang="km">' in khmer
    assert '<html lang="en">' in english
    assert kept_khmer == khmer


def test_a_translated_scorecard_costs_no_more_queries_than_the_english_one(client):
    client.get("/countries/phl/")  # keeps the ASEAN medians both pages read
    counts = {}
    for address in ("/countries/khm/", "/km/countries/khm/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address, HTTP_REFERER="http://testserver/").status_code == 200
        counts[address] = len(queries)

    assert counts["/countries/khm/"] == counts["/km/countries/khm/"]


def test_the_fonts_hold_every_khmer_and_thai_character_the_catalogues_use():
    from fontTools.ttLib import TTFont

    static = settings.BASE_DIR / "static" / "fonts"
    for script, language in zip(fonts.SCRIPTS, ("km", "th"), strict=True):
        points = set(script.unicodes)
        used = {
            ord(character)
            for message in catalogues.read_po(catalogues.catalogue(language))
            for translation in message.translations
            for character in translation
            if ord(character) in points
        }
        for weight in fonts.WEIGHTS:
            face = TTFont(static / f"{script.family}-{weight}.subset.woff2")
            assert used - set(face.getBestCmap()) == set(), (script.family, weight)


@pytest.mark.skipif(not fonts.NOTO_DIR.exists(), reason="Debian's fonts-noto-core is missing")
def test_subset_fonts_writes_small_woff2_files_of_each_script(tmp_path):
    from fontTools.ttLib import TTFont

    call_command("subset_fonts", target=tmp_path, stdout=io.StringIO())

    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(
        f"{script.family}-{weight}.subset.woff2"
        for script in fonts.SCRIPTS
        for weight in fonts.WEIGHTS
    )
    khmer = TTFont(tmp_path / "NotoSansKhmer-Regular.subset.woff2")
    assert khmer.flavor == "woff2"
    assert ord("ក") in khmer.getBestCmap()
    assert ord("A") not in khmer.getBestCmap()
    assert (tmp_path / "NotoSansKhmer-Regular.subset.woff2").stat().st_size < 40_000


def test_the_guide_to_correcting_a_translation_is_served(client):
    response = client.get("/docs/translating.md")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "compilemessages" in response.content.decode()


def test_a_page_in_english_only_offers_no_other_language(client):
    html = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()

    assert 'hreflang="km"' not in html
    assert "language-switcher" not in html


def test_a_translated_scorecard_shares_the_english_preview_image(client):
    from django.core.cache import cache

    khmer = client.get("/km/countries/khm/preview.png").content
    cache.clear()
    english = client.get("/countries/khm/preview.png").content

    assert khmer[:8] == b"\x89PNG\r\n\x1a\n"
    assert khmer == english
