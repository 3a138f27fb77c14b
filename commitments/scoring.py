"""The scorecard method: how a state's record becomes group scores, a total and a coverage.

1. Indicators are grouped as the R2P agenda groups them (`GROUPS`): atrocity-crime treaties,
   international humanitarian law, arms and weapons, protection of people, institutions and
   domestic law. Every indicator is worth the same within its group.
2. Each indicator's status on the chosen date earns points (`TREATY_POINTS`, `NHRI_POINTS`,
   `FOCAL_POINT_POINTS`, `LAW_POINTS`). A treaty's status is the one derived from the dated event
   log (`commitments.status`).
3. A status that nobody has verified is `unknown`. It earns nothing and counts in no denominator:
   absence is scored 0 only where a source establishes it. A group scores the mean points of its
   known indicators, as 0-100; a group with no known indicator has no score.
4. The total is the mean of the group scores that exist. Every score states its coverage: the
   number of indicators with a known status out of all indicators it covers, so that missing
   research never reads as a poor record.
5. Facts without a date (an undated designation, accreditation or law) speak only for the present,
   as undated status observations do: on a past date they are unknown.
6. The same computation answers for any past date (`as_of`).

`METHOD_VERSION` joins a semantic version with a short hash of every constant above, so changing
a weight, an indicator or a group changes the version printed beside every score.

The module runs no queries: it reads facts the caller has already loaded (see
`StateFacts.from_state`, which reads a state prefetched by `State.objects.for_scorecard()`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from commitments.dates import PartialDate
from commitments.status import Participation
from commitments.vocabularies import Status

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from commitments.models import (
        Accreditation,
        FocalPoint,
        Law,
        NationalHumanRightsInstitution,
        Source,
        State,
        Treaty,
    )

SEMANTIC_VERSION = "1.0"

# Indicator kinds: where an indicator's status comes from.
TREATY = "treaty"
FOCAL_POINT = "focal_point"
NHRI = "nhri"
LAW = "law"

# Statuses of the non-treaty indicators, beside the treaty statuses of commitments.status.
DESIGNATED = "designated"
NOT_DESIGNATED = "not_designated"
LAW_IN_FORCE = "law_in_force"
NO_ACCREDITED_NHRI = "none"
UNKNOWN = Status.UNKNOWN.value

TREATY_POINTS: dict[str, float] = {
    Status.PARTY: 1.0,
    Status.SIGNATORY: 0.5,
    Status.WITHDRAWN: 0.0,
    Status.NO_ACTION: 0.0,
}
# GANHRI status of the state's NHRI in force on the date. A deferred review leaves the earlier
# status in place; `none` is a date before the state's NHRI was founded.
NHRI_POINTS: dict[str, float] = {
    "A": 1.0,
    "B": 0.5,
    "C": 0.0,
    "suspended": 0.0,
    "removed": 0.0,
    NO_ACCREDITED_NHRI: 0.0,
}
FOCAL_POINT_POINTS: dict[str, float] = {DESIGNATED: 1.0, NOT_DESIGNATED: 0.0}
# Only laws in force are recorded; the absence of a law is never sourced, so it stays unknown.
LAW_POINTS: dict[str, float] = {LAW_IN_FORCE: 1.0}

# Law categories each law indicator accepts. `other` laws are listed on the pages but name no
# specific commitment, so they are not an indicator.
LAW_INDICATORS: dict[str, tuple[str, ...]] = {
    "law_atrocity_crimes": ("rome_statute_implementation", "ihl_implementation"),
    "law_atrocity_denial": ("atrocity_denial",),
    "law_child_recruitment": ("child_recruitment",),
    "law_violence_against_women": ("violence_against_women",),
    "law_trafficking": ("trafficking",),
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


def _treaties(*keys_and_labels: tuple[str, Promise]) -> tuple[Indicator, ...]:
    return tuple(Indicator(key, TREATY, label) for key, label in keys_and_labels)


GROUPS: tuple[Group, ...] = (
    Group(
        "atrocity_crimes",
        _("Atrocity-crime treaties"),
        _("Treaties that define genocide and the other atrocity crimes and make them punishable."),
        _treaties(
            ("genocide_1948", _("Genocide Convention")),
            ("rome_statute_1998", _("Rome Statute")),
        ),
    ),
    Group(
        "ihl",
        _("International humanitarian law"),
        _("The rules that protect civilians and combatants in armed conflict."),
        _treaties(
            ("gc_1949", _("Geneva Conventions I-IV")),
            ("ap1_1977", _("Additional Protocol I")),
            ("ap2_1977", _("Additional Protocol II")),
        ),
    ),
    Group(
        "weapons",
        _("Arms and weapons"),
        _("Limits on the weapons and arms transfers used to commit atrocities."),
        _treaties(
            ("att_2013", _("Arms Trade Treaty")),
            ("ccm_2008", _("Convention on Cluster Munitions")),
            ("apmbc_1997", _("Mine Ban Convention")),
            ("cwc_1993", _("Chemical Weapons Convention")),
            ("bwc_1972", _("Biological Weapons Convention")),
            ("tpnw_2017", _("Treaty on the Prohibition of Nuclear Weapons")),
        ),
    ),
    Group(
        "protection",
        _("Protection of people"),
        _("Human rights, refugee, statelessness and trafficking treaties that protect people."),
        _treaties(
            ("iccpr_1966", _("ICCPR")),
            ("cat_1984", _("Convention against Torture")),
            ("cedaw_1979", _("CEDAW")),
            ("opac_2000", _("Child-soldier protocol (OPAC)")),
            ("refugee_1951", _("Refugee Convention")),
            ("refugee_1967", _("Refugee Protocol")),
            ("stateless_1954", _("1954 Statelessness Convention")),
            ("stateless_1961", _("1961 Statelessness Convention")),
            ("palermo_tip_2000", _("Trafficking Protocol")),
            ("cped_2006", _("Enforced Disappearance Convention")),
        ),
    ),
    Group(
        "institutions",
        _("Institutions"),
        _("A national R2P focal point, and a national human rights institution and its status."),
        (
            Indicator("focal_point", FOCAL_POINT, _("National R2P focal point")),
            Indicator("nhri", NHRI, _("National human rights institution (GANHRI status)")),
        ),
    ),
    Group(
        "domestic_law",
        _("Domestic law"),
        _("Laws that bring atrocity prevention and protection commitments into national law."),
        (
            Indicator("law_atrocity_crimes", LAW, _("Rome Statute or IHL implementing law")),
            Indicator("law_atrocity_denial", LAW, _("Law against atrocity denial")),
            Indicator("law_child_recruitment", LAW, _("Law against child recruitment")),
            Indicator("law_violence_against_women", LAW, _("Law against violence against women")),
            Indicator("law_trafficking", LAW, _("Anti-trafficking law")),
        ),
    ),
)

INDICATORS: tuple[Indicator, ...] = tuple(i for group in GROUPS for i in group.indicators)
TREATY_KEYS: tuple[str, ...] = tuple(i.key for i in INDICATORS if i.kind == TREATY)

STATUS_LABELS: dict[str, Promise] = {
    **{status.value: status.label for status in Status},
    DESIGNATED: _("designated"),
    NOT_DESIGNATED: _("not designated"),
    LAW_IN_FORCE: _("law in force"),
    NO_ACCREDITED_NHRI: _("no accredited NHRI"),
    "A": _("A status"),
    "B": _("B status"),
    "C": _("C status"),
    "suspended": _("suspended"),
    "removed": _("accreditation removed"),
}


def method_version(
    groups: Sequence[Group] = GROUPS,
    treaty_points: Mapping[str, float] = TREATY_POINTS,
    nhri_points: Mapping[str, float] = NHRI_POINTS,
    focal_point_points: Mapping[str, float] = FOCAL_POINT_POINTS,
    law_points: Mapping[str, float] = LAW_POINTS,
    law_indicators: Mapping[str, Sequence[str]] = LAW_INDICATORS,
    semantic_version: str = SEMANTIC_VERSION,
) -> str:
    """`<semantic version>+<hash>`, where the hash covers every group, indicator and weight."""
    constants = {
        "groups": [[g.key, [[i.key, i.kind] for i in g.indicators]] for g in groups],
        "treaty_points": dict(treaty_points),
        "nhri_points": dict(nhri_points),
        "focal_point_points": dict(focal_point_points),
        "law_points": dict(law_points),
        "law_indicators": {k: list(v) for k, v in law_indicators.items()},
    }
    digest = hashlib.sha256(json.dumps(constants, sort_keys=True).encode()).hexdigest()
    return f"{semantic_version}+{digest[:8]}"


METHOD_VERSION = method_version()


@dataclass(frozen=True)
class StateFacts:
    """Everything the method reads about one state on one date, already loaded.

    `participation` maps treaty keys to the derived status; a key that is missing is unknown.
    """

    on: datetime.date
    today: datetime.date
    participation: Mapping[str, Participation] = field(default_factory=dict)
    focal_points: Sequence[FocalPoint] = ()
    nhris: Sequence[NationalHumanRightsInstitution] = ()
    accreditations: Sequence[Accreditation] = ()
    laws: Sequence[Law] = ()

    @classmethod
    def from_state(
        cls, state: State, treaties: Iterable[Treaty], on: datetime.date, today: datetime.date
    ) -> StateFacts:
        """Reads a state loaded by `State.objects.for_scorecard()`; runs no query."""
        treaties = list(treaties)
        by_id = state.participation(treaties, on, today)
        nhris = list(state.nhris.all())
        return cls(
            on=on,
            today=today,
            participation={t.key: by_id[t.pk] for t in treaties},
            focal_points=list(state.focal_points.all()),
            nhris=nhris,
            accreditations=[a for nhri in nhris for a in nhri.accreditations.all()],
            laws=list(state.laws.all()),
        )


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's status on the date, its points (None when unknown) and its evidence."""

    indicator: Indicator
    status: str
    points: float | None
    since: PartialDate | None = None
    source: Source | None = None
    participation: Participation | None = None
    evidence: tuple = ()

    @property
    def is_known(self) -> bool:
        return self.points is not None

    @property
    def status_label(self) -> Promise | str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Coverage:
    known: int
    total: int

    def __str__(self) -> str:
        return f"{self.known}/{self.total}"


