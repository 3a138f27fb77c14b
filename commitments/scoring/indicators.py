"""How each kind of indicator gets its status and points on a date, under a method.

Method 1 reads only facts that establish a presence: a designation, a GANHRI decision, a law. An
absence is known only where a fact implies it (a designation that ended, a date before the
institution was founded). Method 2 adds sourced statements about institutions and laws
(`InstitutionObservation`), which establish absence as well as presence, and the rule that an
indicator is not applicable before it could exist for the state.

A statement answers only where no fact does, exactly as for treaties (`commitments.status`): the
facts in force answer; otherwise the latest statement on or before the date; and a statement
that disagrees with what the facts say on its own date is kept as a contradiction, never hidden.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from commitments.dates import PartialDate
from commitments.scoring.core import (
    FOCAL_POINT,
    NHRI,
    NOT_APPLICABLE,
    TREATY,
    UNKNOWN,
    Indicator,
    IndicatorResult,
    Method,
    StateFacts,
)
from commitments.status import Participation
from commitments.vocabularies import IndicatorStatus, InstitutionIndicator, law_indicator

if TYPE_CHECKING:
    from commitments.models import (
        Accreditation,
        FocalPoint,
        InstitutionObservation,
        NationalHumanRightsInstitution,
        Source,
    )

DESIGNATED = IndicatorStatus.DESIGNATED.value
NOT_DESIGNATED = IndicatorStatus.NOT_DESIGNATED.value
LAW_IN_FORCE = IndicatorStatus.LAW_IN_FORCE.value
NO_LAW = IndicatorStatus.NO_LAW.value
NO_ACCREDITED_NHRI = IndicatorStatus.NO_NHRI.value
# A suspended or removed accreditation leaves no accredited institution: a statement of "none"
# agrees with it.
_NHRI_EQUIVALENT: dict[str, str] = {
    IndicatorStatus.SUSPENDED: NO_ACCREDITED_NHRI,
    IndicatorStatus.REMOVED: NO_ACCREDITED_NHRI,
}


def _speaks_for(value: datetime.date | None, on: datetime.date, today: datetime.date) -> bool:
    """A dated fact counts from its date; an undated one speaks only for the present."""
    return value <= on if value is not None else on >= today


def _newest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    return max((d for d in dates if d is not None), key=lambda d: d.value, default=None)


def _source_date(source: Source | None) -> PartialDate | None:
    return source.partial_as_of if source is not None else None


def _observations(facts: StateFacts, indicator: str, on: datetime.date) -> list:
    """The statements about `indicator` that speak for `on`, oldest first."""
    found = [
        o
        for o in facts.institution_observations
        if o.indicator == indicator and _speaks_for(o.observed_on, on, facts.today)
    ]
    return sorted(found, key=lambda o: (o.observed_on is not None, o.observed_on, o.pk or 0))


def _latest_observation(facts: StateFacts, indicator: str) -> InstitutionObservation | None:
    found = _observations(facts, indicator, facts.on)
    return found[-1] if found else None


def _observed_on(observation: InstitutionObservation, facts: StateFacts) -> datetime.date:
    return observation.observed_on or facts.today


def not_applicable(indicator: Indicator) -> IndicatorResult:
    return IndicatorResult(indicator, NOT_APPLICABLE, None)


def applicable_from(indicator: Indicator, facts: StateFacts, method: Method) -> datetime.date:
    """The first day the indicator applies to the state under `method` (date.min: always)."""
    if not method.applicability:
        return datetime.date.min
    dates = [facts.independent_on or datetime.date.min]
    if indicator.kind == TREATY:
        dates.append(facts.treaty_applicable_from.get(indicator.key, datetime.date.min))
    dates.append(method.indicator_origins.get(indicator.kind, datetime.date.min))
    return max(dates)


# Treaties.


def score_treaty(
    indicator: Indicator, participation: Participation | None, method: Method
) -> IndicatorResult:
    if participation is None or participation.status not in method.treaty_points:
        return IndicatorResult(indicator, UNKNOWN, None, participation=participation)
    return IndicatorResult(
        indicator,
        participation.status,
        method.treaty_points[participation.status],
        since=participation.since,
        source=participation.source,
        participation=participation,
        observation=participation.observation if participation.event is None else None,
        contradiction=participation.contradiction,
        last_verified=participation.last_verified,
    )


# The national R2P focal point.


def _designation_status(facts: StateFacts, on: datetime.date) -> tuple[str, FocalPoint] | None:
    """What the recorded designations say on `on`: (status, the designation), or None."""
    in_force = [
        fp
        for fp in facts.focal_points
        if _speaks_for(fp.designated_on, on, facts.today)
        and (fp.ended_on is None or fp.ended_on > on)
    ]
    if in_force:
        return DESIGNATED, in_force[-1]
    ended = [fp for fp in facts.focal_points if fp.ended_on is not None and fp.ended_on <= on]
    if ended:
        return NOT_DESIGNATED, ended[-1]
    return None


def score_focal_point(indicator: Indicator, facts: StateFacts, method: Method) -> IndicatorResult:
    """Designated when a designation is in force; not designated when one has ended, or (method
    2) when a source says so. A designation dated later says nothing about earlier years (the
    record of designations is not known to be complete), so before it, as with no record at
    all, the indicator is unknown."""
    points = method.focal_point_points
    from_facts = _designation_status(facts, facts.on)
    observation = (
        _latest_observation(facts, InstitutionIndicator.FOCAL_POINT)
        if method.institution_observations
        else None
    )
    contradiction = None
    if observation is not None:
        then = _designation_status(facts, _observed_on(observation, facts))
        if then is not None and then[0] != observation.status:
            contradiction = observation
    if from_facts is not None:
        status, designation = from_facts
        return IndicatorResult(
            indicator,
            status,
            points[status],
            since=designation.partial_designated_on if status == DESIGNATED else None,
            source=designation.source,
            evidence=(designation,),
            contradiction=contradiction,
            last_verified=_newest(
                [
                    _source_date(designation.source),
                    observation.partial_observed_on if observation is not None else None,
                ]
            ),
        )
    if observation is not None and observation.status in points:
        return _from_observation(indicator, observation, points[observation.status])
    return IndicatorResult(indicator, UNKNOWN, None)


def _from_observation(
    indicator: Indicator, observation: InstitutionObservation, points: float
) -> IndicatorResult:
    return IndicatorResult(
        indicator,
        observation.status,
        points,
        source=observation.source,
        observation=observation,
        last_verified=observation.partial_observed_on or _source_date(observation.source),
    )


# The national human rights institution.


def _decision_key(accreditation: Accreditation) -> tuple:
    return (accreditation.decided_on or datetime.date.min, accreditation.pk or 0)


def _nhri_status(
    facts: StateFacts, on: datetime.date, method: Method
) -> tuple[str, tuple, Accreditation | NationalHumanRightsInstitution | None] | None:
    """What the recorded institutions and GANHRI decisions say on `on`: (status, evidence,
    the fact that answers), or None when they say nothing."""
    decisions = sorted(
        (a for a in facts.accreditations if _speaks_for(a.decided_on, on, facts.today)),
        key=_decision_key,
    )
    standing = [a for a in decisions if a.status in method.nhri_points]
    if standing:
        return standing[-1].status, (standing[-1],), standing[-1]
    if decisions:
        # Only deferrals so far: the status before them is not on record.
        return UNKNOWN, tuple(decisions), None
    founded_later = [
        n for n in facts.nhris if n.established_on is not None and n.established_on > on
    ]
    if facts.nhris and len(founded_later) == len(facts.nhris):
        first = min(founded_later, key=lambda n: cast(datetime.date, n.established_on))
        return NO_ACCREDITED_NHRI, (first,), first
    return None


def score_nhri(indicator: Indicator, facts: StateFacts, method: Method) -> IndicatorResult:
    """The GANHRI status of the latest decision in force; a deferral keeps the earlier status.

    Before the state's NHRI was founded the status is `none`. Method 2 also reads sourced
    statements ("no accredited NHRI as of 2023"), which answer where no decision does.
    """
    points = method.nhri_points
    from_facts = _nhri_status(facts, facts.on, method)
    observation = (
        _latest_observation(facts, InstitutionIndicator.NHRI)
        if method.institution_observations
        else None
    )
    contradiction = None
    if observation is not None:
        then = _nhri_status(facts, _observed_on(observation, facts), method)
        if (
            then is not None
            and then[0] != UNKNOWN
            and _NHRI_EQUIVALENT.get(then[0], then[0]) != observation.status
        ):
            contradiction = observation
    if from_facts is not None and from_facts[0] != UNKNOWN:
        status, evidence, answer = from_facts
        assert answer is not None, "a known status names the fact that answers"
        decided = getattr(answer, "partial_decided_on", None)
        return IndicatorResult(
            indicator,
            status,
            points[status],
            since=decided,
            source=answer.source,
            evidence=evidence,
            contradiction=contradiction,
            last_verified=_newest(
                [
                    decided,
                    _source_date(answer.source),
                    observation.partial_observed_on if observation is not None else None,
                ]
            ),
        )
    if observation is not None and observation.status in points:
        return _from_observation(indicator, observation, points[observation.status])
    evidence = from_facts[1] if from_facts is not None else ()
    return IndicatorResult(indicator, UNKNOWN, None, evidence=evidence)


# Domestic law.


def _laws_in_force(facts: StateFacts, categories: Iterable[str], on: datetime.date) -> list:
    categories = set(categories)
    return [
        law
        for law in facts.laws
        if law.category in categories and _speaks_for(law.enacted_on, on, facts.today)
    ]


def score_law(indicator: Indicator, facts: StateFacts, method: Method) -> IndicatorResult:
    """A law of one of the indicator's categories in force on the date counts. Method 1 never
    knows an absence; method 2 knows it when, for every category the indicator accepts, the
    latest sourced statement says no such law was in force."""
    categories = method.law_indicators[indicator.key]
    points = method.law_points
    in_force = _laws_in_force(facts, categories, facts.on)
    latest = {}
    if method.institution_observations:
        for category in categories:
            observation = _latest_observation(facts, law_indicator(category))
            if observation is not None:
                latest[category] = observation
    contradiction = next(
        (
            o
            for category, o in latest.items()
            if o.status == NO_LAW and _laws_in_force(facts, [category], _observed_on(o, facts))
        ),
        None,
    )
    if in_force:
        first = min(in_force, key=lambda law: law.enacted_on or facts.on)
        return IndicatorResult(
            indicator,
            LAW_IN_FORCE,
            points[LAW_IN_FORCE],
            since=first.partial_enacted_on,
            source=first.source,
            evidence=tuple(in_force),
            contradiction=contradiction,
            last_verified=_newest([_source_date(law.source) for law in in_force]),
        )
    stated_in_force = [o for o in latest.values() if o.status == LAW_IN_FORCE]
    if stated_in_force and LAW_IN_FORCE in points:
        return _from_observation(indicator, stated_in_force[-1], points[LAW_IN_FORCE])
    if latest and len(latest) == len(categories) and NO_LAW in points:
        newest = max(latest.values(), key=lambda o: (o.observed_on or facts.today, o.pk or 0))
        result = _from_observation(indicator, newest, points[NO_LAW])
        return IndicatorResult(
            indicator,
            NO_LAW,
            result.points,
            source=result.source,
            observation=newest,
            evidence=tuple(latest.values()),
            last_verified=_newest(o.partial_observed_on for o in latest.values()),
        )
    return IndicatorResult(indicator, UNKNOWN, None)


def score_indicator(indicator: Indicator, facts: StateFacts, method: Method) -> IndicatorResult:
    if facts.on < applicable_from(indicator, facts, method):
        return not_applicable(indicator)
    if indicator.kind == TREATY:
        return score_treaty(indicator, facts.participation.get(indicator.key), method)
    if indicator.kind == FOCAL_POINT:
        return score_focal_point(indicator, facts, method)
    if indicator.kind == NHRI:
        return score_nhri(indicator, facts, method)
    return score_law(indicator, facts, method)


__all__ = [
    "DESIGNATED",
    "LAW_IN_FORCE",
    "NOT_DESIGNATED",
    "NO_ACCREDITED_NHRI",
    "NO_LAW",
    "applicable_from",
    "score_focal_point",
    "score_indicator",
    "score_law",
    "score_nhri",
    "score_treaty",
]
