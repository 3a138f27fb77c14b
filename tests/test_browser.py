"""Every page type in a real headless Chromium on a live server: it renders, its `as_of` control
works, axe-core finds no violations, the keyboard reaches the skip link first, the content security
policy blocks nothing, and it fits a 320 px screen. A screenshot of each page type is saved under
test-results/screenshots/ for review.

Without /usr/bin/chromium these tests skip; with REQUIRE_BROWSER=1 (CI) they fail instead.
"""

import datetime
import http.server
import threading
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import DESKTOP, checked_again

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
PHONE = {"width": 320, "height": 720}


def assert_no_axe_violations(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_skip_link_comes_first(page) -> None:
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.getAttribute('href'), document.activeElement.textContent]"
    )
    assert focused == ["#main", "Skip to main content"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def assert_fits_a_phone(page, name: str) -> None:
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a 320px screen"
    page.screenshot(path=SCREENSHOTS / f"{name}-320px.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def check_page(page, name: str) -> None:
    """One h1, no axe violation, the skip link first, nothing blocked by CSP, fits 320px."""
    page.goto(page.url.split("#")[0])
    assert page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang") == "en"
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    assert_no_axe_violations(page)
    assert_skip_link_comes_first(page)
    assert_fits_a_phone(page, name)
    assert page.csp_errors == []


def submit_as_of(page, date: str) -> None:
    page.fill("#id_as_of", date)
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert f"as_of={date}" in page.url


def indicator_status(page, label: str) -> str:
    row = page.locator("table.indicators tr", has=page.locator("th", has_text=label)).first
    return row.locator(".status").inner_text()


def test_overview_renders_and_shows_a_past_date(site, page):
    page.goto(f"{site}/")
    assert page.get_by_role("table", name="Rank, total and group scores").count() == 1
    check_page(page, "overview")

    submit_as_of(page, "2015-01-01")

    assert page.get_by_role("heading", name="Ranks and scores as of 2015-01-01").is_visible()
    page.screenshot(path=SCREENSHOTS / "overview-2015.png", full_page=True)


def test_overview_sorts_without_javascript(site, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/?sort=name")
    page.get_by_role("link", name="rank and total score").click()

    totals = page.locator("td.total").all_inner_texts()
    assert "sort=-total" in page.url
    numbers = [float(t) for t in totals if t.replace(".", "").isdigit()]
    assert numbers == sorted(numbers, reverse=True)
    context.close()


def test_country_scorecard_renders_and_shows_a_past_date(site, page):
    page.goto(f"{site}/countries/phl/")
    assert indicator_status(page, "Rome Statute") == "withdrawn"
    check_page(page, "country")

    submit_as_of(page, "2015-01-01")

    assert indicator_status(page, "Rome Statute") == "party"
    assert page.get_by_text("The record as it stood on 2015-01-01").is_visible()


@pytest.fixture
def later_state(site):
    """A state that became independent in 2020, so that the overview of 2017 has ranked states,
    states with insufficient data and a state that did not exist yet."""
    from tests.factories import SourceFactory, StateFactory

    return StateFactory(
        iso3="FRA",
        short_name="Newland",
        independent_on=datetime.date(2020, 1, 1),
        independent_on_precision="day",
        independence_source=SourceFactory(title="Newland's independence"),
    )


def scores_row(page, state: str):
    return page.locator("table.scores tr", has=page.get_by_role("rowheader", name=state)).first


def test_overview_ranks_and_sets_apart_insufficient_data_and_not_applicable(
    site, page, later_state
):
    page.goto(f"{site}/?as_of=2017-01-01")

    cambodia = scores_row(page, "Cambodia")
    # Ranked among the eleven states of 2017: Newland did not exist yet.
    assert cambodia.locator("td.rank").inner_text().endswith(" of 11")
    laos = scores_row(page, "Lao PDR")
    assert laos.locator("td.rank").inner_text() == "no rank"
    assert laos.locator("td.total").inner_text() == "insufficient data"
    newland = scores_row(page, "Newland")
    assert newland.locator("td.total").inner_text() == "not applicable"
    headers = page.locator("table.scores th[scope=rowgroup]").all_inner_texts()
    assert headers[0].startswith("Insufficient data")
    assert headers[1] == "Not applicable: not yet independent on this date"
    check_page(page, "overview-ranks")


@pytest.mark.parametrize(
    ("path", "standing", "name"),
    [
        ("/countries/khm/", "Rank ", "country-ranked"),
        ("/countries/khm/?as_of=2005-01-01", "Insufficient data", "country-insufficient"),
        ("/countries/fra/?as_of=2017-01-01", "No score: not yet independent", "country-absent"),
    ],
)
def test_scorecards_say_rank_insufficient_data_or_not_applicable(
    site, page, later_state, path, standing, name
):
    page.goto(f"{site}{path}")

    assert page.locator("#standing").inner_text().startswith(standing)
    check_page(page, name)


def test_a_scorecard_under_method_1_links_back_to_the_current_method(site, page):
    page.goto(f"{site}/countries/khm/?method=1")
    assert (
        page.locator("#method-notice")
        .inner_text()
        .startswith("Scores recomputed under scoring method 1.0")
    )

    with page.expect_navigation():
        page.get_by_role("link", name="See them under the current method, 2.0").click()

    assert "method=" not in page.url
    assert page.locator("#method-notice").inner_text().startswith("Scores under scoring method 2.0")


def test_country_scorecard_prints_without_controls(site, page):
    page.goto(f"{site}/countries/khm/")
    page.emulate_media(media="print")

    assert not page.locator(".as-of-form").is_visible()
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("heading", name="Cite this page").is_visible()
    page.screenshot(path=SCREENSHOTS / "country-print.png", full_page=True)


def test_country_scorecard_explains_an_invalid_date(site, page):
    response = page.goto(f"{site}/countries/khm/?as_of=1900-01-01")

    assert response.status == 400
    assert page.get_by_role("alert").inner_text().startswith("That date could not be used.")
    assert page.locator("#id_as_of").get_attribute("aria-invalid") == "true"
    check_page(page, "country-invalid-date")


def test_treaty_page_renders_and_shows_a_past_date(site, page):
    page.goto(f"{site}/treaties/rome_statute_1998/")
    check_page(page, "treaty")

    submit_as_of(page, "2015-01-01")

    row = page.locator("tr", has=page.get_by_role("rowheader", name="Philippines")).first
    assert row.locator(".status").inner_text() == "party"


def test_asean_page_renders_and_shows_a_past_date(site, page):
    page.goto(f"{site}/asean/")
    heading = "The High-Level Advisory Panel on R2P in Southeast Asia"
    assert page.get_by_role("heading", name=heading).is_visible()
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Viet Nam")).first
    assert row.locator(".status").inner_text() == "party"
    check_page(page, "asean")

    submit_as_of(page, "2016-01-01")

    row = page.locator("tr", has=page.get_by_role("rowheader", name="Viet Nam")).first
    assert row.locator(".status").inner_text() == "signatory"


def test_methodology_page_renders(site, page):
    page.goto(f"{site}/methodology/")
    assert page.get_by_text("Scoring method version").is_visible()
    check_page(page, "methodology")


def test_changes_page_renders_and_pages(site, page):
    from commitments.models import TreatyAction
    from commitments.views import CHANGES_PER_PAGE

    # More than a page of changes after the dataset's first load, which is one entry.
    checked_again(TreatyAction.objects.order_by("pk")[:CHANGES_PER_PAGE])
    page.goto(f"{site}/changes/")
    check_page(page, "changes")

    with page.expect_navigation():
        page.get_by_role("link", name="Older").click()

    assert "page=2" in page.url
    assert page.get_by_role("table").count() == 1
    assert page.get_by_text("The dataset files v0.2 were loaded from asean").is_visible()


def test_data_page_renders(site, page):
    page.goto(f"{site}/data/")
    assert page.get_by_role("link", name="API documentation").get_attribute("href") == (
        "/api/v1/docs/"
    )
    check_page(page, "data")


def test_not_found_page_renders_in_the_site_style(site, page):
    response = page.goto(f"{site}/countries/xyz/")

    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    check_page(page, "not-found")


def test_embed_renders_at_a_past_date(site, page):
    page.goto(f"{site}/countries/phl/embed/")
    check_page(page, "embed")

    page.goto(f"{site}/countries/phl/embed/?as_of=2015-01-01")

    assert page.get_by_text("As of 2015-01-01").is_visible()


@pytest.fixture
def other_site():
    """Another origin on the loopback interface, serving the page its handler is given."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_only_the_embed_loads_inside_another_sites_frame(site, page, other_site):
    pages, origin = other_site
    pages["/"] = (
        '<!DOCTYPE html><html lang="en"><title>Another site</title>'
        f'<iframe title="embed" src="{site}/countries/khm/embed/"></iframe>'
        f'<iframe title="page" src="{site}/countries/khm/"></iframe></html>'
    ).encode()

    page.goto(f"{origin}/")
    embed = page.frame_locator('iframe[title="embed"]').locator("h1")

    assert "Cambodia" in embed.inner_text(timeout=10_000)
    assert page.frame_locator('iframe[title="page"]').locator("h1").inner_text() != (
        "Cambodia: R2P commitments scorecard"
    )
    assert any("frame-ancestors 'none'" in error for error in page.csp_errors)


def assert_only_the_browsers_xslt_banner_was_blocked(page) -> None:
    """The page the stylesheet writes has no inline style or script, and its site stylesheets
    load. Chromium adds a banner of its own (XSLT is deprecated) with inline styles and handlers,
    which the policy blocks: those are the only errors allowed."""
    assert page.evaluate(
        "[...document.querySelectorAll('[style], [onclick]')]"
        ".every(element => element.closest('xslt-warning-banner'))"
    )
    for error in page.csp_errors:
        assert error.startswith(("Applying inline style", "Executing inline event handler")), error
    brand = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert brand == "rgb(20, 61, 89)"


def test_a_feed_opened_in_the_browser_explains_how_to_subscribe(site, page):
    response = page.goto(f"{site}/changes/feed/")

    assert response.headers["content-type"].startswith("application/xml")
    assert page.get_by_role("heading", name="R2P Tracker: data changes", level=1).is_visible()
    assert page.get_by_role("heading", name="subscribe to follow the changes").is_visible()
    assert page.locator(".feed-address").inner_text() == f"{site}/changes/feed/"
    first = page.locator(".feed-entries a").first
    assert first.get_attribute("href").startswith(f"{site}/changes/")
    page.screenshot(path=SCREENSHOTS / "feed.png", full_page=True)
    assert_only_the_browsers_xslt_banner_was_blocked(page)

    with page.expect_navigation():
        first.click()
    anchor = page.url.split("#")[1]
    assert page.locator(f"tr#{anchor}").is_visible()


def test_a_treaty_feed_opens_as_a_page_too(site, page):
    page.goto(f"{site}/treaties/rome_statute_1998/feed/")

    assert page.get_by_role("heading", level=1).inner_text() == (
        "R2P Tracker: data changes for the Rome Statute"
    )
    assert_only_the_browsers_xslt_banner_was_blocked(page)


def test_the_date_box_shows_and_takes_iso_dates_in_any_locale(site, browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = context.new_page()
    page.goto(f"{site}/countries/khm/?as_of=2015-01-01")
    box = page.get_by_label("As of", exact=True)

    assert box.input_value() == "2015-01-01"
    assert "YYYY-MM-DD" in page.locator("#as-of-help").inner_text()

    box.fill("")
    box.press_sequentially("2016-03-08")
    with page.expect_navigation():
        box.press("Enter")
    assert "as_of=2016-03-08" in page.url
    assert page.get_by_label("As of", exact=True).input_value() == "2016-03-08"
    context.close()


def embed_code(page, site: str, iso3: str) -> tuple[str, str]:
    """The iframe and the resizing script the country page offers for pasting."""
    page.goto(f"{site}/countries/{iso3}/")
    # The script sits in a closed <details>: its text, not its rendering.
    return page.locator("#embed-iframe").inner_text(), page.locator("#embed-script").text_content()


def loaded_frame(page):
    """The embed inside the host page, once it and its stylesheets and script have loaded."""
    page.frame_locator("iframe").locator("h1").wait_for()
    frame = page.frames[1]
    frame.wait_for_load_state("load")
    return frame


def in_view(frame, selector: str) -> bool:
    """Whether the element is wholly inside the frame's viewport."""
    return frame.locator(selector).evaluate(
        "element => { const box = element.getBoundingClientRect();"
        " return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight"
        " && box.right <= innerWidth && box.height > 0; }"
    )


EMBED_PARTS = ["table.embed-groups", ".embed-footer a", ".embed-credit", "h1"]


def test_the_suggested_frame_shows_the_whole_embed_for_every_state(site, page, other_site):
    from commitments.models import State

    pages, origin = other_site
    for iso3 in State.objects.order_by("iso3").values_list("iso3", flat=True):
        iframe, _script = embed_code(page, site, iso3.lower())
        for query in ["", "?as_of=2015-01-01"]:
            path = f"/{iso3}{query}"
            pages[path] = (
                f'<!DOCTYPE html><html lang="en"><title>Host</title>'
                f"{iframe.replace('/embed/', '/embed/' + query)}</html>"
            ).encode()
            page.goto(origin + path)
            inner = loaded_frame(page)
            overflow = inner.evaluate(
                "[document.documentElement.scrollHeight - innerHeight,"
                " document.documentElement.scrollWidth - innerWidth]"
            )
            assert overflow[0] <= 0 and overflow[1] <= 0, (iso3, query, overflow)
            for part in EMBED_PARTS:
                assert in_view(inner, part), (iso3, query, part)
    page.screenshot(path=SCREENSHOTS / "embed-in-a-host-page.png")
    assert page.csp_errors == []


def test_the_embed_reports_its_height_and_the_host_script_fits_the_frame(site, page, other_site):
    pages, origin = other_site
    iframe, script = embed_code(page, site, "mmr")
    # A narrow column: the card wraps and grows taller than the suggested frame.
    narrow = iframe.replace('width="360"', 'width="280"')
    pages["/"] = (
        '<!DOCTYPE html><html lang="en"><title>Host</title><body>'
        f"<div>{narrow}</div>{script}</body></html>"
    ).encode()

    page.goto(f"{origin}/")
    inner = loaded_frame(page)
    page.wait_for_function("document.querySelector('iframe').height !== '540'")
    content = inner.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    frame_height = int(page.locator("iframe").get_attribute("height"))
    assert content > 540
    assert frame_height == content
    # The frame now holds the whole card: no scrolling inside it.
    assert inner.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert page.csp_errors == []


def test_in_a_frame_too_small_the_link_and_credit_stay_in_view(site, page, other_site):
    pages, origin = other_site
    pages["/"] = (
        '<!DOCTYPE html><html lang="en"><title>Host</title>'
        f'<iframe title="embed" src="{site}/countries/khm/embed/" width="360" height="260">'
        "</iframe></html>"
    ).encode()

    page.goto(f"{origin}/")

    inner = loaded_frame(page)
    assert not in_view(inner, "table.embed-groups")
    assert in_view(inner, ".embed-footer a")
    assert in_view(inner, ".embed-credit")
    page.screenshot(path=SCREENSHOTS / "embed-in-a-small-frame.png")


def test_api_root_is_a_page_in_the_site_style(site, page):
    page.goto(f"{site}/api/v1/")

    assert page.get_by_role("heading", name="R2P Tracker API, version 1").is_visible()
    for name in ["Interactive documentation", "OpenAPI schema", "The whole dataset"]:
        assert page.get_by_role("link", name=name).is_visible()
    check_page(page, "api-root")


def test_a_feed_page_fits_a_phone_and_passes_axe(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/countries/phl/feed/")

    assert page.get_by_role("heading", level=1).inner_text() == (
        "R2P Tracker: data changes for the Philippines"
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Chromium's own banner about XSLT is not part of the page.
    page.evaluate("document.querySelector('xslt-warning-banner')?.remove()")
    assert_no_axe_violations(page)
    page.screenshot(path=SCREENSHOTS / "feed-375px.png", full_page=True)