@dataclass(frozen=True)
class GroupScore:
    group: Group
    score: float | None
    coverage: Coverage
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class Scorecard:
    on: datetime.date
    total: float | None
    coverage: Coverage
    groups: tuple[GroupScore, ...]
    version: str = METHOD_VERSION

    def group(self, key: str) -> GroupScore:
        return next(g for g in self.groups if g.group.key == key)

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(result for group in self.groups for result in group.indicators)


def _speaks_for(value: datetime.date | None, on: datetime.date, today: datetime.date) -> bool:
    """A dated fact counts from its date; an undated one speaks only for the present."""
    return value <= on if value is not None else on >= today


def score_treaty(indicator: Indicator, participation: Participation | None) -> IndicatorResult:
    if participation is None or participation.status not in TREATY_POINTS:
        return IndicatorResult(indicator, UNKNOWN, None, participation=participation)
    return IndicatorResult(
        indicator,
        participation.status,
        TREATY_POINTS[participation.status],
        since=participation.since,
        source=participation.source,
        participation=participation,
    )


def score_focal_point(indicator: Indicator, facts: StateFacts) -> IndicatorResult:
    """Designated when a designation is in force; not designated only when the record says so.

    A designation that ended is a sourced absence. A designation dated later says nothing about
    earlier years (the record of designations is not known to be complete), so before it, as with
    no record at all, the indicator is unknown.
    """
    in_force = [
        fp
        for fp in facts.focal_points
        if _speaks_for(fp.designated_on, facts.on, facts.today)
        and (fp.ended_on is None or fp.ended_on > facts.on)
    ]
    if in_force:
        current = in_force[-1]
        return IndicatorResult(
            indicator,
            DESIGNATED,
            FOCAL_POINT_POINTS[DESIGNATED],
            since=current.partial_designated_on,
            source=current.source,
            evidence=(current,),
        )
    sourced_absence = [
        fp for fp in facts.focal_points if fp.ended_on is not None and fp.ended_on <= facts.on
    ]
    if sourced_absence:
        latest = sourced_absence[-1]
        return IndicatorResult(
            indicator,
            NOT_DESIGNATED,
            FOCAL_POINT_POINTS[NOT_DESIGNATED],
            source=latest.source,
            evidence=(latest,),
        )
    return IndicatorResult(indicator, UNKNOWN, None)


