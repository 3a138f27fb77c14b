"""A change to one state's facts is announced for that state alone, and the other scorecards
reuse what they kept; anything that may concern every state makes every scorecard again."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from commitments import medians, scoring, state_parts, versioning
from commitments.models import (
    Accreditation,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    Treaty,
    TreatyAction,
)
from commitments.templatetags.scorecard import score
from commitments.vocabularies import Action, Precision
from r2p_tracker import cache as response_cache
from r2p_tracker import shells
from tests.factories import LawFactory, NHRIFactory, SourceFactory, TreatyActionFactory
from tests.helpers import body

pytestmark = pytest.mark.usefixtures("dataset")


def text(response) -> str:
    return body(response).decode()


def _numbers() -> dict[str, int]:
    """Each state's number of its latest change that may concern it, by ISO code."""
    version = versioning.current()
    numbers = dict(versioning.StateVersion.objects.values_list("state", "number"))
    return {
        iso3: version.of_state(numbers, pk) for pk, iso3 in State.objects.values_list("pk", "iso3")
    }


def _a_new_law(iso3: str, title: str = "Act on the prevention of atrocity crimes") -> Law:
    """A published law of `iso3`, citing a source already on record (a new source would be a
    change that may concern every state)."""
    return LawFactory(
        state=State.objects.get(iso3=iso3), title=title, source=Source.objects.first()
    )


def test_a_change_to_one_states_facts_is_announced_for_that_state_alone():
    before = _numbers()

    _a_new_law("KHM")

    after = _numbers()
    assert after["KHM"] == versioning.current().number > before["KHM"]
    assert {k: v for k, v in after.items() if k != "KHM"} == {
        k: v for k, v in before.items() if k != "KHM"
    }


def test_moving_a_fact_to_another_state_is_announced_for_both():
    law = _a_new_law("KHM")
    law = Law.objects.get(pk=law.pk)
    before = _numbers()

    law.state = State.objects.get(iso3="PHL")
    law.save()

    after = _numbers()
    number = versioning.current().number
    assert after["KHM"] == after["PHL"] == number
    assert after["IDN"] == before["IDN"]


def test_moving_an_accreditation_to_another_states_institution_is_announced_for_both():
    source = Source.objects.first()
    khm = NHRIFactory(state=State.objects.get(iso3="KHM"), source=source)
    phl = NationalHumanRightsInstitution.objects.filter(state__iso3="PHL").first()
    accreditation = Accreditation.objects.create(
        nhri=khm,
        status="A",
        decided_on=datetime.date(2020, 1, 1),
        source=source,
        review_status="published",
    )
    accreditation = Accreditation.objects.get(pk=accreditation.pk)
    before = _numbers()

    accreditation.nhri = phl
    accreditation.save()

    after = _numbers()
    assert after["KHM"] == after["PHL"] == versioning.current().number
    assert after["IDN"] == before["IDN"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: Source.objects.first().save(), id="a source"),
        pytest.param(lambda: Treaty.objects.first().save(), id="a treaty"),
        pytest.param(lambda: State.objects.get(iso3="KHM").save(), id="a state's own record"),
        # Saved without having been read: which state it belonged to cannot be told.
        pytest.param(
            lambda: Law(
                **{
                    f.attname: getattr(Law.objects.first(), f.attname)
                    for f in Law._meta.concrete_fields
                }
            ).save(),
            id="a fact overwritten unread",
        ),
    ],
)
def test_what_may_concern_every_state_is_announced_for_every_state(change):
    change()

    number = versioning.current().number
    assert set(_numbers().values()) == {number}


def test_a_new_source_concerns_no_state_and_its_fact_only_its_state():
    before = _numbers()
    shared = versioning.current().shared

    source = SourceFactory()
    after_source = _numbers()
    LawFactory(state=State.objects.get(iso3="KHM"), source=source)

    after = _numbers()
    assert after_source == before
    assert versioning.current().shared == shared
    assert {k: v for k, v in after.items() if k != "KHM"} == {
        k: v for k, v in before.items() if k != "KHM"
    }
    assert after["KHM"] == versioning.current().number


def test_a_fact_saved_for_review_only_announces_nothing():
    before = (versioning.current().number, _numbers())

    LawFactory(
        state=State.objects.get(iso3="KHM"), source=Source.objects.first(), review_status="pending"
    )

    assert (versioning.current().number, _numbers()) == before


def _shown_rank_and_median(html: str) -> tuple[str, str]:
    rank = re.search(r"<dt>Rank</dt><dd class=\"big\">([^<]*)</dd>", html).group(1)
    median = re.search(r"<dt>ASEAN median</dt><dd class=\"big\">([^<]*)</dd>", html).group(1)
    return rank, median


def _expected_median() -> str:
    today = timezone.localdate()
    treaties = list(Treaty.objects.all())
    cards = [scoring.score_state(s, treaties, today, today) for s in State.objects.for_scorecard()]
    return score(scoring.group_medians(cards)["total"])


