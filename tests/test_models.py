"""Status derivation edge cases, on unsaved and saved objects, and PartialDate comparisons.

tests/test_status.py covers the real cases in the dataset; these build the event logs themselves.
"""

import datetime

import pytest

from commitments.dates import PartialDate
from commitments.models import State, StatusObservation, Treaty, TreatyAction
from commitments.status import derive
from commitments.vocabularies import Action, Precision, Status
from tests import factories

TODAY = datetime.date(2026, 11, 27)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def act(action, date, precision=Precision.DAY, effective_on=None) -> TreatyAction:
    return TreatyAction(
        action=action,
        date=d(date),
        date_precision=precision,
        effective_on=d(effective_on) if effective_on else None,
    )


def observe(status, observed_on=None, precision=Precision.DAY) -> StatusObservation:
    return StatusObservation(
        status=status,
        observed_on=d(observed_on) if observed_on else None,
        observed_on_precision=precision if observed_on else Precision.UNKNOWN,
    )


def status_on(on, actions=(), observations=(), today=TODAY):
    return derive(actions, observations, d(on), today)


# Events.


def test_withdrawn_signature_leaves_no_action():
    events = [
        act(Action.SIGNATURE, "2000-10-23"),
        act(Action.WITHDRAWAL_OF_SIGNATURE, "2002-05-06"),
    ]
    assert status_on("2001-01-01", events).status == Status.SIGNATORY
    after = status_on("2002-05-06", events)
    assert after.status == Status.NO_ACTION
    assert after.since == PartialDate(d("2002-05-06"))


def test_accession_after_a_denunciation_took_effect_makes_a_party_again():
    events = [
        act(Action.RATIFICATION, "1990-01-10"),
        act(Action.DENUNCIATION, "2000-03-17", effective_on="2001-03-17"),
        act(Action.ACCESSION, "2010-06-01"),
    ]
    assert status_on("2001-03-17", events).status == Status.WITHDRAWN
    again = status_on("2010-06-01", events)
    assert again.status == Status.PARTY
    assert again.since == PartialDate(d("2010-06-01"))


def test_accession_after_a_withdrawn_instrument_makes_a_party_again():
    events = [
        act(Action.ACCESSION, "2019-03-04"),
        act(Action.WITHDRAWAL_OF_INSTRUMENT, "2019-04-29"),
        act(Action.ACCESSION, "2024-01-15"),
    ]
    assert status_on("2020-01-01", events).status == Status.NO_ACTION
    assert status_on("2024-01-15", events).status == Status.PARTY


def test_withdrawn_instrument_after_a_signature_reverts_to_signatory():
    events = [
        act(Action.SIGNATURE, "2000-01-10"),
        act(Action.RATIFICATION, "2005-01-10"),
        act(Action.WITHDRAWAL_OF_INSTRUMENT, "2005-06-01"),
    ]
    reverted = status_on("2006-01-01", events)
    assert reverted.status == Status.SIGNATORY
    assert reverted.since == PartialDate(d("2000-01-10"))


@pytest.mark.parametrize("order", [1, -1], ids=["signature first", "ratification first"])
def test_signature_and_ratification_on_the_same_day_make_a_party(order):
    events = [act(Action.SIGNATURE, "2011-08-30"), act(Action.RATIFICATION, "2011-08-30")]
    assert status_on("2011-08-30", events[::order]).status == Status.PARTY


def test_denunciation_counts_from_the_day_it_takes_effect_not_the_notice():
    events = [
        act(Action.RATIFICATION, "2011-08-30"),
        act(Action.DENUNCIATION, "2018-03-17", effective_on="2019-03-17"),
    ]
    pending = status_on("2018-03-17", events)
    assert pending.status == Status.PARTY
    assert pending.pending_denunciation is events[1]
    assert status_on("2019-03-17", events).pending_denunciation is None


def test_a_year_precision_event_counts_from_the_first_day_of_its_year():
    events = [act(Action.RATIFICATION, "1980-01-01", Precision.YEAR)]
    assert status_on("1979-12-31", events).status == Status.NO_ACTION
    party = status_on("1980-01-01", events)
    assert party.status == Status.PARTY
    assert party.since.isoformat() == "1980"


def test_a_date_before_every_recorded_event_is_no_action_not_unknown():
    events = [act(Action.RATIFICATION, "2010-01-10")]
    before = status_on("2005-01-01", events)
    assert before.status == Status.NO_ACTION
    assert before.is_known


# Observations.


def test_a_cell_with_only_an_observation_reads_the_observation():
    observation = observe("no_action", "2016-03-08")
    later = status_on("2020-01-01", observations=[observation])
    assert later.status == Status.NO_ACTION
    assert later.observation is observation
    assert (later.event, later.since) == (None, None)
    assert later.last_verified == PartialDate(d("2016-03-08"))


def test_an_observation_does_not_speak_for_dates_before_it():
    observation = observe("no_action", "2016-03-08")
    assert status_on("2016-03-07", observations=[observation]).status == Status.UNKNOWN