def _decision_key(accreditation: Accreditation) -> tuple:
    return (accreditation.decided_on or datetime.date.min, accreditation.pk or 0)


def score_nhri(indicator: Indicator, facts: StateFacts) -> IndicatorResult:
    """The GANHRI status of the latest decision in force; a deferral keeps the earlier status.

    Before the state's NHRI was founded the status is `none` (0). A decision dated later says
    nothing about earlier years (the record of decisions is not known to be complete), so before
    it, as with no record at all, the indicator is unknown.
    """
    decisions = sorted(
        (a for a in facts.accreditations if _speaks_for(a.decided_on, facts.on, facts.today)),
        key=_decision_key,
    )
    standing = [a for a in decisions if a.status in NHRI_POINTS]
    if standing:
        current = standing[-1]
        return IndicatorResult(
            indicator,
            current.status,
            NHRI_POINTS[current.status],
            since=current.partial_decided_on,
            source=current.source,
            evidence=(current,),
        )
    if decisions:
        # Only deferrals so far: the status before them is not on record.
        return IndicatorResult(indicator, UNKNOWN, None, evidence=tuple(decisions))
    founded_later = [
        n for n in facts.nhris if n.established_on is not None and n.established_on > facts.on
    ]
    if facts.nhris and len(founded_later) == len(facts.nhris):
        evidence = min(founded_later, key=lambda n: n.established_on)
        return IndicatorResult(
            indicator,
            NO_ACCREDITED_NHRI,
            NHRI_POINTS[NO_ACCREDITED_NHRI],
            source=evidence.source,
            evidence=(evidence,),
        )
    return IndicatorResult(indicator, UNKNOWN, None)


