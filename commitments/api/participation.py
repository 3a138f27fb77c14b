"""Rows of the participation table: every state's derived status to every treaty on one date.

The rows are computed from states loaded with `State.objects.for_participation()` (or
`for_scorecard()`, which includes it), so building any number of them adds no query.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rest_framework import serializers

from commitments.api.renderers import columns, table_lines
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
) -> Iterator[ParticipationRow]:
    """One row per state and treaty, in the order given, keeping only `statuses` if any; each
    state is read only when its rows are asked for.

    With `updated_since`, only pairs with an action or observation changed at or after it remain;
    a pair with no facts at all (status unknown) has never changed.
    """
    wanted = set(statuses)
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
            yield ParticipationRow(state, treaty, participation, changed)


def _formatted(field: serializers.Field, read: Callable[[ParticipationRow], object]):
    """`read`, with a non-null value formatted as the serializer's `field` formats it."""

    def value(row: ParticipationRow):
        raw = read(row)
        return None if raw is None else field.to_representation(raw)

    return value


def _cells(serializer: serializers.Serializer) -> dict[str, Callable[[ParticipationRow], object]]:
    """How to read each CSV column of `serializer` straight from a row."""
    fields = serializer.fields
    return {
        "state_iso3": lambda row: row.state.iso3,
        "state_name": lambda row: row.state.short_name,
        "treaty_key": lambda row: row.treaty.key,
        "treaty_name": lambda row: row.treaty.short_name,
        "category": lambda row: row.treaty.category,
        "as_of": _formatted(fields["as_of"], lambda row: row.participation.on),
        "status": lambda row: row.participation.status,
        "since": lambda row: row.since,
        "since_precision": lambda row: row.since_precision,
        "event_id": lambda row: row.event_id,
        "event_action": lambda row: row.event_action,
        "event_date": lambda row: row.event_date,
        "observation_id": lambda row: row.observation_id,
        "source_id": lambda row: row.source_id,
        "source_url": lambda row: row.source_url,
        "last_verified": lambda row: row.last_verified,
        "contradiction": lambda row: row.contradiction,
        "contradicting_observation_id": lambda row: row.contradicting_observation_id,
        "pending_denunciation_effective_on": _formatted(
            fields["pending_denunciation_effective_on"],
            lambda row: row.pending_denunciation_effective_on,
        ),
        "updated_at": _formatted(fields["updated_at"], lambda row: row.updated_at),
    }


def participation_csv(
    serializer: serializers.Serializer, rows: Iterable[ParticipationRow]
) -> Iterator[str]:
    """CSV lines with `serializer`'s columns, each row written straight from the participation
    data rather than serialized first."""
    header = columns(serializer)
    cells = _cells(serializer)
    readers = [cells[name] for name in header]
    return table_lines(header, ([read(row) for read in readers] for row in rows))
