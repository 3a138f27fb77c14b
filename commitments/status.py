"""A state's status to a treaty on any date, derived from the dated event log.

The method, which every page and API answer uses:

0. Before the treaty was adopted, before the state was independent, and for a treaty open only to
   ASEAN members before the state joined ASEAN, the status is `not_applicable`: neither known nor
   unknown, and in no denominator (the caller gives that date; see `Treaty.applicable_from`).
1. Events count from the day they take effect: a denunciation on its `effective_on` (not on the
   deposit of the notice), every other action on its `date`. A date known only to the month or year
   counts from the first day of that period. Same-day events apply signature first, then consent,
   then withdrawals.
2. Walking the events in that order: a signature makes a `signatory` (unless already a party);
   ratification, accession, succession, acceptance, approval or definitive signature make a
   `party`; a denunciation in effect makes `withdrawn`; an instrument withdrawn before entry into
   force reverts to the status before it (`no_action` when there was none); a withdrawn signature
   leaves `no_action`.
3. When no event is in effect on the date, the latest sourced status observation on or before it
   answers. Observations whose date is unknown only speak for the present.
4. When the pair has events, but all of them later than the date, the status is `no_action`: the
   first recorded action is later.
5. Otherwise the status is `unknown`: nobody has verified it. It is never read as `no_action`.
6. The latest observation is compared with what the events say on the observation's own date. When
   they disagree the answer carries the observation as a contradiction; the events still answer,
   and the contradiction is shown beside them for a researcher to resolve.

This module holds no queries: it reads actions and observations that the caller already loaded,
through what `ActionRecord`, `ObservationRecord` and `SourceRecord` declare. The models
(`TreatyAction`, `StatusObservation`, `Source`) are such records, and so are the lighter rows the
participation table streams (commitments/api/participation.py): one rule, whichever path read them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from commitments.dates import PartialDate
from commitments.vocabularies import Action, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@runtime_checkable
class SourceRecord(Protocol):
    """What a status, and the evidence shown beside it, read of a fact's source."""

    @property
    def pk(self) -> Any: ...

    @property
    def url(self) -> str: ...

    @property
    def partial_as_of(self) -> PartialDate | None: ...


@runtime_checkable
class ActionRecord(Protocol):
    """What a status reads of a treaty action (`models.TreatyAction` is one)."""

    @property
    def pk(self) -> Any: ...

    @property
    def action(self) -> str: ...

    @property
    def date(self) -> datetime.date: ...

    @property
    def effective_on(self) -> datetime.date | None: ...

    @property
    def partial_date(self) -> PartialDate: ...

    @property
    def source_id(self) -> Any: ...

    @property
    def source(self) -> SourceRecord: ...


@runtime_checkable
class ObservationRecord(Protocol):
    """What a status reads of a status observation (`models.StatusObservation` is one)."""

    @property
    def pk(self) -> Any: ...

    @property
    def status(self) -> str: ...

    @property
    def partial_observed_on(self) -> PartialDate | None: ...

    @property
    def source(self) -> SourceRecord: ...


CONSENT_ACTIONS = frozenset(
    {
        Action.RATIFICATION,
        Action.ACCESSION,
        Action.SUCCESSION,
        Action.ACCEPTANCE,
        Action.APPROVAL,
        Action.DEFINITIVE_SIGNATURE,
    }
)

# Consents that confirm an earlier signature by the same state; an accession, a succession or a
# definitive signature needs none.
CONFIRMING_ACTIONS = frozenset({Action.RATIFICATION, Action.ACCEPTANCE, Action.APPROVAL})

# Order of same-day events: a state signs before it ratifies, and withdraws last.
_SAME_DAY_ORDER: dict[str, int] = {
    Action.SIGNATURE: 0,
    **dict.fromkeys(CONSENT_ACTIONS, 1),
    Action.WITHDRAWAL_OF_INSTRUMENT: 2,
    Action.WITHDRAWAL_OF_SIGNATURE: 3,
    Action.DENUNCIATION: 4,
}


def takes_effect_on(action: ActionRecord) -> datetime.date:
    """The day an event starts to count: a denunciation takes effect on `effective_on`."""
    if action.action == Action.DENUNCIATION and action.effective_on:
        return action.effective_on
    return action.date


def _event_order(action: ActionRecord) -> tuple:
    return (takes_effect_on(action), _SAME_DAY_ORDER[action.action], action.date, action.pk or 0)


@dataclass(frozen=True)
class EventStatus:
    status: str
    since: PartialDate | None
    event: ActionRecord


def status_from_events(actions: Iterable[ActionRecord], on: datetime.date) -> EventStatus | None:
    """The status that the events in effect on `on` establish, or None when none is in effect."""
    current: EventStatus | None = None
    before_instrument: EventStatus | None = None
    for action in sorted(actions, key=_event_order):
        if takes_effect_on(action) > on:
            break
        kind = action.action
        if kind == Action.SIGNATURE:
            if current is None or current.status != Status.PARTY:
                current = EventStatus(Status.SIGNATORY, action.partial_date, action)
        elif kind in CONSENT_ACTIONS:
            before_instrument = current
            current = EventStatus(Status.PARTY, action.partial_date, action)
        elif kind == Action.WITHDRAWAL_OF_INSTRUMENT:
            if before_instrument is not None and before_instrument.status != Status.NO_ACTION:
                current = before_instrument
            else:
                current = EventStatus(Status.NO_ACTION, action.partial_date, action)
            before_instrument = None
        elif kind == Action.WITHDRAWAL_OF_SIGNATURE:
            current = EventStatus(Status.NO_ACTION, action.partial_date, action)
        elif kind == Action.DENUNCIATION:
            since = PartialDate(action.effective_on) if action.effective_on else action.partial_date
            current = EventStatus(Status.WITHDRAWN, since, action)
    return current


