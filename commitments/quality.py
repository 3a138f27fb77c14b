"""Data-quality checks for researchers: what is still unknown, contradictory or out of date.

Plain functions over objects already loaded by `State.objects.for_scorecard()` and a list of
treaties with their sources, so a report costs the queries of those two loads and no more.

- A cell (state x treaty) is *unknown* when no event and no observation speaks for it today.
- A cell is *contradictory* when the latest observation disagrees with what the events say on the
  observation's own date (see `commitments.status.derive`).
- A fact is *weakly sourced* when its source is a press report or of the kind "other": such a
  fact should be confirmed from an official, depositary or specialist source.
- A ratification, acceptance or approval with no signature on record before it may be an
  accession recorded under the wrong name, or lack the record of its signature.
- An indicator that is not a treaty is *contradictory* when a sourced statement disagrees with the
  facts of its date (see `commitments.scoring.indicators`).
- A fact is *stale* when the date its evidence speaks for is older than the cut-off, or unknown. For
  a status observation that date is its own "as of" date where it has one, because the statement
  speaks for that date; for every other fact it is its source's "speaks for" date. A date known only
  to the month or year counts up to the last day of that period.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from commitments import scoring, status
from commitments.dates import PartialDate
from commitments.models import Fact, State, StatusObservation, Treaty, TreatyAction
from commitments.status import Participation
from commitments.vocabularies import WEAK_SOURCE_KINDS, Status


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier, or the month's last day when it is shorter."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Cell:
    state: State
    treaty: Treaty
    participation: Participation


def cells(states: Iterable[State], treaties: list[Treaty], today: datetime.date) -> Iterator[Cell]:
    """Every state x treaty pair with its status today, states and treaties in the given order."""
    for state in states:
        participation = state.participation(treaties, today, today)
        for treaty in treaties:
            yield Cell(state, treaty, participation[treaty.pk])


def unknown_cells(cells: Iterable[Cell]) -> list[Cell]:
    return [cell for cell in cells if cell.participation.status == Status.UNKNOWN]


def contradictory_cells(cells: Iterable[Cell]) -> list[Cell]:
    return [cell for cell in cells if cell.participation.is_contradictory]


# Every row the report reads as a fact names its source.
Sourced = Fact | State | Treaty


def facts(states: Iterable[State], treaties: list[Treaty]) -> Iterator[Sourced]:
    """Every fact held by the loaded states and treaties, each with its source loaded.

    Actions and observations get their treaty from `treaties`, so printing them adds no query.
    """
    by_pk = {treaty.pk: treaty for treaty in treaties}
    yield from treaties
    for state in states:
        yield state
        with_treaty: list[TreatyAction | StatusObservation] = [
            *state.treaty_actions.all(),
            *state.status_observations.all(),
        ]
        for fact in with_treaty:
            fact.treaty = by_pk[fact.treaty_id]
            yield fact
        yield from state.focal_points.all()
        for nhri in state.nhris.all():
            yield nhri
            yield from nhri.accreditations.all()
        yield from state.laws.all()
        yield from state.institution_observations.all()


def weakly_sourced(facts: Iterable[Sourced]) -> list[Sourced]:
    """Facts whose only source is a press report or of the kind "other"."""
    return [fact for fact in facts if fact.source.kind in WEAK_SOURCE_KINDS]


def unsigned_consents(states: Iterable[State]) -> list[TreatyAction]:
    """Ratifications, acceptances and approvals with no signature on record before them."""
    found = []
    for state in states:
        for actions in state.actions_by_treaty().values():
            found += status.unsigned_consents(actions)
    return found


@dataclass(frozen=True)
class InstitutionContradiction:
    state: State
    result: scoring.IndicatorResult


def institution_contradictions(
    states: Iterable[State], treaties: list[Treaty], today: datetime.date
) -> list[InstitutionContradiction]:
    """Indicators other than treaties whose latest sourced statement disagrees with the facts."""
    found = []
    for state in states:
        card = scoring.score_state(state, treaties, today, today)
        for result in card.indicators:
            if result.indicator.kind != scoring.TREATY and result.contradiction is not None:
                found.append(InstitutionContradiction(state, result))
    return found


def speaks_for(fact: Sourced) -> PartialDate | None:
    """The date the evidence for a fact speaks for, or None when nobody recorded it."""
    if isinstance(fact, StatusObservation) and fact.partial_observed_on is not None:
        return fact.partial_observed_on
    return fact.source.partial_as_of


@dataclass(frozen=True)
class StaleFact:
    fact: Sourced
    speaks_for: PartialDate | None


def stale_facts(facts: Iterable[Sourced], cutoff: datetime.date) -> list[StaleFact]:
    """Facts whose evidence speaks for a date before `cutoff`, or for no known date."""
    stale = []
    for fact in facts:
        when = speaks_for(fact)
        if when is None or when.last_day() < cutoff:
            stale.append(StaleFact(fact, when))
    return stale
