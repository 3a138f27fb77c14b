"""Review before publication, end to end in Chromium: a Researcher proposes a ratification in the
admin, the public scorecard does not change; an Editor approves it in the review queue, and the
scorecard and the changes log show it."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from commitments import medians, scoring
from commitments.models import State, Treaty, TreatyAction
from commitments.vocabularies import ReviewStatus, TreatyScope
from r2p_tracker import cache
from tests.helpers import PASSWORD, group

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _staff(username: str, group_name: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(group(group_name))
    return user


def _unrecorded_pair() -> tuple[State, Treaty]:
    """A state and a scored, universal treaty with no recorded action between them."""
    for state in State.objects.order_by("iso3"):
        acted = set(TreatyAction.objects.filter(state=state).values_list("treaty_id", flat=True))
        scored = Treaty.objects.filter(key__in=scoring.TREATY_KEYS, scope=TreatyScope.UNIVERSAL)
        for treaty in scored.order_by("key"):
            if treaty.pk not in acted:
                return state, treaty
    pytest.skip("every state has acted on every treaty")


def _log_in(browser, site: str, username: str):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{site}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Log in").click()
    return tab


def _choose(tab, field: str, search: str) -> None:
    """Picks `search` in an admin autocomplete box, as a person would: open, type, choose."""
    tab.locator(f"#id_{field} + .select2 .select2-selection").click()
    tab.fill(".select2-search__field", search)
    tab.locator(".select2-results__option--highlighted", has_text=search).first.wait_for()
    tab.keyboard.press("Enter")


def _scorecard(browser, site: str, state: State) -> str:
    """The public scorecard as a new reader sees it, computed afresh: nothing kept by the
    browser's own cache (a page may be kept for HTTP_CACHE_MAX_AGE seconds), and nothing kept by
    the site's caches (which the unchanged data version would otherwise serve)."""
    cache.clear()
    medians.clear()
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{site}{state.get_absolute_url()}")
    text = tab.locator("main").inner_text()
    context.close()
    return text


def test_a_proposed_ratification_goes_public_only_once_an_editor_approves(site, browser, page):
    state, treaty = _unrecorded_pair()
    _staff("rachel", "Researchers")
    _staff("edgar", "Editors")
    on = max(treaty.adopted_on, datetime.date.today() - datetime.timedelta(days=400))
    on = on + datetime.timedelta(days=1)
    before = _scorecard(browser, site, state)

    researcher = _log_in(browser, site, "rachel")
    researcher.goto(f"{site}/admin/commitments/treatyaction/add/")
    _choose(researcher, "state", state.short_name)
    _choose(researcher, "treaty", treaty.short_name)
    researcher.select_option("#id_action", "ratification")
    researcher.fill("#id_date", on.isoformat())
    source = treaty.source
    _choose(researcher, "source", source.title or source.url)
    with researcher.expect_navigation():
        researcher.get_by_role("button", name="Save", exact=True).click()
    assert "waits for an Editor" in researcher.locator(".messagelist").inner_text()
    proposed = TreatyAction.objects.get(state=state, treaty=treaty, action="ratification")
    assert proposed.review_status == ReviewStatus.PENDING

    assert _scorecard(browser, site, state) == before

    editor = _log_in(browser, site, "edgar")
    editor.goto(f"{site}/admin/commitments/state/review/")
    item = editor.locator(f"#review-treatyaction-{proposed.pk}")
    assert "rachel" in item.inner_text()
    with editor.expect_navigation():
        item.get_by_role("button", name="Approve and publish").click()
    assert "Published" in editor.locator(".messagelist").inner_text()

    assert on.isoformat() not in before
    after = _scorecard(browser, site, state)
    assert after != before
    assert on.isoformat() in after

    page.goto(f"{site}/changes/?state={state.iso3.lower()}")
    sentence = f"{state.short_name} ratified the {treaty.short_name} ({on.isoformat()})"
    assert page.locator("th", has_text=sentence).count() == 1
