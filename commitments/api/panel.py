"""The panel in the API: each state's status and points on each indicator, year by year, and each
total, rank and coverage, in one streamed request.

A year is read on its reference date: 31 December, or today for the current year. Every status,
point and total is the scorecard the pages show for that date (`commitments.scoring`), so the
panel never disagrees with a scorecard; years before a treaty's adoption or a state's
independence are `not_applicable`, as on the pages. The facts are read once, in the queries of
`State.objects.for_scorecard()` and one for the treaties, whatever the number of years; the rows
are computed as the response is written, one state at a time for the indicator panel.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.utils.encoders import JSONEncoder

from commitments import versioning
from commitments.api.renderers import batched, csv_response, derived_csv
from commitments.api.score_tables import (
    PanelQuery,
    PanelSerializer,
    PanelTotalSerializer,
    indicator_rows,
    total_rows,
)
from commitments.api.scores import SCORE_PARAMETERS
from commitments.api.views import READ_ERRORS, APIViewMixin
from commitments.filters import PanelFilter
from commitments.models import State

JSON_CONTENT_TYPE = "application/json"


def json_array(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array written one row at a time."""
    encoder = JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    yield "["
    first = True
    for row in rows:
        yield encoder.encode(row) if first else "," + encoder.encode(row)
        first = False
    yield "]"


def _panel_schema(serializer, summary, description):
    return extend_schema(
        summary=summary,
        description=description,
        parameters=SCORE_PARAMETERS,
        responses={
            (200, "application/json"): serializer(many=True),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description=_("The same rows as CSV, one line each.")
            ),
            **READ_ERRORS,
        },
    )


class PanelViewSet(APIViewMixin, viewsets.GenericViewSet):
    """The panel: not paginated, streamed whole."""

    queryset = State.objects.all()
    serializer_class = PanelSerializer
    filterset_class = PanelFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = None

    def _query(self) -> PanelQuery:
        filterset = DjangoFilterBackend().get_filterset(self.request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        data = filterset.form.cleaned_data
        today = versioning.freshness(self.request._request).today

        def chosen(name: str) -> frozenset[str] | None:
            return frozenset(data[name]) if data.get(name) else None

        return PanelQuery(
            start=data["start"],
            end=data["end"],
            method=data["method"],
            today=today,
            states=chosen("state"),
            indicators=chosen("indicator"),
            groups=chosen("group"),
        )

    def _stream(self, serializer, rows: Iterable[dict], filename: str):
        if self.wants_csv():
            return csv_response(derived_csv(serializer, rows), filename)
        return StreamingHttpResponse(batched(json_array(rows)), content_type=JSON_CONTENT_TYPE)

    @_panel_schema(
        PanelSerializer,
        _("Every state's status on every indicator, year by year"),
        _(
            "One row per state, year and indicator from `start` to `end` (default 1945 to this "
            "year), each year read on 31 December (today for the current year) under `method`: "
            "the status, the points, whether it is known and whether it is applicable. Years "
            "before a treaty's adoption or a state's independence are `not_applicable`. Not "
            "paginated: the whole panel comes in one streamed response, JSON or CSV."
        ),
    )
    def list(self, request, *args, **kwargs):
        query = self._query()
        return self._stream(PanelSerializer(), indicator_rows(query), "panel.csv")

    @_panel_schema(
        PanelTotalSerializer,
        _("Every state's total, rank and coverage, year by year"),
        _(
            "One row per state and year from `start` to `end`: the total, the rank among the "
            "states that existed on the reference date, the coverage and each group's score. "
            "`indicator` and `group` do not apply here. Not paginated."
        ),
    )
    @action(detail=False, url_path="totals")
    def totals(self, request, *args, **kwargs):
        query = self._query()
        return self._stream(PanelTotalSerializer(), total_rows(query), "panel-totals.csv")