def score_law(indicator: Indicator, facts: StateFacts) -> IndicatorResult:
    """A law of one of the indicator's categories in force on the date; otherwise unknown."""
    categories = LAW_INDICATORS[indicator.key]
    in_force = [
        law
        for law in facts.laws
        if law.category in categories and _speaks_for(law.enacted_on, facts.on, facts.today)
    ]
    if not in_force:
        return IndicatorResult(indicator, UNKNOWN, None)
    first = min(in_force, key=lambda law: law.enacted_on or facts.on)
    return IndicatorResult(
        indicator,
        LAW_IN_FORCE,
        LAW_POINTS[LAW_IN_FORCE],
        since=first.partial_enacted_on,
        source=first.source,
        evidence=tuple(in_force),
    )


def score_indicator(indicator: Indicator, facts: StateFacts) -> IndicatorResult:
    if indicator.kind == TREATY:
        return score_treaty(indicator, facts.participation.get(indicator.key))
    if indicator.kind == FOCAL_POINT:
        return score_focal_point(indicator, facts)
    if indicator.kind == NHRI:
        return score_nhri(indicator, facts)
    return score_law(indicator, facts)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_group(group: Group, facts: StateFacts) -> GroupScore:
    results = tuple(score_indicator(indicator, facts) for indicator in group.indicators)
    known = [r.points for r in results if r.points is not None]
    mean = _mean(known)
    return GroupScore(
        group=group,
        score=None if mean is None else 100 * mean,
        coverage=Coverage(len(known), len(results)),
        indicators=results,
    )


def score(facts: StateFacts, groups: Sequence[Group] = GROUPS) -> Scorecard:
    """The scorecard on `facts.on`: group scores, their mean as the total, and coverage."""
    group_scores = tuple(score_group(group, facts) for group in groups)
    scored = [g.score for g in group_scores if g.score is not None]
    return Scorecard(
        on=facts.on,
        total=_mean(scored),
        coverage=Coverage(
            sum(g.coverage.known for g in group_scores),
            sum(g.coverage.total for g in group_scores),
        ),
        groups=group_scores,
    )


def score_state(
    state: State, treaties: Iterable[Treaty], on: datetime.date, today: datetime.date
) -> Scorecard:
    """The scorecard of a state prefetched by `State.objects.for_scorecard()`."""
    return score(StateFacts.from_state(state, treaties, on, today))


def median(values: Iterable[float | None]) -> float | None:
    """The median of the scores that exist; None when no state has one."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def group_medians(scorecards: Iterable[Scorecard]) -> dict[str, float | None]:
    """The median of each group's score across the given scorecards, and of the total."""
    scorecards = list(scorecards)
    medians = {
        group.key: median(card.group(group.key).score for card in scorecards) for group in GROUPS
    }
    medians["total"] = median(card.total for card in scorecards)
    return medians


# The rules as the methodology page prints them, in the order the code applies them.
RULES: tuple[Promise, ...] = (
    _(
        "A treaty's status on the date is derived from the dated record of signatures, "
        "ratifications, accessions and withdrawals; a denunciation counts from the day it takes "
        "effect. Where no event is on record, the latest sourced statement of the status answers."
    ),
    _(
        "A status that no source establishes is unknown. Unknown indicators earn nothing and count "
        "in no denominator, so missing research never lowers a score; it lowers the coverage."
    ),
    _(
        "A group's score is the mean of the points of its known indicators, from 0 to 100. A "
        "group with no known indicator has no score."
    ),
    _("The total is the mean of the group scores that exist; every group weighs the same."),
    _(
        "Coverage is the number of indicators with a known status out of all the indicators a "
        "score covers."
    ),
    _(
        "National R2P focal point: a designation in force counts as designated; a designation "
        "that has ended counts as not designated. Before the first recorded designation, or "
        "without any record, the indicator is unknown."
    ),
    _(
        "National human rights institution: the status of the latest GANHRI decision in force. A "
        "deferred review keeps the earlier status. Before the institution was founded it counts "
        "as no accredited NHRI. Before the first recorded decision, or without any record, the "
        "indicator is unknown."
    ),
    _(
        "Domestic law: a law of the indicator's categories in force on the date counts. The "
        "absence of a law is never assumed: without such a law on record the indicator is "
        "unknown. Laws of the category 'other' are listed but not scored."
    ),
    _(
        "Facts without a date (an undated designation, accreditation or law) speak only for the "
        "present; on a past date they are unknown."
    ),
)
