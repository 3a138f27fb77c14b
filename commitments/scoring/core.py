"""What every scoring method is made of: indicators in groups, the facts a state's score reads, and
the results (indicator statuses, group scores, a total, coverage and a rank).

No query runs here: the facts are loaded by the caller (`StateFacts.from_state` reads a state
prefetched by `State.objects.for_scorecard()`), so a score can be computed on unsaved instances.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, overload

from commitments.dates import PartialDate
from commitments.status import ObservationRecord, Participation, SourceRecord
from commitments.vocabularies import IndicatorStatus, Status

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from commitments.models import (
        Accreditation,
        FocalPoint,
        InstitutionObservation,
        Law,
        NationalHumanRightsInstitution,
        State,
        Treaty,
    )

# Indicator kinds: where an indicator's status comes from.
TREATY = "treaty"
FOCAL_POINT = "focal_point"
NHRI = "nhri"
LAW = "law"

UNKNOWN = IndicatorStatus.UNKNOWN.value
NOT_APPLICABLE = IndicatorStatus.NOT_APPLICABLE.value

# Every status an indicator can have, as pages and legends name it.
STATUS_LABELS: dict[str, Promise] = {
    **{status.value: status.label for status in Status},
    **{status.value: status.label for status in IndicatorStatus},
}


@dataclass(frozen=True)
class Indicator:
    key: str
    kind: str
    label: Promise | str


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise | str
    description: Promise | str
    indicators: tuple[Indicator, ...]
    # Why these indicators measure a commitment (printed on the methodology page).
    rationale: Promise | str = ""


@dataclass(frozen=True)
class Method:
    """One version of the scoring method: its indicators, weights and rules.

    Every published method stays computable (`?method=` on the pages and the API), so a figure
    published under an earlier method can be reproduced. `version` joins the semantic version with
    a short hash of every constant, so changing a weight, an indicator or a rule changes it.
    """

    semantic_version: str
    published_on: datetime.date
    groups: tuple[Group, ...]
    treaty_points: Mapping[str, float]
    nhri_points: Mapping[str, float]
    focal_point_points: Mapping[str, float]
    law_points: Mapping[str, float]
    # Law categories each law indicator accepts.
    law_indicators: Mapping[str, tuple[str, ...]]
    # The rules as the methodology page prints them, in the order the code applies them.
    rules: tuple[Promise | str, ...]
    # What changed since the previous method, and why.
    changes: tuple[Promise | str, ...] = ()
    # Not applicable: before a treaty's adoption, the state's independence, or the date an
    # institution indicator came to exist as a commitment (`indicator_origins`).
    applicability: bool = False
    indicator_origins: Mapping[str, datetime.date] = field(default_factory=dict)
    # Sourced statements about institutions and laws (presence and absence) count.
    institution_observations: bool = False
    # A total and a rank are published only when at least this share of the applicable
    # indicators is known (None: whenever any group has a score) ...
    coverage_floor: Fraction | None = None
    # ... and, when true, at least one indicator is known in every group that has one applicable.
    every_group_known: bool = False

    def __str__(self) -> str:
        return self.version

    @cached_property
    def version(self) -> str:
        constants: dict = {
            "groups": [[g.key, [[i.key, i.kind] for i in g.indicators]] for g in self.groups],
            "treaty_points": dict(self.treaty_points),
            "nhri_points": dict(self.nhri_points),
            "focal_point_points": dict(self.focal_point_points),
            "law_points": dict(self.law_points),
            "law_indicators": {k: list(v) for k, v in self.law_indicators.items()},
        }
        rules = {
            "applicability": self.applicability,
            "indicator_origins": {k: v.isoformat() for k, v in self.indicator_origins.items()},
            "institution_observations": self.institution_observations,
            "coverage_floor": str(self.coverage_floor) if self.coverage_floor else None,
            "every_group_known": self.every_group_known,
        }
        # Method 1 had none of these rules; its hash covers the constants above alone.
        if any(rules.values()):
            constants["rules"] = rules
        digest = hashlib.sha256(json.dumps(constants, sort_keys=True).encode()).hexdigest()
        return f"{self.semantic_version}+{digest[:8]}"

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for group in self.groups for i in group.indicators)

    @cached_property
    def treaty_keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.indicators if i.kind == TREATY)

    def group(self, key: str) -> Group:
        return next(g for g in self.groups if g.key == key)

    def matches(self, text: str) -> bool:
        """Whether `text` names this method: `2`, `2.0` or the full version `2.0+1a2b3c4d`."""
        text = text.strip()
        major = self.semantic_version.split(".")[0]
        return text in {self.version, self.semantic_version, major}


@dataclass(frozen=True)
class StateFacts:
    """Everything a method reads about one state on one date, already loaded.

    `participation` maps treaty keys to the status the record gives (see `commitments.status`),
    without the applicability rule: `treaty_applicable_from` gives, per treaty key, the first day
    the state could be bound by it, and each method decides whether to apply it. A treaty key
    that is missing is unknown.
    """

    on: datetime.date
    today: datetime.date
    participation: Mapping[str, Participation] = field(default_factory=dict)
    treaty_applicable_from: Mapping[str, datetime.date] = field(default_factory=dict)
    focal_points: Sequence[FocalPoint] = ()
    nhris: Sequence[NationalHumanRightsInstitution] = ()
    accreditations: Sequence[Accreditation] = ()
    laws: Sequence[Law] = ()
    institution_observations: Sequence[InstitutionObservation] = ()
    independent_on: datetime.date | None = None

    @classmethod
    def from_state(
        cls, state: State, treaties: Iterable[Treaty], on: datetime.date, today: datetime.date
    ) -> StateFacts:
        """Reads a state loaded by `State.objects.for_scorecard()`; runs no query."""
        treaties = list(treaties)
        by_id = state.participation(treaties, on, today, applicability=False)
        nhris = list(state.nhris.all())
        return cls(
            on=on,
            today=today,
            participation={t.key: by_id[t.pk] for t in treaties},
            treaty_applicable_from={t.key: t.applicable_from(state) for t in treaties},
            focal_points=list(state.focal_points.all()),
            nhris=nhris,
            accreditations=[a for nhri in nhris for a in nhri.accreditations.all()],
            laws=list(state.laws.all()),
            institution_observations=list(state.institution_observations.all()),
            independent_on=state.independent_on,
        )

    @property
    def state_exists(self) -> bool:
        return self.independent_on is None or self.independent_on <= self.on


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's status on the date, its points (None when unknown or not applicable) and
    its evidence: the facts behind it, the observation that answered when no fact did, and an
    observation that disagrees with the facts."""

    indicator: Indicator
    status: str
    points: float | None
    since: PartialDate | None = None
    source: SourceRecord | None = None
    participation: Participation | None = None
    evidence: tuple = ()
    observation: ObservationRecord | None = None
    contradiction: ObservationRecord | None = None
    last_verified: PartialDate | None = None

    @property
    def is_known(self) -> bool:
        return self.points is not None

    @property
    def is_applicable(self) -> bool:
        return self.status != NOT_APPLICABLE

    @property
    def status_label(self) -> Promise | str:
        return STATUS_LABELS.get(self.status, self.status)

    def verified_before(self, cutoff: datetime.date) -> bool:
        """Whether the newest evidence speaks for a date before `cutoff` (a stale fact)."""
        return self.last_verified is not None and self.last_verified.last_day() < cutoff


