"""Rows of the participation table: every state's derived status to every treaty on one date.

The rows are computed from states loaded with `State.objects.for_scorecard()`, so building any
number of them adds no query.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from commitments.models import State, Treaty
from commitments.status import Participation


@dataclass(frozen=True)
class ParticipationRow:
    state: State
    treaty: Treaty
    participation: Participation
    updated_at: datetime.datetime | None

    @property
    def since(self) -> str | None:
        since = self.participation.since
        return since.isoformat() if since else None

    @property
    def since_precision(self) -> str | None:
        since = self.participation.since
        return since.precision if since else None

    @property
    def event_id(self) -> int | None:
        event = self.participation.event
        return event.pk if event else None

    @property
    def event_action(self) -> str | None:
        event = self.participation.event
        return event.action if event else None

    @property
    def event_date(self) -> str | None:
        event = self.participation.event
        return event.partial_date.isoformat() if event else None

    @property
    def observation_id(self) -> int | None:
        observation = self.participation.observation
        return observation.pk if observation else None

    @property
    def source_id(self) -> int | None:
        source = self.participation.source
        return source.pk if source else None

    @property
    def source_url(self) -> str | None:
        source = self.participation.source
        return source.url if source else None

    @property
    def last_verified(self) -> str | None:
        verified = self.participation.last_verified
        return verified.isoformat() if verified else None

    @property
    def contradiction(self) -> bool:
        return self.participation.is_contradictory

    @property
    def contradicting_observation_id(self) -> int | None:
        contradiction = self.participation.contradiction
        return contradiction.pk if contradiction else None

    @property
    def pending_denunciation_effective_on(self) -> datetime.date | None:
        pending = self.participation.pending_denunciation
        return pending.effective_on if pending else None


def _latest_changes(state: State) -> dict[int, datetime.datetime]:
    """The latest `updated_at` of each treaty's actions and observations for one state."""
    latest: dict[int, datetime.datetime] = {}
    for fact in [*state.treaty_actions.all(), *state.status_observations.all()]:
        if fact.treaty_id not in latest or fact.updated_at > latest[fact.treaty_id]:
            latest[fact.treaty_id] = fact.updated_at
    return latest


def participation_rows(
    states: Iterable[State],
    treaties: list[Treaty],
    on: datetime.date,
    today: datetime.date,
    *,
    statuses: Iterable[str] = (),
    updated_since: datetime.datetime | None = None,
) -> list[ParticipationRow]:
    """One row per state and treaty, in the order given, keeping only `statuses` if any.

    With `updated_since`, only pairs with an action or observation changed at or after it remain;
    a pair with no facts at all (status unknown) has never changed.
    """
    wanted = set(statuses)
    rows = []
    for state in states:
        statuses_on = state.participation(treaties, on, today)
        changes = _latest_changes(state)
        for treaty in treaties:
            participation = statuses_on[treaty.pk]
            changed = changes.get(treaty.pk)
            if wanted and participation.status not in wanted:
                continue
            if updated_since is not None and (changed is None or changed < updated_since):
                continue
            rows.append(ParticipationRow(state, treaty, participation, changed))
    return rows
