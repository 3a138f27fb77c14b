"""Scores in the API: every state's scorecard on a date under a published method, with its rank.

`/api/v1/scores/` lists one row per state (JSON or CSV); `/api/v1/scores/{iso3}/` adds every
indicator with its status, points and source. Both compute the scorecards the pages show
(`commitments.api.score_tables`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commitments import versioning
from commitments.api.renderers import csv_response, serialized_csv
from commitments.api.score_tables import (
    ScoreDetailSerializer,
    ScoreSerializer,
    last_change,
    scorecards,
)
from commitments.api.views import READ_ERRORS, APIViewMixin
from commitments.filters import ScoreFilter
from commitments.models import State

SCORE_PARAMETERS = [
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv"],
        description=_("json (default) or csv; `Accept: text/csv` does the same."),
    ),
]


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