@dataclass(frozen=True)
class Coverage:
    """How many indicators are known, out of those applicable on the date (and out of all)."""

    known: int
    applicable: int
    total: int

    def __str__(self) -> str:
        return f"{self.known}/{self.applicable}"

    @property
    def share(self) -> float | None:
        return self.known / self.applicable if self.applicable else None


@dataclass(frozen=True)
class GroupScore:
    group: Group
    score: float | None
    coverage: Coverage
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class Scorecard:
    """A state's scores on one date under one method.

    `total` is None when nothing is known, when the state did not exist on the date, or when the
    method's coverage rule is not met (`insufficient`); `raw_total` is the mean of the group
    scores whatever the coverage, for readers who want it.
    """

    on: datetime.date
    method: Method
    total: float | None
    raw_total: float | None
    coverage: Coverage
    groups: tuple[GroupScore, ...]
    applicable: bool = True

    @property
    def version(self) -> str:
        return self.method.version

    @property
    def insufficient(self) -> bool:
        """Scored, but not enough is known to publish a total and a rank."""
        return self.applicable and self.total is None

    def group(self, key: str) -> GroupScore:
        return next(g for g in self.groups if g.group.key == key)

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(result for group in self.groups for result in group.indicators)


@dataclass(frozen=True)
class Rank:
    """A state's place among the states scored on the same date: `position` of `of` (None when
    it has no total); equal totals share a position (1, 2, 2, 4)."""

    position: int | None
    of: int


# Totals are compared as they are published: to one decimal place.
RANK_DECIMALS = 1


@overload
def published(value: float) -> float: ...
@overload
def published(value: None) -> None: ...
def published(value: float | None) -> float | None:
    """A score as the API publishes it: rounded to one decimal place."""
    return None if value is None else round(value, RANK_DECIMALS)


def ranks(cards: Mapping[str, Scorecard]) -> dict[str, Rank]:
    """The rank of each card, keyed as given: states with a total by their published total,
    best first; ties share a position; states without a total have none. `of` counts the states
    that existed on the date."""
    of = sum(1 for card in cards.values() if card.applicable)
    totals = sorted(
        (published(card.total) for card in cards.values() if card.total is not None),
        reverse=True,
    )
    position: dict[float, int] = {}
    for index, total in enumerate(totals, start=1):
        position.setdefault(total, index)
    return {
        key: Rank(position.get(published(card.total)) if card.total is not None else None, of)
        for key, card in cards.items()
    }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Iterable[float | None]) -> float | None:
    """The median of the scores that exist; None when no state has one."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def group_medians(scorecards: Iterable[Scorecard]) -> dict[str, float | None]:
    """The median of each group's score across the given scorecards (all under one method), and
    of the published totals."""
    scorecards = list(scorecards)
    if not scorecards:
        return {"total": None}
    medians = {
        group.key: median(card.group(group.key).score for card in scorecards)
        for group in scorecards[0].method.groups
    }
    medians["total"] = median(card.total for card in scorecards)
    return medians


def aggregate(
    method: Method, on: datetime.date, groups: Sequence[GroupScore], applicable: bool
) -> Scorecard:
    """The total and coverage of a state's group scores under `method`'s coverage rule."""
    coverage = Coverage(
        sum(g.coverage.known for g in groups),
        sum(g.coverage.applicable for g in groups),
        sum(g.coverage.total for g in groups),
    )
    raw_total = _mean([g.score for g in groups if g.score is not None]) if applicable else None
    total = raw_total
    if total is not None and method.coverage_floor is not None:
        enough = coverage.known >= method.coverage_floor * coverage.applicable
        every_group = not method.every_group_known or all(
            g.coverage.known > 0 for g in groups if g.coverage.applicable > 0
        )
        if not (enough and every_group):
            total = None
    return Scorecard(
        on=on,
        method=method,
        total=total,
        raw_total=raw_total,
        coverage=coverage,
        groups=tuple(groups),
        applicable=applicable,
    )