def _first_signature[A: ActionRecord](actions: Iterable[A]) -> A | None:
    signatures = [a for a in actions if a.action == Action.SIGNATURE]
    return min(signatures, key=_event_order, default=None)


def consent_before_signature[A: ActionRecord](actions: Iterable[A]) -> tuple[A, A] | None:
    """A ratification, acceptance or approval dated certainly before the state's first signature
    of the treaty, with that signature; None when the events are in a possible order.

    Dates are compared at the coarser of their precisions, so a signature known only as "2000"
    is not after a ratification of 5 May 2000.
    """
    actions = list(actions)
    signature = _first_signature(actions)
    if signature is None:
        return None
    for action in sorted(actions, key=_event_order):
        if action.action in CONFIRMING_ACTIONS and action.partial_date.is_before(
            signature.partial_date
        ):
            return action, signature
    return None


def unsigned_consents[A: ActionRecord](actions: Iterable[A]) -> list[A]:
    """Ratifications, acceptances and approvals with no signature on record before them: each
    may be an accession recorded under the wrong name, or lack its signature's record."""
    actions = list(actions)
    signature = _first_signature(actions)
    return [
        action
        for action in sorted(actions, key=_event_order)
        if action.action in CONFIRMING_ACTIONS
        and (signature is None or signature.partial_date.is_after(action.partial_date))
    ]


def _compatible(observed: str, events: EventStatus | None) -> bool:
    # Events that start after an observation do not contradict it: the event log may simply hold
    # nothing for that period.
    return events is None or events.status == observed


@dataclass(frozen=True)
class Participation:
    """A state's status to a treaty on one date, and the evidence behind it."""

    status: str
    on: datetime.date
    since: PartialDate | None = None
    event: ActionRecord | None = None
    observation: ObservationRecord | None = None
    contradiction: ObservationRecord | None = None
    pending_denunciation: ActionRecord | None = None
    last_verified: PartialDate | None = None

    @property
    def source(self) -> SourceRecord | None:
        if self.event is not None:
            return self.event.source
        if self.observation is not None:
            return self.observation.source
        return None

    @property
    def is_contradictory(self) -> bool:
        return self.contradiction is not None

    @property
    def is_known(self) -> bool:
        return self.status not in (Status.UNKNOWN, Status.NOT_APPLICABLE)

    @property
    def is_applicable(self) -> bool:
        return self.status != Status.NOT_APPLICABLE

    def get_status_display(self) -> StrOrPromise:
        return Status(self.status).label


def _observation_key(observation: ObservationRecord) -> tuple:
    observed = observation.partial_observed_on
    return (observed is not None, observed.value if observed else datetime.date.min, observation.pk)


def derive(
    actions: Iterable[ActionRecord],
    observations: Iterable[ObservationRecord],
    on: datetime.date,
    today: datetime.date,
    applicable_from: datetime.date | None = None,
) -> Participation:
    """The status on `on` of one state to one treaty, from that pair's actions and observations.

    `today` decides whether observations without a date apply: they speak only for the present.
    Before `applicable_from` (the treaty's adoption, or the state's independence, whichever is
    later) the status is `not_applicable`, whatever the record says.
    """
    if applicable_from is not None and on < applicable_from:
        return Participation(status=Status.NOT_APPLICABLE, on=on)
    actions = list(actions)
    applicable = []
    for observation in observations:
        observed = observation.partial_observed_on
        if observed is None:
            if on >= today:
                applicable.append(observation)
        elif observed.value <= on:
            applicable.append(observation)
    latest = max(applicable, key=_observation_key, default=None)

    events = status_from_events(actions, on)
    contradiction = None
    if latest is not None:
        observed = latest.partial_observed_on
        at_observation = status_from_events(actions, observed.value) if observed else events
        if not _compatible(latest.status, at_observation):
            contradiction = latest

    pending = next(
        (
            a
            for a in actions
            if a.action == Action.DENUNCIATION
            and a.date <= on
            and a.effective_on is not None
            and a.effective_on > on
        ),
        None,
    )

    verified = [o.partial_observed_on for o in applicable if o.partial_observed_on]
    verified += [
        a.source.partial_as_of
        for a in actions
        if a.date <= on and a.source_id and a.source.partial_as_of is not None
    ]
    last_verified = max(verified, key=lambda d: d.value, default=None)

    if events is not None:
        return Participation(
            status=events.status,
            on=on,
            since=events.since,
            event=events.event,
            observation=latest,
            contradiction=contradiction,
            pending_denunciation=pending,
            last_verified=last_verified,
        )
    if latest is not None:
        return Participation(
            status=latest.status,
            on=on,
            observation=latest,
            contradiction=contradiction,
            last_verified=last_verified,
        )
    if actions:
        first = min(actions, key=_event_order)
        return Participation(status=Status.NO_ACTION, on=on, event=first)
    return Participation(status=Status.UNKNOWN, on=on)
