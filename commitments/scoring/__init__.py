"""The scorecard method: how a state's record becomes indicator statuses, group scores, a total,
a coverage and a rank, under a published method version.

1. Indicators are grouped as the R2P agenda groups them: atrocity-crime treaties, international
   humanitarian law, arms and weapons, protection of people, institutions and domestic law. Every
   indicator is worth the same within its group, and every group the same in the total.
2. Each indicator's status on the chosen date earns points. A treaty's status is the one derived
   from the dated event log (`commitments.status`); institutions and laws are read from their
   facts and, from method 2, from sourced statements of presence or absence.
3. A status that nobody has verified is `unknown`: it earns nothing and counts in no
   denominator. From method 2, a cell that could not yet exist is `not_applicable`, which is
   neither zero nor unknown, and a total and a rank are published only where enough is known.
4. Every score states its coverage and its method version, and every method stays computable
   (`METHODS`, `get_method`), so a figure published under an earlier method can be reproduced.
5. The same computation answers for any past date.

The rules of each method are in `commitments.scoring.methods` and are printed on the methodology
page from there. No query runs in this package: it reads facts the caller has already loaded
(see `StateFacts.from_state`, which reads a state prefetched by `State.objects.for_scorecard()`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from commitments.scoring.core import (
    FOCAL_POINT,
    LAW,
    NHRI,
    NOT_APPLICABLE,
    STATUS_LABELS,
    TREATY,
    UNKNOWN,
    Coverage,
    Group,
    GroupScore,
    Indicator,
    IndicatorResult,
    Method,
    Rank,
    Scorecard,
    StateFacts,
    aggregate,
    group_medians,
    median,
    published,
    ranks,
)
from commitments.scoring.indicators import score_indicator
from commitments.scoring.methods import (
    CURRENT,
    INDICATOR_ORIGIN_DOCUMENTS,
    METHOD_1,
    METHOD_2,
    METHODS,
)

if TYPE_CHECKING:
    from commitments.models import State, Treaty


class UnknownMethod(ValueError):
    """A method version that no published method has."""


def get_method(text: str | None) -> Method:
    """The method `text` names (`2`, `2.0` or `2.0+1a2b3c4d`); the current one when empty."""
    if not text or not text.strip():
        return CURRENT
    for method in METHODS:
        if method.matches(text):
            return method
    raise UnknownMethod(
        _("There is no scoring method %(method)s; choose one of %(methods)s.")
        % {"method": text, "methods": ", ".join(m.semantic_version for m in METHODS)}
    )


def score_group(group: Group, facts: StateFacts, method: Method) -> GroupScore:
    results = tuple(score_indicator(indicator, facts, method) for indicator in group.indicators)
    known = [r.points for r in results if r.points is not None]
    return GroupScore(
        group=group,
        score=100 * (sum(known) / len(known)) if known else None,
        coverage=Coverage(len(known), sum(1 for r in results if r.is_applicable), len(results)),
        indicators=results,
    )


def score(facts: StateFacts, method: Method = CURRENT) -> Scorecard:
    """The scorecard on `facts.on` under `method`: group scores, a total and coverage."""
    groups = [score_group(group, facts, method) for group in method.groups]
    applicable = facts.state_exists or not method.applicability
    return aggregate(method, facts.on, groups, applicable)


def score_state(
    state: State,
    treaties: Iterable[Treaty],
    on: datetime.date,
    today: datetime.date,
    method: Method = CURRENT,
) -> Scorecard:
    """The scorecard of a state prefetched by `State.objects.for_scorecard()`."""
    return score(StateFacts.from_state(state, treaties, on, today), method)


def scored_treaties(treaties: Sequence[Treaty], method: Method = CURRENT) -> list[Treaty]:
    """The treaties that `method`'s scores read: those of its treaty indicators."""
    return [t for t in treaties if t.key in method.treaty_keys]


# What the current method scores, for code that does not choose a method.
GROUPS = CURRENT.groups
INDICATORS = CURRENT.indicators
TREATY_KEYS = CURRENT.treaty_keys
# Every treaty any published method scores: what a page that may score under any of them loads.
ALL_TREATY_KEYS = tuple(dict.fromkeys(key for m in METHODS for key in m.treaty_keys))
METHOD_VERSION = CURRENT.version

# What the scores measure and what they do not, printed on the methodology page and beside
# every total.
MEASURES = _(
    "The scores measure formal commitments: the treaties a state has joined, the institutions it "
    "has set up and the laws it has passed, each as a dated, sourced fact."
)
DOES_NOT_MEASURE = _(
    "They do not measure conduct: whether a state keeps these commitments, how its courts and "
    "forces act, or how great the risk of atrocities is in it. A high score is not a clean record, "
    "and a low one is not an accusation."
)
LIMITS: tuple = (
    _(
        "Equal weights are a choice, not a finding: every indicator weighs the same in its group "
        "and every group the same in the total."
    ),
    _(
        "A commitment is counted once it is made, however it is kept: reservations to a treaty, "
        "the independence of an institution beyond its GANHRI grade, and the enforcement of a law "
        "are not scored."
    ),
    _(
        "The record is as complete as its sources. Where nobody has verified a fact, the "
        "indicator is unknown, the coverage says so, and below the coverage rule no total is "
        "published."
    ),
    _(
        "Sources differ in quality: each fact shows its source's kind and the date it speaks for, "
        "and facts resting only on press or other secondary sources are listed for researchers "
        "to check."
    ),
)

__all__ = [
    "ALL_TREATY_KEYS",
    "CURRENT",
    "DOES_NOT_MEASURE",
    "FOCAL_POINT",
    "GROUPS",
    "INDICATORS",
    "INDICATOR_ORIGIN_DOCUMENTS",
    "LAW",
    "LIMITS",
    "MEASURES",
    "METHODS",
    "METHOD_1",
    "METHOD_2",
    "METHOD_VERSION",
    "NHRI",
    "NOT_APPLICABLE",
    "STATUS_LABELS",
    "TREATY",
    "TREATY_KEYS",
    "UNKNOWN",
    "Coverage",
    "Group",
    "GroupScore",
    "Indicator",
    "IndicatorResult",
    "Method",
    "Rank",
    "Scorecard",
    "StateFacts",
    "UnknownMethod",
    "get_method",
    "group_medians",
    "median",
    "published",
    "ranks",
    "score",
    "score_group",
    "score_state",
    "scored_treaties",
]
