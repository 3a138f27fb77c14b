"""The tables of scores: each state's scorecard and rank on a date (the rows of `scores/` and of
`scores.csv`), and the panel, each state's status on each indicator and its total, year by year
(the rows of `panel/`, `panel/totals/` and `panel.csv`).

Every row is the scorecard the pages show for its date (`commitments.scoring`), computed from
states loaded by `State.objects.for_scorecard()`, so no table disagrees with a page. A panel year
is read on its reference date: 31 December, or today for the current year; years before a
treaty's adoption or a state's independence are `not_applicable`, as on the pages. The facts are
read once, whatever the number of years; panel rows are computed as they are written, one state
at a time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments import scoring
from commitments.api.serializers import Documented
from commitments.models import State, Treaty
from commitments.vocabularies import IndicatorStatus, Status

# Every method scores the same groups, so the columns of a row do not depend on the method.
GROUP_KEYS = tuple(group.key for group in scoring.CURRENT.groups)
assert all(tuple(g.key for g in m.groups) == GROUP_KEYS for m in scoring.METHODS)

INDICATOR_STATUSES = sorted({*Status.values, *IndicatorStatus.values})
INDICATOR_KINDS = [scoring.TREATY, scoring.FOCAL_POINT, scoring.NHRI, scoring.LAW]


@dataclass(frozen=True)
class ScoreRow:
    """A state's scorecard and rank, as a row of the API."""

    state: State
    card: scoring.Scorecard
    rank: scoring.Rank

    def values(self) -> dict:
        card = self.card
        row = {
            "state": self.state.iso3,
            "state_name": self.state.short_name,
            "as_of": card.on,
            "method_version": card.version,
            "total": scoring.published(card.total),
            "rank": self.rank.position,
            "ranked_of": self.rank.of,
            "insufficient_data": card.insufficient,
            "state_existed": card.applicable,
            "coverage_known": card.coverage.known,
            "coverage_applicable": card.coverage.applicable,
        }
        for group in card.groups:
            key = group.group.key
            row[f"{key}_score"] = scoring.published(group.score)
            row[f"{key}_known"] = group.coverage.known
            row[f"{key}_applicable"] = group.coverage.applicable
        return row

    def indicators(self) -> list[dict]:
        return [
            {
                "key": result.indicator.key,
                "group": group.group.key,
                "kind": result.indicator.kind,
                "status": result.status,
                "points": result.points,
                "known": result.is_known,
                "applicable": result.is_applicable,
                "since": result.since.isoformat() if result.since else None,
                "source_id": result.source.pk if result.source else None,
                "source_url": result.source.url if result.source else None,
                "last_verified": result.last_verified.isoformat() if result.last_verified else None,
                "contradiction": result.contradiction is not None,
            }
            for group in self.card.groups
            for result in group.indicators
        ]


def last_change(state: State) -> datetime.datetime | None:
    """The latest change to the state or to any fact a scorecard reads about it, from the facts
    `State.objects.for_scorecard()` loaded."""
    facts = [
        state,
        *state.treaty_actions.all(),
        *state.status_observations.all(),
        *state.focal_points.all(),
        *state.nhris.all(),
        *(a for nhri in state.nhris.all() for a in nhri.accreditations.all()),
        *state.laws.all(),
        *state.institution_observations.all(),
    ]
    return max(fact.updated_at for fact in facts)


def _group_fields() -> dict:
    fields: dict[str, serializers.Field] = {}
    for key in GROUP_KEYS:
        fields[f"{key}_score"] = serializers.FloatField(allow_null=True)
        fields[f"{key}_known"] = serializers.IntegerField()
        fields[f"{key}_applicable"] = serializers.IntegerField()
    return fields


class ScoreFields(serializers.Serializer):
    """A state's scores on `as_of` under `method_version`. Read only: scores are computed. Titles
    and descriptions come from the codebook (`commitments.api.codebook`)."""

    state = serializers.CharField()
    state_name = serializers.CharField()
    as_of = serializers.DateField()
    method_version = serializers.CharField()
    total = serializers.FloatField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    ranked_of = serializers.IntegerField()
    insufficient_data = serializers.BooleanField()
    state_existed = serializers.BooleanField()
    coverage_known = serializers.IntegerField()
    coverage_applicable = serializers.IntegerField()

    def get_fields(self):
        return {**super().get_fields(), **_group_fields()}


class ScoreSerializer(Documented, ScoreFields):
    """One state's scores on `as_of` under `method_version`, with its rank among all states."""

    class Meta:
        resource = "scores"


class IndicatorScoreSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The indicator's key (a treaty key for treaties)."))
    group = serializers.ChoiceField(choices=GROUP_KEYS)
    kind = serializers.ChoiceField(choices=INDICATOR_KINDS)
    status = serializers.ChoiceField(choices=INDICATOR_STATUSES)
    points = serializers.FloatField(
        allow_null=True, help_text=_("Null when the status is unknown or not applicable.")
    )
    known = serializers.BooleanField()
    applicable = serializers.BooleanField()
    since = serializers.CharField(
        allow_null=True, help_text=_("When the status began: YYYY, YYYY-MM or YYYY-MM-DD.")
    )
    source_id = serializers.IntegerField(allow_null=True)
    source_url = serializers.URLField(allow_null=True)
    last_verified = serializers.CharField(
        allow_null=True, help_text=_("The newest date the evidence speaks for.")
    )
    contradiction = serializers.BooleanField(
        help_text=_("A sourced statement disagrees with the facts.")
    )