def test_an_undated_observation_speaks_only_for_the_present():
    observation = observe("party")
    assert status_on("2026-11-27", observations=[observation]).status == Status.PARTY
    assert status_on("2026-11-26", observations=[observation]).status == Status.UNKNOWN


def test_the_latest_observation_answers_when_no_event_does():
    observations = [observe("no_action", "2016-03-08"), observe("signatory", "2020-01-01")]
    assert status_on("2021-01-01", observations=observations).status == Status.SIGNATORY
    assert status_on("2017-01-01", observations=observations).status == Status.NO_ACTION


def test_an_observation_that_disagrees_with_the_events_at_its_date_is_a_contradiction():
    events = [act(Action.RATIFICATION, "2000-01-10")]
    observation = observe("no_action", "2010-01-01")
    answer = status_on("2020-01-01", events, [observation])
    assert answer.status == Status.PARTY
    assert answer.is_contradictory
    assert answer.contradiction is observation


def test_an_observation_from_before_the_first_event_is_not_a_contradiction():
    events = [act(Action.RATIFICATION, "2000-01-10")]
    answer = status_on("2020-01-01", events, [observe("no_action", "1995-01-01")])
    assert answer.status == Status.PARTY
    assert not answer.is_contradictory


def test_a_later_agreeing_observation_settles_an_older_contradiction():
    events = [act(Action.RATIFICATION, "2000-01-10")]
    observations = [observe("no_action", "2010-01-01"), observe("party", "2020-01-01")]
    assert not status_on("2021-01-01", events, observations).is_contradictory
    assert status_on("2015-01-01", events, observations).is_contradictory


def test_an_observation_agreeing_with_a_withdrawn_signature_is_not_a_contradiction():
    events = [
        act(Action.SIGNATURE, "2000-10-23"),
        act(Action.WITHDRAWAL_OF_SIGNATURE, "2002-05-06"),
    ]
    answer = status_on("2020-01-01", events, [observe("no_action", "2016-03-08")])
    assert answer.status == Status.NO_ACTION
    assert not answer.is_contradictory


# Saved objects read through State.objects.for_scorecard().


@pytest.mark.django_db
def test_saved_events_derive_the_same_status_without_a_query(django_assert_num_queries):
    state = factories.StateFactory(iso3="NZL")
    treaty = factories.TreatyFactory(adopted_on=d("1980-01-01"))
    for action, date, effective_on in [
        (Action.RATIFICATION, "1990-01-10", None),
        (Action.DENUNCIATION, "2000-03-17", d("2001-03-17")),
        (Action.ACCESSION, "2010-06-01", None),
    ]:
        factories.TreatyActionFactory(
            state=state, treaty=treaty, action=action, date=d(date), effective_on=effective_on
        )
    factories.StatusObservationFactory(
        state=state, treaty=treaty, status="withdrawn", observed_on=d("2012-01-01")
    )
    loaded = State.objects.for_scorecard().get(pk=state.pk)
    treaties = list(Treaty.objects.filter(pk=treaty.pk))

    with django_assert_num_queries(0):
        withdrawn = loaded.participation(treaties, d("2005-01-01"), TODAY)[treaty.pk]
        party = loaded.participation(treaties, TODAY, TODAY)[treaty.pk]

    assert withdrawn.status == Status.WITHDRAWN
    assert party.status == Status.PARTY
    assert party.is_contradictory
    assert party.source.url.startswith("https://example.org/")


# PartialDate.


@pytest.mark.parametrize(
    ("earlier", "later", "before"),
    [
        ("1977", "1977-06-08", False),
        ("1976", "1977-06-08", True),
        ("1977-06", "1977-06-08", False),
        ("1977-05", "1977-06-08", True),
        ("1977-06-07", "1977-06-08", True),
        ("1977-06-08", "1977-06-08", False),
        ("1977-12", "1977", False),
    ],
)
def test_dates_compare_at_the_coarser_of_their_precisions(earlier, later, before):
    a, b = PartialDate.parse(earlier), PartialDate.parse(later)
    assert a.is_before(b) is before
    assert b.is_after(a) is before


def test_a_partial_date_reads_and_prints_its_precision():
    assert [PartialDate.parse(text).precision for text in ["1977", "1977-06", "1977-06-08"]] == [
        Precision.YEAR,
        Precision.MONTH,
        Precision.DAY,
    ]
    assert PartialDate.parse("1977-06").value == d("1977-06-01")
    assert PartialDate.parse("1977-06").isoformat() == "1977-06"
    assert PartialDate.parse("") is None


@pytest.mark.parametrize("text", ["1977-6", "77", "1977-06-31", "8 June 1977"])
def test_a_malformed_partial_date_is_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "last"),
    [("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"), ("1977", "1977-12-31")],
)
def test_a_partial_date_knows_the_last_day_of_its_period(text, last):
    assert PartialDate.parse(text).last_day() == d(last)
