"""Promise versus delivery: the follow-through of UPR recommendations, on rows of the dataset."""

import datetime

import pytest

from commitments.dates import PartialDate
from commitments.models import State, Treaty
from commitments.promises import PromiseFacts, follow_through, of_recommendation, summaries
from commitments.vocabularies import FollowThrough, Precision, UprResponse
from tests.factories import SourceFactory, StateFactory, TreatyActionFactory, TreatyFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 30)


def facts_of(iso3: str, today: datetime.date = ON) -> tuple[State, PromiseFacts]:
    state = State.objects.for_promises().get(iso3=iso3)
    return state, PromiseFacts.from_state(state, list(Treaty.objects.all()), today)


def recommendations(state: State, target: str, cycle: int | None = None) -> list:
    rows = [r for r in state.upr_recommendations.all() if r.target == target]
    return [r for r in rows if cycle is None or r.cycle == cycle]


def test_cambodia_delivered_the_enforced_disappearance_convention_four_years_after_2009():
    state, facts = facts_of("KHM")
    promised = recommendations(state, "cped_2006", cycle=1)
    assert promised and all(r.response == UprResponse.SUPPORTED for r in promised)
    result = of_recommendation(promised[0], facts, ON)
    assert result.outcome == FollowThrough.DELIVERED
    assert result.since == PartialDate(datetime.date(2013, 6, 27))
    assert result.years == 4


def test_before_the_ratification_cambodias_promise_was_not_yet_delivered():
    state, facts = facts_of("KHM")
    promised = recommendations(state, "cped_2006", cycle=1)[0]
    assert of_recommendation(promised, facts, datetime.date(2013, 6, 26)).outcome not in (
        FollowThrough.DELIVERED,
        FollowThrough.ALREADY_MET,
    )


def test_indonesia_supported_joining_the_rome_statute_in_2008_and_2012_and_has_not():
    state, facts = facts_of("IDN")
    rome = [r for r in recommendations(state, "rome_statute_1998") if r.cycle in (1, 2)]
    assert {r.review_date.year for r in rome} == {2008, 2012}
    assert all(r.response == UprResponse.SUPPORTED for r in rome)
    results = [of_recommendation(r, facts, ON) for r in rome]
    assert {r.outcome for r in results} == {FollowThrough.NOT_DELIVERED}
    first = min(results, key=lambda r: r.promised_on)
    assert first.promised_on.year == 2008
    assert first.years == 2026 - 2008


def test_malaysias_2018_commitment_to_the_rome_statute_was_reversed_in_2019():
    state, facts = facts_of("MYS")
    (pledge,) = recommendations(state, "rome_statute_1998", cycle=3)
    assert pledge.is_pledge
    result = of_recommendation(pledge, facts, ON)
    assert result.outcome == FollowThrough.REVERSED
    assert result.since == PartialDate(datetime.date(2019, 4, 29))


def test_between_accession_and_withdrawal_malaysias_commitment_was_delivered():
    state, facts = facts_of("MYS")
    (pledge,) = recommendations(state, "rome_statute_1998", cycle=3)
    result = of_recommendation(pledge, facts, datetime.date(2019, 4, 1))
    assert result.outcome == FollowThrough.DELIVERED
    assert result.years == 1


def test_a_state_already_party_when_recommended_has_already_met_it():
    state, facts = facts_of("KHM")
    result = follow_through("cped_2006", datetime.date(2015, 1, 1), facts, ON)
    assert result.outcome == FollowThrough.ALREADY_MET
    assert result.since == PartialDate(datetime.date(2013, 6, 27))


def test_an_absence_nobody_verified_since_the_promise_is_unknown_not_undelivered():
    # Indonesia's absence from the Rome Statute rests on a source of August 2026: on a date before
    # it, nothing speaks for the years after a promise made that year.
    state, facts = facts_of("IDN")
    (first,) = recommendations(state, "rome_statute_1998", cycle=1)
    assert of_recommendation(first, facts, datetime.date(2020, 1, 1)).outcome == (
        FollowThrough.UNKNOWN
    )


def test_a_target_with_no_record_at_all_is_unknown():
    _state, facts = facts_of("TLS")
    assert follow_through("stateless_1961", datetime.date(2011, 10, 12), facts, ON).outcome == (
        FollowThrough.UNKNOWN
    )


def test_a_recommendation_without_a_date_is_unknown():
    _state, facts = facts_of("PHL")
    assert follow_through("cat_1984", None, facts, ON).outcome == FollowThrough.UNKNOWN


def test_summaries_show_supported_and_noted_recommendations_apart():
    state, facts = facts_of("MYS")
    (rome,) = [
        s
        for s in summaries(state.upr_recommendations.all(), facts, ON)
        if s.target == "rome_statute_1998"
    ]
    assert rome.count == len(recommendations(state, "rome_statute_1998"))
    assert rome.first_year == 2009
    assert rome.supported_count == 1
    assert rome.supported.outcome == FollowThrough.REVERSED
    # Noted in 2009, joined in 2019 and withdrawn weeks later.
    assert rome.noted.outcome == FollowThrough.REVERSED
    assert rome.latest.cycle == 3


def test_summaries_leave_out_recommendations_made_after_the_date():
    state, facts = facts_of("MYS")
    before = summaries(state.upr_recommendations.all(), facts, datetime.date(2010, 1, 1))
    assert {s.first_year for s in before} == {2009}
    assert all(r.review_date.year == 2009 for s in before for r in s.recommendations)


def test_month_precise_delivery_is_dated_to_its_month(empty_database):
    state = StateFactory()
    treaty = TreatyFactory()
    TreatyActionFactory(
        state=state,
        treaty=treaty,
        action="accession",
        date=datetime.date(2016, 1, 1),
        date_precision=Precision.MONTH,
        source=SourceFactory(),
    )
    facts = PromiseFacts.from_state(State.objects.for_promises().get(pk=state.pk), [treaty], ON)
    result = follow_through(treaty.key, datetime.date(2014, 5, 2), facts, ON)
    assert result.outcome == FollowThrough.DELIVERED
    assert result.since.isoformat() == "2016-01"
    assert result.years == 2
