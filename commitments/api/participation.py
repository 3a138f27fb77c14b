"""Rows of the participation table: every state's derived status to every treaty on one date.

`ParticipationTable` reads the facts itself, in a fixed number of queries whatever the number of
states: the states, the treaties, then every action and every observation through two cursors
ordered as the states are, so that one state's facts are in memory at a time, and the latest
change to each pair's facts from their history. Every status comes from
`commitments.status.derive`, as on the pages: the cursors' rows become small objects that are the
records `derive()` reads (`status.ActionRecord`, `ObservationRecord`, `SourceRecord`), as the
model instances the pages load are.

A row's `updated_at` is the latest change to anything it is derived from: the state and the treaty
rows, the pair's actions and observations and their sources, and the history of the pair's facts,
so that a fact deleted from the pair (or moved to another) counts as a change to it.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import Lead
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from commitments.api.renderers import cell, columns, prepared_lines
from commitments.dates import PartialDate, partial
from commitments.models import State, StatusObservation, Treaty, TreatyAction
from commitments.status import Participation, derive
from commitments.vocabularies import ReviewStatus

# Rows fetched from each cursor at a time.
CURSOR_CHUNK = 2000

# The order of the rows: states by name, then treaties by adoption; the primary key (or the
# unique key) breaks ties, so that the cursors below meet the states in the same order.
STATE_ORDER = ("short_name", "pk")
TREATY_ORDER = ("adopted_on", "key")


@dataclass(frozen=True)
class ParticipationRow:
    state: State
    treaty: Treaty
    participation: Participation
    updated_at: datetime.datetime | None

    def values(self) -> dict:
        """The row's fields under the API's names, as `ParticipationSerializer` reads them: codes,
        ids and ISO text, with the dates and the time left for the serializer to format."""
        p = self.participation
        event, observation, source = p.event, p.observation, p.source
        since, verified = p.since, p.last_verified
        pending, contradiction = p.pending_denunciation, p.contradiction
        return {
            "state": self.state.iso3,
            "state_name": self.state.short_name,
            "treaty": self.treaty.key,
            "treaty_name": self.treaty.short_name,
            "category": self.treaty.category,
            "as_of": p.on,
            "status": p.status,
            "since": since.isoformat() if since else None,
            "since_precision": since.precision if since else None,
            "event_id": event.pk if event else None,
            "event_action": event.action if event else None,
            "event_date": event.partial_date.isoformat() if event else None,
            "observation_id": observation.pk if observation else None,
            "source_id": source.pk if source else None,
            "source_url": source.url if source else None,
            "last_verified": verified.isoformat() if verified else None,
            "contradiction": contradiction is not None,
            "contradicting_observation_id": contradiction.pk if contradiction else None,
            "pending_denunciation_effective_on": pending.effective_on if pending else None,
            "updated_at": self.updated_at,
        }


@dataclass(slots=True)
class SourceColumns:
    """A `Source` as a `status.SourceRecord`, from the columns a status and its row read."""

    pk: int
    url: str
    as_of: datetime.date | None
    as_of_precision: str
    updated_at: datetime.datetime
    # Read for every action of the source, so made once.
    partial_as_of: PartialDate | None = field(init=False)

    def __post_init__(self) -> None:
        self.partial_as_of = partial(self.as_of, self.as_of_precision)


@dataclass(slots=True)
class ActionColumns:
    """A `TreatyAction` as a `status.ActionRecord`, with the time it last changed."""

    pk: int
    action: str
    date: datetime.date
    date_precision: str
    effective_on: datetime.date | None
    updated_at: datetime.datetime
    source: SourceColumns

    @property
    def source_id(self) -> int:
        return self.source.pk

    @property
    def partial_date(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)


@dataclass(slots=True)
class ObservationColumns:
    """A `StatusObservation` as a `status.ObservationRecord`, with the time it last changed."""

    pk: int
    status: str
    observed_on: datetime.date | None
    observed_on_precision: str
    updated_at: datetime.datetime
    source: SourceColumns
    # Read several times by `derive()`, so made once.
    partial_observed_on: PartialDate | None = field(init=False)

    def __post_init__(self) -> None:
        self.partial_observed_on = partial(self.observed_on, self.observed_on_precision)


_SOURCE_COLUMNS = (
    "source_id",
    "source__url",
    "source__as_of",
    "source__as_of_precision",
    "source__updated_at",
)

# Each cursor row: state, treaty, the source's columns, then the fact's own (the arguments of
# ActionColumns or ObservationColumns before its source).
_ACTION_COLUMNS = (
    "state_id",
    "treaty_id",
    *_SOURCE_COLUMNS,
    "pk",
    "action",
    "date",
    "date_precision",
    "effective_on",
    "updated_at",
)
_OBSERVATION_COLUMNS = (
    "state_id",
    "treaty_id",
    *_SOURCE_COLUMNS,
    "pk",
    "status",
    "observed_on",
    "observed_on_precision",
    "updated_at",
)
_FACT_AT = 2 + len(_SOURCE_COLUMNS)


def _facts(
    queryset: QuerySet,
    names: tuple[str, ...],
    within_state: tuple[str, ...],
    states: QuerySet,
    treaties: QuerySet,
) -> Iterator[tuple]:
    """Rows of `names` for the chosen states and treaties, streamed in the states' order and,
    within a state, in the order `within_state`.

    The choice is made by subqueries, so the SQL is the same for any number of states.
    """
    return (
        queryset.filter(state__in=states.values("pk"), treaty__in=treaties.values("pk"))
        .order_by(*(f"state__{name}" for name in STATE_ORDER), *within_state)
        .values_list(*names)
        .iterator(chunk_size=CURSOR_CHUNK)
    )


def _per_state(states: list[State], rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    """The rows of each state in turn, as many lists as `states`; `rows` come grouped by state
    in the same order. A row of a state missing from `states` (added since they were read) is
    skipped."""
    position = {state.pk: index for index, state in enumerate(states)}
    groups = groupby(rows, key=itemgetter(0))
    group = next(groups, None)
    for index, state in enumerate(states):
        while group is not None and position.get(group[0], -1) < index:
            group = next(groups, None)
        if group is not None and group[0] == state.pk:
            yield list(group[1])
            group = next(groups, None)
        else:
            yield []


def _by_treaty(rows: list[tuple], build: Callable) -> dict[int, list]:
    """One state's cursor rows as `build` objects grouped by treaty, each source built once."""
    sources: dict[int, SourceColumns] = {}
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        source = sources.get(row[2])
        if source is None:
            source = sources[row[2]] = SourceColumns(*row[2:_FACT_AT])
        grouped[row[1]].append(build(*row[_FACT_AT:], source))
    return grouped