class ScoreDetailSerializer(ScoreSerializer):
    indicators = IndicatorScoreSerializer(many=True)


def scorecards(
    codes: Iterable[str] | None, on: datetime.date, today: datetime.date, method: scoring.Method
) -> list[ScoreRow]:
    """The rows of the states with these ISO alpha-3 `codes` (all when None), each ranked among
    all states.

    Queries: the treaties, and the eight of `State.objects.for_scorecard()` for every state (the
    rank needs them all).
    """
    treaties = scoring.scored_treaties(list(Treaty.objects.all()), method)
    every = list(State.objects.for_scorecard(treaty_keys=method.treaty_keys))
    cards = {s.iso3: scoring.score_state(s, treaties, on, today, method) for s in every}
    ranks = scoring.ranks(cards)
    wanted = set(codes) if codes is not None else set(cards)
    rows = [ScoreRow(s, cards[s.iso3], ranks[s.iso3]) for s in every if s.iso3 in wanted]
    return sorted(
        rows,
        key=lambda row: (
            row.rank.position is None,
            row.rank.position or 0,
            not row.card.applicable,
            row.state.short_name,
        ),
    )


def reference_date(year: int, today: datetime.date) -> datetime.date:
    """The day a year of the panel is read on: 31 December, or today for the current year."""
    return today if year >= today.year else datetime.date(year, 12, 31)


@dataclass(frozen=True)
class PanelQuery:
    """What a panel request asks for; `None` means every state, indicator or group."""

    start: int
    end: int
    method: scoring.Method
    today: datetime.date
    states: frozenset[str] | None = None
    indicators: frozenset[str] | None = None
    groups: frozenset[str] | None = None

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def dates(self) -> Iterator[tuple[int, datetime.date]]:
        for year in self.years:
            yield year, reference_date(year, self.today)

    def wants(self, state: State) -> bool:
        return self.states is None or state.iso3 in self.states


def _facts(query: PanelQuery, states=None) -> tuple[list[State], list[Treaty]]:
    treaties = scoring.scored_treaties(list(Treaty.objects.all()), query.method)
    every = (State.objects.all() if states is None else states).order_by("iso3")
    return list(every.for_scorecard(treaty_keys=query.method.treaty_keys)), treaties


def _points(value) -> float | None:
    return None if value is None else round(float(value), 4)


def indicator_rows(query: PanelQuery) -> Iterator[dict]:
    """One row per state × year × indicator: state by state (in ISO code order), then year, then
    the method's order of indicators. The facts are read before the first row is produced."""
    states = State.objects.all()
    if query.states is not None:
        states = states.filter(iso3__in=query.states)
    every, treaties = _facts(query, states)
    return _indicator_rows(query, every, treaties)


def _indicator_rows(query: PanelQuery, every: list[State], treaties: list[Treaty]):
    for state in every:
        for year, on in query.dates():
            card = scoring.score_state(state, treaties, on, query.today, query.method)
            for group in card.groups:
                if query.groups is not None and group.group.key not in query.groups:
                    continue
                for result in group.indicators:
                    key = result.indicator.key
                    if query.indicators is not None and key not in query.indicators:
                        continue
                    yield {
                        "state": state.iso3,
                        "year": year,
                        "as_of": on,
                        "method_version": card.version,
                        "indicator": key,
                        "group": group.group.key,
                        "kind": result.indicator.kind,
                        "status": str(result.status),
                        "points": _points(result.points),
                        "known": result.is_known,
                        "applicable": result.is_applicable,
                    }


def total_rows(query: PanelQuery) -> list[dict]:
    """One row per state × year: the total, the rank among every state that existed on the
    reference date, and the coverage; state by state (in ISO code order), then year."""
    every, treaties = _facts(query)
    rows = []
    for year, on in query.dates():
        cards = {
            s.iso3: scoring.score_state(s, treaties, on, query.today, query.method) for s in every
        }
        ranks = scoring.ranks(cards)
        rows += [
            {"year": year, **ScoreRow(s, cards[s.iso3], ranks[s.iso3]).values()}
            for s in every
            if query.wants(s)
        ]
    order = {state.iso3: index for index, state in enumerate(every)}
    return sorted(rows, key=lambda row: (order[row["state"]], row["year"]))


class PanelSerializer(Documented, serializers.Serializer):
    """One state's status and points on one indicator in one year. Read only: derived."""

    state = serializers.CharField()
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    method_version = serializers.CharField()
    indicator = serializers.CharField()
    group = serializers.ChoiceField(choices=GROUP_KEYS)
    kind = serializers.ChoiceField(choices=INDICATOR_KINDS)
    status = serializers.ChoiceField(choices=INDICATOR_STATUSES)
    points = serializers.FloatField(allow_null=True)
    known = serializers.BooleanField()
    applicable = serializers.BooleanField()

    class Meta:
        resource = "panel"


class PanelTotalSerializer(Documented, ScoreFields):
    """One state's total, rank and coverage in one year. Read only: derived."""

    year = serializers.IntegerField()

    class Meta:
        resource = "panel_totals"

    def get_fields(self):
        fields = super().get_fields()
        # The year beside the state, as in the indicator panel.
        ordered = {"state": fields.pop("state"), "year": fields.pop("year")}
        return {**ordered, **fields}
