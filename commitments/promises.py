"""What followed a promise made in the UN Universal Periodic Review, derived from the record.

A UPR recommendation (or a state's own pledge) names a target: a treaty, the national human rights
institution, the national R2P focal point, or a law of a category. Its follow-through on a date
`on` is derived, never typed, from the same facts the scorecard reads, by these rules:

1. The promise dates from the day the state answered: the response's date, or failing it the
   review's. A recommendation with neither has follow-through `unknown`.
2. The target is *reached* when the state is a party to the treaty, its NHRI holds GANHRI's A
   status, a focal point is designated, or a law of the category is in force; it is *partly
   reached* when the treaty is signed but not ratified, or the NHRI holds B status; it is *absent*
   when the record says otherwise (no action, withdrawn; C status, no accredited NHRI, suspended or
   removed; not designated; no such law). Otherwise it is unknown. The target's status on a date
   is the one the treaty pages (`commitments.status`) and scoring method 2
   (`commitments.scoring.indicators`) give.
3. On `on`:
   - `delivered`: reached, and reached after the promise (the date it was reached and the years it
     took, counted as the difference of the calendar years);
   - `already_met`: reached on or before the day of the promise;
   - `reversed`: reached (before or after the promise), then lost after the promise: a treaty
     left, an instrument withdrawn before entry into force, an A status lost;
   - `in_progress`: partly reached (signed but not ratified; B status);
   - `not_delivered`: absent, and a source speaks for a date after the promise (the years elapsed
     since the promise, counted as the difference of the calendar years);
   - `unknown`: anything else. In particular an absence that no source has verified since the
     promise is `unknown`, never `not_delivered`: the record is silent, not negative.

No query runs here: `PromiseFacts.from_state` reads a state loaded by
`State.objects.for_promises()`, and the tests give the facts directly.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from commitments.dates import PartialDate
from commitments.scoring.core import FOCAL_POINT as FOCAL_POINT_KIND
from commitments.scoring.core import NHRI as NHRI_KIND
from commitments.scoring.core import Indicator, IndicatorResult, StateFacts
from commitments.scoring.indicators import score_focal_point, score_nhri
from commitments.scoring.methods import METHOD_2
from commitments.status import CONSENT_ACTIONS, ActionRecord, ObservationRecord, derive
from commitments.vocabularies import (
    FollowThrough,
    GanhriStatus,
    IndicatorStatus,
    Status,
    UprResponse,
    UprTargetKind,
    law_indicator,
)

if TYPE_CHECKING:
    from commitments.models import State, Treaty, UprRecommendation

# What each follow-through means, as the methodology page explains it.
MEANINGS: dict[str, Promise] = {
    FollowThrough.DELIVERED: gettext_lazy(
        "The target was reached after the promise; the years it took are shown."
    ),
    FollowThrough.ALREADY_MET: gettext_lazy(
        "The target was reached on or before the day of the promise."
    ),
    FollowThrough.IN_PROGRESS: gettext_lazy(
        "The target is partly reached: the treaty signed but not ratified, or the NHRI holding B "
        "status."
    ),
    FollowThrough.REVERSED: gettext_lazy(
        "The target was reached, then lost after the promise: a treaty left, an instrument "
        "withdrawn, an A status lost."
    ),
    FollowThrough.NOT_DELIVERED: gettext_lazy(
        "The target is not reached, and a source speaks for a date after the promise; the years "
        "since the promise are shown."
    ),
    FollowThrough.UNKNOWN: gettext_lazy(
        "Anything else. An absence that no source has verified since the promise is unknown, "
        "never “not delivered”."
    ),
}
assert set(MEANINGS) == set(FollowThrough)

REACHED = "reached"
PARTLY = "partly"
ABSENT = "absent"
UNKNOWN = "unknown"

_TREATY_LEVELS: dict[str, str] = {
    Status.PARTY: REACHED,
    Status.SIGNATORY: PARTLY,
    Status.NO_ACTION: ABSENT,
    Status.WITHDRAWN: ABSENT,
}
_NHRI_LEVELS = {
    IndicatorStatus.A: REACHED,
    IndicatorStatus.B: PARTLY,
    IndicatorStatus.C: ABSENT,
    IndicatorStatus.NO_NHRI: ABSENT,
    IndicatorStatus.SUSPENDED: ABSENT,
    IndicatorStatus.REMOVED: ABSENT,
}
_FOCAL_POINT_LEVELS = {IndicatorStatus.DESIGNATED: REACHED, IndicatorStatus.NOT_DESIGNATED: ABSENT}
_NHRI = Indicator("nhri", NHRI_KIND, "")
_FOCAL_POINT = Indicator("focal_point", FOCAL_POINT_KIND, "")
LAW_PREFIX = "law:"


@dataclass(frozen=True)
class Reading:
    """Where a target stood on one date: its level, since when, and the fact that says so."""

    level: str
    since: PartialDate | None = None
    verified: PartialDate | None = None
    evidence: Any = None


def _indicator_reading(levels: Mapping[Any, str], result: IndicatorResult) -> Reading:
    return Reading(
        levels.get(result.status, UNKNOWN), result.since, result.last_verified, result.source
    )


@dataclass(frozen=True)
class PromiseFacts:
    """Everything follow-through reads about one state, already loaded."""

    today: datetime.date
    actions: Mapping[str, Sequence[ActionRecord]] = field(default_factory=dict)
    observations: Mapping[str, Sequence[ObservationRecord]] = field(default_factory=dict)
    treaty_applicable_from: Mapping[str, datetime.date] = field(default_factory=dict)
    focal_points: Sequence = ()
    nhris: Sequence = ()
    accreditations: Sequence = ()
    laws: Sequence = ()
    institution_observations: Sequence = ()

    @classmethod
    def from_state(
        cls, state: State, treaties: Iterable[Treaty], today: datetime.date
    ) -> PromiseFacts:
        """Reads a state loaded by `State.objects.for_promises()`; runs no query."""
        keys = {t.pk: t.key for t in treaties}
        actions: dict[str, list] = {}
        for treaty_id, found in state.actions_by_treaty().items():
            actions[keys[treaty_id]] = found
        observations: dict[str, list] = {}
        for treaty_id, observed in state.observations_by_treaty().items():
            observations[keys[treaty_id]] = observed
        nhris = list(state.nhris.all())
        return cls(
            today=today,
            actions=actions,
            observations=observations,
            treaty_applicable_from={t.key: t.applicable_from(state) for t in treaties},
            focal_points=list(state.focal_points.all()),
            nhris=nhris,
            accreditations=[a for nhri in nhris for a in nhri.accreditations.all()],
            laws=list(state.laws.all()),
            institution_observations=list(state.institution_observations.all()),
        )

    def _state_facts(self, on: datetime.date) -> StateFacts:
        return StateFacts(
            on=on,
            today=self.today,
            focal_points=self.focal_points,
            nhris=self.nhris,
            accreditations=self.accreditations,
            laws=self.laws,
            institution_observations=self.institution_observations,
        )

    def reading(self, target: str, on: datetime.date) -> Reading:
        """Where `target` stood on `on`."""
        if target == UprTargetKind.NHRI:
            result = score_nhri(_NHRI, self._state_facts(on), METHOD_2)
            return _indicator_reading(_NHRI_LEVELS, result)
        if target == UprTargetKind.FOCAL_POINT:
            result = score_focal_point(_FOCAL_POINT, self._state_facts(on), METHOD_2)
            return _indicator_reading(_FOCAL_POINT_LEVELS, result)
        if target.startswith(LAW_PREFIX):
            return self._law_reading(target.removeprefix(LAW_PREFIX), on)
        participation = derive(
            self.actions.get(target, ()),
            self.observations.get(target, ()),
            on,
            self.today,
            applicable_from=self.treaty_applicable_from.get(target),
        )
        return Reading(
            _TREATY_LEVELS.get(participation.status, UNKNOWN),
            participation.since,
            participation.last_verified,
            participation.source,
        )

    def _law_reading(self, category: str, on: datetime.date) -> Reading:
        in_force = [
            law
            for law in self.laws
            if law.category == category and law.enacted_on is not None and law.enacted_on <= on
        ]
        if in_force:
            first = min(in_force, key=lambda law: law.enacted_on)
            return Reading(
                REACHED, first.partial_enacted_on, first.partial_enacted_on, first.source
            )
        stated = [
            o
            for o in self.institution_observations
            if o.indicator == law_indicator(category)
            and o.observed_on is not None
            and o.observed_on <= on
        ]
        if stated:
            latest = max(stated, key=lambda o: (o.observed_on, o.pk or 0))
            level = REACHED if latest.status == IndicatorStatus.LAW_IN_FORCE else ABSENT
            return Reading(level, None, latest.partial_observed_on, latest.source)
        return Reading(UNKNOWN)

    def reached_between(self, target: str, after: datetime.date, until: datetime.date) -> bool:
        """Whether a fact dated after `after` and on or before `until` reached the target."""
        if target == UprTargetKind.NHRI:
            dates = [a.decided_on for a in self.accreditations if a.status == GanhriStatus.A]
        elif target == UprTargetKind.FOCAL_POINT:
            dates = [f.designated_on for f in self.focal_points]
        elif target.startswith(LAW_PREFIX):
            return False
        else:
            dates = [a.date for a in self.actions.get(target, ()) if a.action in CONSENT_ACTIONS]
        return any(d is not None and after < d <= until for d in dates)


@dataclass(frozen=True)
class FollowThroughResult:
    """What followed one promise, as of `on`: the outcome, the date it came about (delivery,
    reversal, signature or B status) and the years it took or has lasted."""

    outcome: str
    on: datetime.date
    promised_on: datetime.date | None
    since: PartialDate | None = None
    years: int | None = None
    evidence: Any = None

    def get_outcome_display(self) -> str:
        return str(FollowThrough(self.outcome).label)


def follow_through(
    target: str, promised_on: datetime.date | None, facts: PromiseFacts, on: datetime.date
) -> FollowThroughResult:
    """The follow-through on `on` of a promise about `target` made on `promised_on`."""
    if promised_on is None or on < promised_on:
        return FollowThroughResult(FollowThrough.UNKNOWN, on, promised_on)
    promise = PartialDate(promised_on)
    now = facts.reading(target, on)

    def result(outcome: str, since: PartialDate | None = None, years: int | None = None):
        return FollowThroughResult(outcome, on, promised_on, since, years, now.evidence)

    if now.level == REACHED:
        since = now.since
        if since is not None and since.is_after(promise):
            return result(FollowThrough.DELIVERED, since, since.value.year - promised_on.year)
        if since is not None and since.value <= promised_on:
            return result(FollowThrough.ALREADY_MET, since)
        then = facts.reading(target, promised_on)
        if then.level == REACHED:
            return result(FollowThrough.ALREADY_MET, since or then.since)
        if then.level in (PARTLY, ABSENT):
            years = since.value.year - promised_on.year if since else None
            return result(FollowThrough.DELIVERED, since, years)
        return result(FollowThrough.UNKNOWN)
    if now.level in (PARTLY, ABSENT):
        lost = facts.reading(target, promised_on).level == REACHED or facts.reached_between(
            target, promised_on, on
        )
        if lost and now.since is not None and now.since.is_after(promise):
            return result(
                FollowThrough.REVERSED, now.since, now.since.value.year - promised_on.year
            )
        if now.level == PARTLY:
            return result(FollowThrough.IN_PROGRESS, now.since)
        if now.verified is not None and now.verified.is_after(promise):
            return result(FollowThrough.NOT_DELIVERED, now.verified, on.year - promised_on.year)
    return result(FollowThrough.UNKNOWN)


def of_recommendation(
    recommendation: UprRecommendation, facts: PromiseFacts, on: datetime.date
) -> FollowThroughResult:
    return follow_through(recommendation.target, recommendation.promised_on, facts, on)


@dataclass(frozen=True)
class TargetSummary:
    """One target's promises in one state: how often it was recommended (and since when), how
    often supported, the latest response, and what followed the first supported and the first
    noted recommendation, shown apart."""

    target: str
    recommendations: tuple
    supported: FollowThroughResult | None
    noted: FollowThroughResult | None

    @property
    def count(self) -> int:
        return len(self.recommendations)

    @property
    def supported_count(self) -> int:
        return sum(1 for r in self.recommendations if r.response == UprResponse.SUPPORTED)

    @property
    def first_year(self) -> int | None:
        years = [r.promised_on.year for r in self.recommendations if r.promised_on]
        return min(years, default=None)

    @property
    def latest(self) -> UprRecommendation:
        return max(self.recommendations, key=_promise_order)

    @property
    def delivered_anyway(self) -> bool:
        """A noted recommendation that was delivered all the same."""
        return self.noted is not None and self.noted.outcome == FollowThrough.DELIVERED


def _promise_order(recommendation: UprRecommendation) -> tuple:
    return (recommendation.promised_on or datetime.date.min, recommendation.cycle)


def summaries(
    recommendations: Iterable[UprRecommendation], facts: PromiseFacts, on: datetime.date
) -> list[TargetSummary]:
    """Per target, in order of the first promise, the recommendations made by `on`."""
    by_target: dict[str, list] = {}
    for recommendation in sorted(recommendations, key=_promise_order):
        if recommendation.review_date is not None and recommendation.review_date > on:
            continue
        by_target.setdefault(recommendation.target, []).append(recommendation)
    found = []
    for target, rows in by_target.items():
        first = {}
        for response in (UprResponse.SUPPORTED, UprResponse.NOTED):
            chosen = next((r for r in rows if r.response == response), None)
            first[response] = of_recommendation(chosen, facts, on) if chosen else None
        found.append(
            TargetSummary(
                target, tuple(rows), first[UprResponse.SUPPORTED], first[UprResponse.NOTED]
            )
        )
    return found


@dataclass(frozen=True)
class PromiseTally:
    """How many distinct treaties a state supported a promise to join, and of those how many
    were delivered (after the first supported promise)."""

    supported: int
    delivered: int


def treaty_tally(target_summaries: Iterable[TargetSummary], treaty_keys: set[str]) -> PromiseTally:
    supported = [s for s in target_summaries if s.target in treaty_keys and s.supported]
    delivered = [
        s for s in supported if s.supported and s.supported.outcome == FollowThrough.DELIVERED
    ]
    return PromiseTally(len(supported), len(delivered))
