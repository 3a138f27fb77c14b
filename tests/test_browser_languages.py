"""The scorecard in each shipped script in a real headless Chromium: the text is drawn with the
subsetted Noto face the site serves (no missing-glyph boxes on a device without the font), axe-core
finds nothing, and nothing overflows a 375 px screen, where Khmer and Thai lines run longer. A
screenshot per language is saved under test-results/screenshots/.

Without /usr/bin/chromium these tests skip; with REQUIRE_BROWSER=1 (CI) they fail instead.
"""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"

# The family each script's text must be drawn in, and a word of the page in that script.
SCRIPTS = {"km": ("Noto Sans Khmer", "កម្ពុជា"), "th": ("Noto Sans Thai", "กัมพูชา")}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_the_scorecard_renders_in_its_script_on_a_phone(site, phone, language):
    family, cambodia = SCRIPTS[language]

    phone.goto(f"{site}/{language}/countries/khm/")
    phone.evaluate("document.fonts.ready")

    assert phone.get_attribute("html", "lang") == language
    assert cambodia in phone.locator("h1").inner_text()
    # The face was fetched from this site and is in use: both weights the page needs loaded.
    faces = phone.evaluate(
        "[...document.fonts].filter(face => face.status === 'loaded')"
        ".map(face => face.family.replaceAll('\"', '') + ' ' + face.weight)"
    )
    assert f"{family} 400" in faces
    assert f"{family} 700" in faces
    fetched = phone.evaluate(
        "performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname)"
    )
    assert any(path.endswith(".subset.woff2") for path in fetched)
    assert phone.evaluate(f"document.fonts.check('16px \"{family}\"', {cambodia!r})")
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the {language} scorecard is {overflow}px wider than a 375px screen"

    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(phone)
    assert results.violations_count == 0, results.generate_report()
    assert phone.csp_errors == []
    phone.screenshot(path=SCREENSHOTS / f"country-{language}-375px.png", full_page=True)


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_the_language_switcher_leads_to_the_same_page_in_english(site, phone, language):
    phone.goto(f"{site}/{language}/treaties/rome_statute_1998/")

    with phone.expect_navigation():
        phone.get_by_role(
            "navigation", name=phone.locator("nav.language-switcher").get_attribute("aria-label")
        ).get_by_role("link", name="English").click()

    assert phone.url == f"{site}/treaties/rome_statute_1998/"
    assert phone.get_attribute("html", "lang") == "en"
