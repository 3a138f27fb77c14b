"""The status of a state to a treaty on a date, derived from the event log (real cases)."""

import datetime

import pytest

from commitments.models import State, Treaty

pytestmark = pytest.mark.django_db


def status_of(iso3: str, key: str, on: str, today: datetime.date):
    state = State.objects.for_scorecard().get(iso3=iso3)
    treaty = Treaty.objects.get(key=key)
    return state.participation([treaty], datetime.date.fromisoformat(on), today)[treaty.pk]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2011-08-29", "signatory"),
        ("2011-08-30", "party"),
        ("2018-03-17", "party"),
        ("2019-03-16", "party"),
        ("2019-03-17", "withdrawn"),
        ("2026-11-27", "withdrawn"),
    ],
)
def test_philippines_rome_statute_withdrawal_takes_effect_a_year_after_notice(on, expected, today):
    assert status_of("PHL", "rome_statute_1998", on, today).status == expected


def test_philippines_notice_is_pending_between_deposit_and_effect(today):
    participation = status_of("PHL", "rome_statute_1998", "2018-06-01", today)
    assert participation.status == "party"
    assert participation.pending_denunciation.effective_on == datetime.date(2019, 3, 17)


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2019-03-03", "no_action"), ("2019-03-04", "party"), ("2019-04-29", "no_action")],
)
def test_malaysia_withdrawn_accession_leaves_no_party_status(on, expected, today):
    assert status_of("MYS", "rome_statute_1998", on, today).status == expected


@pytest.mark.parametrize(
    ("on", "expected", "since"),
    [("2000-10-23", "signatory", "2000-10-23"), ("2002-04-11", "party", "2002-04-11")],
)
def test_cambodia_signed_then_ratified_rome_statute(on, expected, since, today):
    participation = status_of("KHM", "rome_statute_1998", on, today)
    assert participation.status == expected
    assert participation.since.isoformat() == since
    assert participation.source.url.startswith("http")


def test_a_cell_with_no_events_and_no_observation_is_unknown(today):
    assert status_of("BRN", "ap1_1977", "2026-11-27", today).status == "unknown"
