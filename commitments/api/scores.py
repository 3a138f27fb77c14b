"""Scores in the API: every state's scorecard on a date under a published method, with its rank.

`/api/v1/scores/` lists one row per state (JSON or CSV); `/api/v1/scores/{iso3}/` adds every
indicator with its status, points and source. Both compute the scorecards the pages show, with
`commitments.scoring`, from states loaded by `State.objects.for_scorecard()`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commitments import scoring, versioning
from commitments.api.renderers import csv_response, serialized_csv
from commitments.api.views import READ_ERRORS, APIViewMixin
from commitments.filters import ScoreFilter
from commitments.models import State, Treaty
from commitments.vocabularies import IndicatorStatus, Status

# Every method scores the same groups, so the columns of a row do not depend on the method.
GROUP_KEYS = tuple(group.key for group in scoring.CURRENT.groups)
assert all(tuple(g.key for g in m.groups) == GROUP_KEYS for m in scoring.METHODS)

INDICATOR_STATUSES = sorted({*Status.values, *IndicatorStatus.values})


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
    fields = {}
    for key in GROUP_KEYS:
        label = scoring.CURRENT.group(key).label
        fields[f"{key}_score"] = serializers.FloatField(
            allow_null=True,
            help_text=_("%(group)s: score 0-100, null when no indicator is known.")
            % {"group": label},
        )
        fields[f"{key}_known"] = serializers.IntegerField(
            help_text=_("%(group)s: indicators with a known status.") % {"group": label}
        )
        fields[f"{key}_applicable"] = serializers.IntegerField(
            help_text=_("%(group)s: indicators applicable on the date.") % {"group": label}
        )
    return fields


class ScoreSerializer(serializers.Serializer):
    """One state's scores on `as_of` under `method_version`. Read only: scores are computed."""

    state = serializers.CharField(help_text=_("ISO 3166 alpha-3 code."))
    state_name = serializers.CharField()
    as_of = serializers.DateField()
    method_version = serializers.CharField(help_text=_("The scoring method's full version."))
    total = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "0-100 to one decimal place; null when the state did not exist on the date or when "
            "too little is known (see insufficient_data)."
        ),
    )
    rank = serializers.IntegerField(
        allow_null=True,
        help_text=_("1 is the highest total; equal totals share a rank; null without a total."),
    )
    ranked_of = serializers.IntegerField(help_text=_("How many states existed on the date."))
    insufficient_data = serializers.BooleanField(
        help_text=_("The state is scored but below the method's coverage rule: no total, no rank.")
    )
    state_existed = serializers.BooleanField(
        help_text=_("False before the state's independence: then nothing is applicable.")
    )
    coverage_known = serializers.IntegerField(
        help_text=_("Indicators with a known status on the date.")
    )
    coverage_applicable = serializers.IntegerField(
        help_text=_("Indicators applicable on the date: the coverage's denominator.")
    )

    def get_fields(self):
        return {**super().get_fields(), **_group_fields()}


class IndicatorScoreSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The indicator's key (a treaty key for treaties)."))
    group = serializers.ChoiceField(choices=GROUP_KEYS)
    kind = serializers.ChoiceField(
        choices=[scoring.TREATY, scoring.FOCAL_POINT, scoring.NHRI, scoring.LAW]
    )
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


SCORE_PARAMETERS = [
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv"],
        description=_("json (default) or csv; `Accept: text/csv` does the same."),
    ),
]


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


@extend_schema_view(
    list=extend_schema(
        summary=_("Every state's scores on a date, with its rank"),
        description=_(
            "One row per state: the total, the rank, the coverage and each group's score, known "
            "and applicable counts, on `as_of` under `method` (default the current method). "
            "Best rank first; states without a total after the ranked ones."
        ),
        parameters=SCORE_PARAMETERS,
        responses={200: ScoreSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary=_("One state's scores with every indicator"),
        responses={200: ScoreDetailSerializer, **READ_ERRORS},
    ),
)
class ScoreViewSet(APIViewMixin, viewsets.GenericViewSet):
    queryset = State.objects.all()
    serializer_class = ScoreSerializer
    filterset_class = ScoreFilter
    filter_backends = [DjangoFilterBackend]
    lookup_field = "iso3"
    lookup_value_regex = "[^/]+"

    def _chosen(self) -> tuple:
        filterset = DjangoFilterBackend().get_filterset(self.request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        data = filterset.form.cleaned_data
        return data["state"], data["as_of"], data["method"], data["updated_since"]

    def list(self, request, *args, **kwargs):
        codes, on, method, updated_since = self._chosen()
        rows = scorecards(codes, on, versioning.freshness(request._request).today, method)
        if updated_since is not None:
            rows = [row for row in rows if last_change(row.state) >= updated_since]
        if self.wants_csv():
            values = (row.values() for row in rows)
            return csv_response(serialized_csv(ScoreSerializer(), values), self.csv_filename())
        page = self.paginate_queryset(rows)
        data = ScoreSerializer([row.values() for row in page], many=True).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        code = str(kwargs.get("iso3", "")).upper()
        _codes, on, method, _since = self._chosen()
        found = scorecards([code], on, versioning.freshness(request._request).today, method)
        if not found:
            raise NotFound(_("No state has the ISO 3166 alpha-3 code %(code)s.") % {"code": code})
        (row,) = found
        return Response(
            ScoreDetailSerializer({**row.values(), "indicators": row.indicators()}).data
        )
