"""A state's total just before and just after each published change to one of its scored facts.

The changes log prints what a change did to the score ("total 93.0 → 96.0"). Nothing is stored:
the published versions of the state's scored facts are read from django-simple-history's tables,
replayed in the order they were saved, and scored under the current method on the day of the
change, once as they stood before it and once after. Reading them costs one query per scored kind
of fact, one for the states, one for the treaties and one for the sources, whatever a page of the
log holds; none when it holds no change to a scored fact.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from commitments import scoring
from commitments.models import (
    FACT_MODELS,
    Accreditation,
    Fact,
    FactModel,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.scoring.core import StateFacts, published
from commitments.status import derive
from commitments.vocabularies import ReviewStatus

# The kinds of fact the scores read, each with the path from its history to its state.
SCORED: dict[type[FactModel], str] = {
    TreatyAction: "state_id",
    StatusObservation: "state_id",
    FocalPoint: "state_id",
    NationalHumanRightsInstitution: "state_id",
    Accreditation: "nhri__state_id",
    Law: "state_id",
    InstitutionObservation: "state_id",
}


def published_versions(model: type[FactModel]) -> models.QuerySet:
    """The versions of `model` that readers saw: for a fact, those saved while published, leaving
    out the steps of its review (a proposal, a rejection); for a source, state or treaty, all."""
    versions = model.history.model.objects.all()
    if issubclass(model, Fact):
        versions = versions.filter(review_status=ReviewStatus.PUBLISHED, review_only=False)
    return versions


@dataclass(frozen=True)
class TotalChange:
    """A state's total under the current method just before and just after a change (None: not
    enough is known for a total)."""

    before: float | None
    after: float | None

    def __str__(self) -> str:
        if self.before == self.after:
            return _("total unchanged at %(total)s") % {"total": _shown(self.after)}
        return _("total %(before)s → %(after)s") % {
            "before": _shown(self.before),
            "after": _shown(self.after),
        }


def _shown(total: float | None) -> str:
    if total is None:
        return _("not enough data")
    return formats.number_format(total, scoring.core.RANK_DECIMALS)


# Where a version stands in the order of the log: its time, its kind of fact, its id.
type Position = tuple[datetime.datetime, int, int]


def total_changes(rows: Sequence[dict]) -> dict[tuple[int, int], TotalChange]:
    """For the rows of the changes log (`commitments.feeds.change_rows`) that changed a scored
    fact of a state, keyed by (model index, history id): the state's total before and after.

    Rows whose state had no total before or after (not enough data, or not yet a state) are left
    out, as are rows about other kinds of fact.
    """
    wanted = [
        row
        for row in rows
        if row["model_index"] < len(FACT_MODELS)
        and FACT_MODELS[row["model_index"]] in SCORED
        and row["state_id_"] is not None
    ]
    if not wanted:
        return {}
    state_ids = {row["state_id_"] for row in wanted}
    until = max(row["at"] for row in wanted)
    versions: dict[int, list[tuple[Position, Any]]] = defaultdict(list)
    source_ids: set[int] = set()
    for model, path in SCORED.items():
        index = FACT_MODELS.index(model)
        records = (
            published_versions(model)
            .filter(**{f"{path}__in": state_ids}, history_date__lte=until)
            .annotate(state_of=F(path))
            .order_by("history_date", "history_id")
        )
        for record in records:
            versions[record.state_of].append(
                ((record.history_date, index, record.history_id), record)
            )
            if record.source_id:
                source_ids.add(record.source_id)
    states = State.objects.in_bulk(state_ids)
    treaties = list(Treaty.objects.filter(key__in=scoring.CURRENT.treaty_keys).order_by("key"))
    sources = Source.objects.in_bulk(source_ids)
    found: dict[tuple[int, int], TotalChange] = {}
    for state_id, state_rows in _by_state(wanted).items():
        state = states.get(state_id)
        if state is None:
            continue
        replay = _Replay(state, treaties, sorted(versions[state_id], key=lambda v: v[0]), sources)
        for row in sorted(state_rows, key=_position):
            on = timezone.localdate(row["at"])
            before = replay.total(_position(row), True, on)
            after = replay.total(_position(row), False, on)
            if before is not None or after is not None:
                found[(row["model_index"], row["history_pk"])] = TotalChange(before, after)
    return found


def _position(row: dict) -> Position:
    return (row["at"], row["model_index"], row["history_pk"])


def _by_state(rows: Iterable[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["state_id_"]].append(row)
    return grouped


class _Replay:
    """A state's published versions applied in order, and its total before (or at) a position."""

    def __init__(
        self,
        state: State,
        treaties: list[Treaty],
        versions: list[tuple[Position, Any]],
        sources: dict[int, Source],
    ) -> None:
        self.state = state
        self.treaties = treaties
        self.versions = versions
        self.sources = sources
        self.applied = 0
        self.live: dict[tuple[int, int], models.Model] = {}
        # Totals by (versions applied, date): the facts after one change are those before the
        # next when nothing came between, and are scored once.
        self.scored: dict[tuple[int, datetime.date], float | None] = {}

    def total(self, position: Position, before: bool, on: datetime.date) -> float | None:
        """The total on `on` of the facts that stood just before `position` (`before`), or just
        after it. Positions must be asked for in order."""
        self._apply(position, before)
        key = (self.applied, on)
        if key not in self.scored:
            self.scored[key] = _total(self.state, self.treaties, list(self.live.values()), on)
        return self.scored[key]

    def _apply(self, position: Position, before: bool) -> None:
        while self.applied < len(self.versions):
            at, record = self.versions[self.applied]
            if at > position or (before and at == position):
                break
            key = (at[1], record.id)
            if record.history_type == "-":
                self.live.pop(key, None)
            else:
                self.live[key] = self._instance(record)
            self.applied += 1

    def _instance(self, record) -> models.Model:
        instance = record.instance
        if instance.source_id is not None:
            instance._state.fields_cache["source"] = self.sources.get(instance.source_id)
        return instance


def _total(
    state: State, treaties: list[Treaty], facts: list[models.Model], on: datetime.date
) -> float | None:
    kinds: dict[type, list] = defaultdict(list)
    for fact in facts:
        kinds[type(fact)].append(fact)
    actions: dict[int, list] = defaultdict(list)
    for action in kinds[TreatyAction]:
        actions[action.treaty_id].append(action)
    observations: dict[int, list] = defaultdict(list)
    for observation in kinds[StatusObservation]:
        observations[observation.treaty_id].append(observation)
    record = StateFacts(
        on=on,
        today=on,
        participation={
            t.key: derive(actions.get(t.pk, []), observations.get(t.pk, []), on, on)
            for t in treaties
        },
        treaty_applicable_from={t.key: t.applicable_from(state) for t in treaties},
        focal_points=kinds[FocalPoint],
        nhris=kinds[NationalHumanRightsInstitution],
        accreditations=kinds[Accreditation],
        laws=kinds[Law],
        institution_observations=kinds[InstitutionObservation],
        independent_on=state.independent_on,
    )
    return published(scoring.score(record).total)