def _latest_changes(*facts_by_treaty: dict[int, list]) -> dict[int, datetime.datetime]:
    """The latest `updated_at` of each treaty's facts and of their sources, over every grouping
    given."""
    latest: dict[int, datetime.datetime] = {}
    for grouped in facts_by_treaty:
        for treaty_id, facts in grouped.items():
            changed = max(max(fact.updated_at, fact.source.updated_at) for fact in facts)
            if treaty_id not in latest or changed > latest[treaty_id]:
                latest[treaty_id] = changed
    return latest


def _aware(value) -> datetime.datetime:
    """A time read by a raw query: SQLite gives text, PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def history_changes(
    states: QuerySet, treaties: QuerySet
) -> dict[tuple[int, int], datetime.datetime]:
    """The latest time any fact of each (state id, treaty id) pair changed while in the pair or
    left it, from the history of the actions and observations: one query.

    Each version of a fact speaks for its pair from its own time until the next version's, so the
    pair's latest change is the greatest of those times: an edit, a deletion (a version of its
    own) and a move to another pair (the next version is elsewhere) all count. Only the facts that
    were ever in a chosen pair are read.
    """
    parts: list[str] = []
    params: list[Any] = []
    for model in (TreatyAction, StatusObservation):
        history = model.history.model
        chosen = history.objects.filter(
            state_id__in=states.values("pk"), treaty_id__in=treaties.values("pk")
        ).values("id")
        versions = (
            # Only versions readers saw: a pending fact or a step of a review changed nothing.
            history.objects.filter(id__in=chosen, review_status=ReviewStatus.PUBLISHED)
            .exclude(review_only=True)
            .annotate(
                next_at=Window(
                    Lead("history_date"),
                    partition_by=F("id"),
                    order_by=[F("history_date").asc(), F("history_id").asc()],
                )
            )
            .order_by()
            .values("state_id", "treaty_id", "history_date", "next_at")
        )
        sql, part_params = versions.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS versions_{len(parts)}")
        params += part_params
    query = (
        "SELECT state_id, treaty_id, MAX(COALESCE(next_at, history_date)) "
        f"FROM ({' UNION ALL '.join(parts)}) AS versions GROUP BY state_id, treaty_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {(state, treaty): _aware(changed) for state, treaty, changed in cursor.fetchall()}


def _state_rows(
    state: State,
    treaties: list[Treaty],
    actions: dict[int, list],
    observations: dict[int, list],
    on: datetime.date,
    today: datetime.date,
    wanted: set[str],
    updated_since: datetime.datetime | None,
    history: dict[tuple[int, int], datetime.datetime],
) -> Iterator[ParticipationRow]:
    """One state's rows from its actions and observations grouped by treaty.

    A pair's `updated_at` is the latest change to the state, the treaty, the pair's facts and
    their sources, and the pair's `history` (see `history_changes`).
    """
    changes = _latest_changes(actions, observations)
    for treaty in treaties:
        participation = derive(
            actions.get(treaty.pk, ()),
            observations.get(treaty.pk, ()),
            on,
            today,
            applicable_from=treaty.applicable_from(state),
        )
        if wanted and participation.status not in wanted:
            continue
        changed = max(
            filter(
                None,
                (
                    state.updated_at,
                    treaty.updated_at,
                    changes.get(treaty.pk),
                    history.get((state.pk, treaty.pk)),
                ),
            ),
            default=None,
        )
        if updated_since is not None and (changed is None or changed < updated_since):
            continue
        yield ParticipationRow(state, treaty, participation, changed)


class ParticipationTable(Sequence):
    """Every state's row to every treaty, states by name and treaties by adoption.

    The states and treaties are read when the table is made (two queries). `rows()` streams the
    rows, optionally filtered, reading every action and observation through two cursors along
    with them. As a sequence, the table serves pages: its length is the number of states times
    the number of treaties, known without deriving a status, and a slice derives only the states
    it covers, so the first page of a list costs the same with 11 states as with 200.
    """

    def __init__(
        self,
        states: QuerySet[State],
        treaties: QuerySet[Treaty],
        on: datetime.date,
        today: datetime.date,
    ):
        self.states = states
        self.treaties = treaties
        self.state_list = list(states.order_by(*STATE_ORDER))
        self.treaty_list = list(treaties.order_by(*TREATY_ORDER))
        self.on = on
        self.today = today

    def rows(
        self,
        statuses: Iterable[str] = (),
        updated_since: datetime.datetime | None = None,
        only: list[State] | None = None,
    ) -> Iterator[ParticipationRow]:
        """The rows, keeping only `statuses` if any and, with `updated_since`, only pairs
        changed at or after it; with `only`, the rows of those states alone."""
        wanted = set(statuses)
        state_list = self.state_list if only is None else only
        states = self.states if only is None else State.objects.filter(pk__in=[s.pk for s in only])
        # Within a state, facts come in the order `State.objects.for_participation()` prefetches
        # them in: the order `derive()` has always been given.
        actions = _per_state(
            state_list,
            _facts(
                TreatyAction.objects.published(),
                _ACTION_COLUMNS,
                ("date", "pk"),
                states,
                self.treaties,
            ),
        )
        observations = _per_state(
            state_list,
            _facts(
                StatusObservation.objects.published(),
                _OBSERVATION_COLUMNS,
                ("observed_on", "pk"),
                states,
                self.treaties,
            ),
        )
        history = history_changes(states, self.treaties)
        for state, state_actions, state_observations in zip(
            state_list, actions, observations, strict=True
        ):
            yield from _state_rows(
                state,
                self.treaty_list,
                _by_treaty(state_actions, ActionColumns),
                _by_treaty(state_observations, ObservationColumns),
                self.on,
                self.today,
                wanted,
                updated_since,
                history,
            )

    def __len__(self) -> int:
        return len(self.state_list) * len(self.treaty_list)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            position = range(len(self))[index]
            return self[position : position + 1][0]
        start, stop, step = index.indices(len(self))
        if stop <= start:
            return []
        width = len(self.treaty_list)
        first, last = start // width, (stop - 1) // width + 1
        rows = list(self.rows(only=self.state_list[first:last]))
        offset = start - first * width
        return rows[offset : offset + (stop - start) : step]


def _datetime_text(field: serializers.DateTimeField) -> Callable[[datetime.datetime], str]:
    """`field.to_representation` for the aware datetimes the database returns, with the time
    zone looked up once rather than on every row; anything else is left to the field."""
    if getattr(field, "format", api_settings.DATETIME_FORMAT) != ISO_8601:
        return field.to_representation
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return field.to_representation

    def text(value: datetime.datetime) -> str:
        if not timezone.is_aware(value):
            return field.to_representation(value)
        written = value.astimezone(zone).isoformat()
        return written[:-6] + "Z" if written.endswith("+00:00") else written

    return text


def _cell_writers(serializer: serializers.Serializer) -> dict[str, Callable]:
    """How the CSV writes the values that `ParticipationRow.values()` does not hold as written:
    text a spreadsheet could run as a formula (names and addresses) is guarded by `cell`, true and
    false are words, and dates and times are formatted as the serializer formats them. The other
    values are codes, keys, numbers and ISO dates, which never start like a formula; None is an
    empty cell."""
    fields = serializer.fields
    return {
        "state_name": cell,
        "treaty_name": cell,
        "source_url": cell,
        "contradiction": cell,
        "as_of": functools.lru_cache(maxsize=16)(fields["as_of"].to_representation),
        "pending_denunciation_effective_on": fields[
            "pending_denunciation_effective_on"
        ].to_representation,
        "updated_at": _datetime_text(cast(serializers.DateTimeField, fields["updated_at"])),
    }


def participation_csv(
    serializer: serializers.Serializer, rows: Iterable[ParticipationRow]
) -> Iterator[str]:
    """CSV lines with `serializer`'s columns, each row written straight from its values rather
    than serialized first."""
    names = list(serializer.fields)
    writers = list(_cell_writers(serializer).items())

    def line(row: ParticipationRow) -> list:
        values = row.values()
        for name, write in writers:
            value = values[name]
            if value is not None:
                values[name] = write(value)
        return [values[name] for name in names]

    return prepared_lines(columns(serializer), map(line, rows))