def _ratify_everything(iso3: str) -> None:
    """Every treaty ratified by `iso3` today: its total rises, and so may the median."""
    state = State.objects.get(iso3=iso3)
    source = Source.objects.first()
    for treaty in Treaty.objects.exclude(actions__state=state):
        TreatyActionFactory(
            state=state,
            treaty=treaty,
            action=Action.RATIFICATION,
            date=timezone.localdate() - datetime.timedelta(days=1),
            date_precision=Precision.DAY,
            source=source,
        )


def test_after_a_change_to_one_state_another_scorecard_is_the_page_computed_from_nothing(client):
    client.get("/countries/phl/")
    client.get("/countries/mmr/")

    _ratify_everything("MMR")
    kept = text(client.get("/countries/phl/"))

    # The same page with nothing kept: every state scored and rendered from its facts.
    response_cache.clear()
    state_parts.forget()
    medians.clear()
    versioning.forget_state_numbers()
    assert text(client.get("/countries/phl/")) == kept
    assert _shown_rank_and_median(kept)[1] == _expected_median()


def test_a_change_to_a_state_shows_at_once_on_its_own_scorecard_and_the_medians(client):
    before = text(client.get("/countries/mmr/"))
    client.get("/countries/phl/")

    _a_new_law("MMR", "Act on the prevention of atrocity crimes, for this test")

    assert "for this test" not in before
    assert "for this test" in text(client.get("/countries/mmr/"))
    _ratify_everything("MMR")
    assert _shown_rank_and_median(text(client.get("/countries/phl/")))[1] == _expected_median()


def test_a_corrected_source_shows_on_every_scorecard_that_cites_it(client):
    action = TreatyAction.objects.filter(state__iso3="KHM").select_related("source").first()
    client.get("/countries/khm/")

    action.source.title = "A source title corrected for this test"
    action.source.save()

    assert "A source title corrected for this test" in text(client.get("/countries/khm/"))


def test_after_a_change_to_another_state_a_kept_scorecard_costs_one_query(
    client, django_assert_num_queries
):
    client.get("/countries/phl/")
    client.get("/countries/idn/")
    _a_new_law("MMR")
    # The first scorecard after the change reads the version's shared parts and state numbers
    # and computes the medians again, scoring Myanmar alone.
    client.get("/countries/phl/")

    # The data version only: Indonesia's record (among the version's shared parts), its own
    # sections and scores, and the medians are kept.
    with django_assert_num_queries(1):
        response = client.get("/countries/idn/")

    assert response.status_code == 200


def test_summaries_are_kept_only_under_a_recorded_version():
    version = versioning.Version(1, None)  # a database just flushed: no series
    key = state_parts.summary_key(
        version, 1, 1, timezone.localdate(), timezone.localdate(), scoring.CURRENT
    )
    card = scoring.score_state(
        State.objects.for_scorecard().get(iso3="KHM"),
        list(Treaty.objects.all()),
        timezone.localdate(),
        timezone.localdate(),
    )

    state_parts.keep_summaries({key: state_parts.Summary.of(card)})

    assert state_parts.summaries([key]) == {}


def _whole(name, context, request, status=200):
    """The page rendered whole, as the template renders it, in place of a shell."""
    return shells.Shell(name, (render_to_string(name, context, request),), status)


@pytest.mark.parametrize(
    "path",
    [
        "/countries/phl/",
        "/km/countries/khm/",
        "/th/countries/tha/?as_of=2015-01-01",
        "/vi/countries/vnm/?method=1",
        "/id/countries/tls/?as_of=1990-01-01",
        "/countries/mmr/?as_of=not-a-date",
    ],
)
def test_a_scorecard_from_its_shell_is_the_page_rendered_whole(client, monkeypatch, path):
    from_shell = client.get(path)

    response_cache.clear()
    monkeypatch.setattr(shells, "render", _whole)
    whole = client.get(path)

    assert (from_shell.status_code, text(from_shell)) == (whole.status_code, text(whole))


def _save_unchanged(iso3: str) -> None:
    """A change to `iso3`'s facts that changes no score: one of its laws saved as it is."""
    Law.objects.filter(state__iso3=iso3).first().save()


def test_after_a_change_that_leaves_a_scorecard_as_it_was_only_its_version_is_rendered_again(
    client, monkeypatch
):
    before = client.get("/countries/phl/")
    rendered = []
    monkeypatch.setattr(shells, "render", lambda *args, **kw: rendered.append(args) or None)

    _save_unchanged("MMR")
    after = client.get("/countries/phl/")

    assert rendered == []
    label = versioning.current().label
    assert after["X-Data-Version"] == label != before["X-Data-Version"]
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', text(after)).group(1)
    assert f"Data version {label};" in citation
    # The page is the one before but for the version it names and the time of the latest edit.
    dates = re.compile(r'<p class="data-dates">.*?</p>', re.S)
    assert versioning.current().changed_at.isoformat() in dates.search(text(after)).group()
    old, new = before["X-Data-Version"], label
    assert dates.sub("", text(after).replace(new, old)) == dates.sub("", text(before))


def test_a_scorecard_shell_is_kept_per_host(client):
    client.get("/countries/phl/", HTTP_HOST="localhost")

    page = text(client.get("/countries/phl/", HTTP_HOST="127.0.0.1"))

    assert 'href="http://127.0.0.1/countries/phl/"' in page
    assert "localhost" not in page
