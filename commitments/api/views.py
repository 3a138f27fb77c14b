"""The public API: one viewset per resource, reading through the models' QuerySet methods.

Reads are public, carry the validators of the data version (ETag, Last-Modified; see
r2p_tracker/cache.py), and are available as JSON or as CSV
streamed over the whole filtered result. Writes follow the admin's model permissions.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import filters, routers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import (
    BaseRenderer,
    BrowsableAPIRenderer,
    JSONRenderer,
    TemplateHTMLRenderer,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commitments import concurrency, roles, versioning
from commitments import filters as resource_filters
from commitments.api import serializers
from commitments.api.bundle import dataset_filename, dataset_zip
from commitments.api.deletions import deletions
from commitments.api.errors import validation_error
from commitments.api.follow_through import FollowThroughs
from commitments.api.participation import (
    ParticipationRow,
    ParticipationTable,
    participation_csv,
)
from commitments.api.renderers import CSVRenderer, ZipRenderer, csv_response, serialized_csv
from commitments.api.schema import ordering_parameter
from commitments.filters import AsOfForm
from commitments.models import (
    Accreditation,
    Engagement,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    NationalMechanism,
    RegionalEvent,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
    UprRecommendation,
)
from r2p_tracker import cache

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CSV_CHUNK_SIZE = 1000

ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=_("A JSON object: `detail`, or a list of messages per parameter or field."),
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description=_(
        "json (default) or csv. CSV holds every row of the filtered result in one file, not one "
        "page; `Accept: text/csv` does the same."
    ),
)
READ_ERRORS = {
    304: OpenApiResponse(description=_("Not modified since the ETag or date you sent.")),
    400: ERROR,
    404: ERROR,
    429: ERROR,
}
WRITE_ERRORS = {400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 412: ERROR}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description=_(
        "The ETag of the object as you last read it (or `*`): the change is made only if the "
        "object has not changed since, else the answer is 412 Precondition Failed."
    ),
)
# Actions on one existing object, which lock its row and honour If-Match.
LOCKING_ACTIONS = {"update", "partial_update", "destroy", "publish", "reject"}


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown `format` parameter is a 400 naming it; an unknown suffix (`states.xyz`) is a path
    that leads nowhere, a 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404 as exc:
            if format_suffix:
                raise
            formats = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError(
                {"format": [_("Choose one of: %(formats)s.") % {"formats": formats}]}
            ) from exc


def requested_ordering(request) -> list[str]:
    """The fields of `ordering`, given comma-separated or as the parameter repeated."""
    return [
        field.strip()
        for value in request.query_params.getlist("ordering")
        for field in value.split(",")
        if field.strip()
    ]


class OrderingFilter(filters.OrderingFilter):
    """`ordering` on the listed fields; an unknown field is a 400, and ties break on the id."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        unknown = [field for field in fields if field and field not in valid]
        if unknown:
            allowed = [name for name, _label in self.get_valid_fields(queryset, view, request)]
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Unknown field %(fields)s; order by %(allowed)s, or -field to reverse.")
                        % {"fields": ", ".join(unknown), "allowed": ", ".join(allowed)}
                    ]
                }
            )
        return valid

    def get_ordering(self, request, queryset, view):
        fields = requested_ordering(request)
        ordering = self.remove_invalid_fields(queryset, fields, view, request) if fields else []
        ordering = list(ordering or self.get_default_ordering(view) or [])
        if not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering.append("pk")
        return ordering

    def get_schema_operation_parameters(self, view):
        fields = [name for name, _label in self.get_valid_fields(None, view, {})]
        return [ordering_parameter(fields, ",".join(view.ordering))]


class _HasRequest(Protocol):
    """The APIView an `APIViewMixin` is mixed into."""

    @property
    def request(self) -> Request: ...


class APIViewMixin:
    """What every endpoint shares: JSON or CSV (DRF adds `Vary: Accept`), and errors in JSON."""

    renderer_classes: Sequence[type[BaseRenderer]] = [JSONRenderer, CSVRenderer]
    content_negotiation_class: type[BaseContentNegotiation] = ContentNegotiation
    # Set by the ViewSet this is mixed into.
    basename: str

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            # Errors are always JSON, whatever format the client asked for, and also when the
            # format it asked for was the error.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def wants_csv(self: _HasRequest) -> bool:
        return self.request.accepted_renderer.format == "csv"

    def csv_filename(self) -> str:
        return f"{self.basename}.csv"


def fact_schema(resource: StrOrPromise, lookup: str, serializer):
    """OpenAPI annotations of a resource's operations, with parameters and error responses."""
    return extend_schema_view(
        list=extend_schema(
            summary=_("List %(resource)s") % {"resource": resource},
            parameters=[FORMAT_PARAMETER],
            responses={200: serializer(many=True), **READ_ERRORS},
        ),
        retrieve=extend_schema(
            summary=_("One of the %(resource)s, by %(lookup)s")
            % {"resource": resource, "lookup": lookup},
            responses={200: serializer, **READ_ERRORS},
        ),
        create=extend_schema(responses={201: serializer, **WRITE_ERRORS}),
        update=extend_schema(parameters=[IF_MATCH], responses={200: serializer, **WRITE_ERRORS}),
        partial_update=extend_schema(
            parameters=[IF_MATCH], responses={200: serializer, **WRITE_ERRORS}
        ),
        destroy=extend_schema(parameters=[IF_MATCH], responses={204: None, **WRITE_ERRORS}),
    )


class FactViewSet(APIViewMixin, viewsets.ModelViewSet):
    """Read by anyone; created, changed and deleted with the admin's model permissions."""

    filter_backends = [DjangoFilterBackend, OrderingFilter]
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    lookup_label = _("id")

    def list(self, request, *args, **kwargs):
        if self.wants_csv():
            queryset = self.filter_queryset(self.get_queryset())
            objects = queryset.iterator(chunk_size=CSV_CHUNK_SIZE)
            return csv_response(serialized_csv(self.get_serializer(), objects), self.csv_filename())
        return super().list(request, *args, **kwargs)

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        try:
            if "\x00" in value:
                # No row has a NUL in its key, and PostgreSQL refuses to compare with one.
                raise Http404
            return super().get_object()
        except Http404 as exc:
            model = self.get_queryset().model
            raise NotFound(
                _("No %(model)s has the %(field)s %(value)s.")
                % {
                    "model": model._meta.verbose_name,
                    "field": self.lookup_label,
                    "value": value,
                }
            ) from exc

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action in LOCKING_ACTIONS:
            # The row, not the rows joined to it (PostgreSQL refuses to lock a nullable join).
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def etags(self, data) -> builtins.list[str]:
        """The ETag of an object's representation in each format this resource answers in."""
        return [concurrency.etag(data, renderer.format) for renderer in self.get_renderers()]

    def with_etag(self, response: Response) -> Response:
        response["ETag"] = concurrency.etag(response.data, self.request.accepted_renderer.format)
        setattr(response, cache.OWN_ETAG, True)
        return response

    def retrieve(self, request, *args, **kwargs):
        return self.with_etag(super().retrieve(request, *args, **kwargs))

    def locked_object(self):
        """The object, its row locked until the transaction ends, if `If-Match` names its
        current representation (or is absent); else None, and the reason in `self.refusal`."""
        header = self.request.headers.get("If-Match")
        try:
            instance = self.get_object()
        except NotFound:
            if header is None:
                raise
            self.refusal = self.precondition_failed(None)
            return None
        if header is None:
            return instance
        current = self.get_serializer(instance).data
        if concurrency.if_match_passes(header, self.etags(current)):
            return instance
        self.refusal = self.precondition_failed(current)
        return None

    def precondition_failed(self, current) -> Response:
        model = self.get_queryset().model._meta.verbose_name
        if current is None:
            detail = _("No %(model)s is there to change: it has been deleted.") % {"model": model}
            return Response({"detail": detail}, status=412)
        detail = _(
            "This %(model)s has changed since the version your If-Match header names. Read it "
            "again (its current ETag is in this answer), apply your change to what it holds now, "
            "and send that ETag."
        ) % {"model": model}
        response = Response({"detail": detail}, status=412)
        response["ETag"] = concurrency.etag(current, JSONRenderer.format)
        return response

    def update(self, request, *args, **kwargs):
        # The row is read under its lock and validated as it is now; only the fields the
        # request changes are written, so concurrent changes to other fields are kept.
        with transaction.atomic():
            instance = self.locked_object()
            if instance is None:
                return self.refusal
            serializer = self.get_serializer(
                instance, data=request.data, partial=kwargs.get("partial", False)
            )
            serializer.is_valid(raise_exception=True)
            serializer.save()
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        return self.with_etag(Response(serializer.data))

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.locked_object()
            if instance is None:
                return self.refusal
            refused = self.refuse_deletion(instance)
            if refused is not None:
                return refused
            instance._history_user = request.user
            instance.delete()
        return Response(status=204)

    def refuse_deletion(self, instance) -> Response | None:
        """A 409 when deleting the object would take other facts with it; None otherwise."""
        return None

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save()


@fact_schema(_("sources"), "id", serializers.SourceSerializer)
class SourceViewSet(FactViewSet):
    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    filterset_class = resource_filters.SourceFilter
    ordering_fields = ["id", "url", "title", "publisher", "as_of", "updated_at"]
    ordering = ["url", "as_of", "pk"]


@fact_schema(_("states"), "ISO 3166 alpha-3 code (any letter case)", serializers.StateSerializer)
class StateViewSet(FactViewSet):
    queryset = State.objects.select_related("source")
    serializer_class = serializers.StateSerializer
    filterset_class = resource_filters.StateFilter
    lookup_field = "iso3"
    lookup_label = _("ISO 3166 alpha-3 code")
    ordering_fields = ["iso3", "short_name", "asean_admission_date", "updated_at"]
    ordering = ["short_name", "pk"]

    def get_object(self):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()

    def refuse_deletion(self, instance: State) -> Response | None:
        # Deleting a state deletes every fact about it: that is never one request's accident.
        facts = instance.fact_counts()
        if not facts:
            return None
        held = ", ".join(f"{count} {name}" for name, count in facts.items())
        detail = _(
            "%(state)s still has facts: %(facts)s. Deleting it would delete them too; delete "
            "or move them first."
        ) % {"state": instance.iso3, "facts": held}
        return Response({"detail": detail, "facts": facts}, status=409)


@fact_schema(_("treaties"), "key", serializers.TreatySerializer)
class TreatyViewSet(FactViewSet):
    queryset = Treaty.objects.select_related("source")
    serializer_class = serializers.TreatySerializer
    filterset_class = resource_filters.TreatyFilter
    lookup_field = "key"
    lookup_label = _("key")
    ordering_fields = ["key", "short_name", "category", "adopted_on", "entry_into_force_on"]
    ordering = ["adopted_on", "key"]


class ReviewedFactViewSet(FactViewSet):
    """A fact under review: the public reads published facts only; a signed-in user who may change
    facts also sees pending ones, with their `review_status`; Editors publish or reject them."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        model = queryset.model._meta
        if user.is_authenticated and user.has_perm(f"{model.app_label}.change_{model.model_name}"):
            return queryset
        return queryset.published()

    def _reviewed_object(self):
        """The fact to review, its row locked, if `If-Match` names its current representation
        (or is absent); else None, and the 412 in `self.refusal`."""
        if not roles.can_review(self.request.user):
            raise PermissionDenied(_("Only an Editor can publish or reject a fact."))
        return self.locked_object()

    @extend_schema(
        request=None,
        parameters=[IF_MATCH],
        responses={200: OpenApiTypes.OBJECT, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def publish(self, request, *args, **kwargs):
        """Publish a pending fact, or apply the changes proposed to a published one (Editors)."""
        fact = self._reviewed_object()
        if fact is None:
            return self.refusal
        try:
            fact.approve(request.user, str(request.data.get("note", "")))
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response(self.get_serializer(fact).data)

    @extend_schema(
        request=None,
        parameters=[IF_MATCH],
        responses={200: OpenApiTypes.OBJECT, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def reject(self, request, *args, **kwargs):
        """Reject a pending fact, or the changes proposed to a published one, with a `reason`."""
        fact = self._reviewed_object()
        if fact is None:
            return self.refusal
        reason = request.data.get("reason", "")
        try:
            fact.reject(request.user, reason if isinstance(reason, str) else "")
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response(self.get_serializer(fact).data)


STATE_TREATY_ORDERING = ["state__short_name", "treaty__adopted_on", "treaty__key"]


@fact_schema(_("treaty actions (the event log)"), "id", serializers.TreatyActionSerializer)
class TreatyActionViewSet(ReviewedFactViewSet):
    queryset = TreatyAction.objects.with_related()
    serializer_class = serializers.TreatyActionSerializer
    filterset_class = resource_filters.TreatyActionFilter
    ordering_fields = ["id", "date", "effective_on", "action", "updated_at", "state", "treaty"]
    ordering = [*STATE_TREATY_ORDERING, "date", "pk"]


@fact_schema(_("status observations"), "id", serializers.StatusObservationSerializer)
class StatusObservationViewSet(ReviewedFactViewSet):
    queryset = StatusObservation.objects.with_related()
    serializer_class = serializers.StatusObservationSerializer
    filterset_class = resource_filters.StatusObservationFilter
    ordering_fields = ["id", "observed_on", "status", "updated_at", "state", "treaty"]
    ordering = [*STATE_TREATY_ORDERING, "observed_on", "pk"]


@fact_schema(_("R2P focal points"), "id", serializers.FocalPointSerializer)
class FocalPointViewSet(ReviewedFactViewSet):
    queryset = FocalPoint.objects.select_related("state", "source")
    serializer_class = serializers.FocalPointSerializer
    filterset_class = resource_filters.FocalPointFilter
    ordering_fields = ["id", "designated_on", "updated_at", "state"]
    ordering = ["state__short_name", "designated_on", "pk"]


@fact_schema(_("national human rights institutions"), "id", serializers.NHRISerializer)
class NHRIViewSet(ReviewedFactViewSet):
    queryset = NationalHumanRightsInstitution.objects.select_related(
        "state", "source"
    ).with_accreditations()
    serializer_class = serializers.NHRISerializer
    filterset_class = resource_filters.NHRIFilter
    ordering_fields = ["id", "name", "acronym", "established_on", "updated_at", "state"]
    ordering = ["state__short_name", "name", "pk"]


@fact_schema(_("GANHRI accreditation decisions"), "id", serializers.AccreditationSerializer)
class AccreditationViewSet(ReviewedFactViewSet):
    queryset = Accreditation.objects.select_related("source")
    serializer_class = serializers.AccreditationSerializer
    filterset_class = resource_filters.AccreditationFilter
    ordering_fields = ["id", "decided_on", "status", "updated_at"]
    ordering = ["nhri_id", "decided_on", "pk"]


@fact_schema(
    _("institution observations (sourced statements about institutions and laws)"),
    "id",
    serializers.InstitutionObservationSerializer,
)
class InstitutionObservationViewSet(ReviewedFactViewSet):
    queryset = InstitutionObservation.objects.with_related()
    serializer_class = serializers.InstitutionObservationSerializer
    filterset_class = resource_filters.InstitutionObservationFilter
    ordering_fields = ["id", "observed_on", "indicator", "status", "updated_at", "state"]
    ordering = ["state__short_name", "indicator", "observed_on", "pk"]


@fact_schema(_("laws"), "id", serializers.LawSerializer)
class LawViewSet(ReviewedFactViewSet):
    queryset = Law.objects.select_related("state", "source")
    serializer_class = serializers.LawSerializer
    filterset_class = resource_filters.LawFilter
    ordering_fields = ["id", "title", "enacted_on", "category", "updated_at", "state"]
    ordering = ["state__short_name", "enacted_on", "pk"]


@fact_schema(_("engagements with R2P at the UN"), "id", serializers.EngagementSerializer)
class EngagementViewSet(FactViewSet):
    queryset = Engagement.objects.with_related()
    serializer_class = serializers.EngagementSerializer
    filterset_class = resource_filters.EngagementFilter
    ordering_fields = ["id", "date", "kind", "updated_at", "state"]
    ordering = ["state__short_name", "date", "pk"]


@fact_schema(_("national mechanisms"), "id", serializers.NationalMechanismSerializer)
class NationalMechanismViewSet(FactViewSet):
    queryset = NationalMechanism.objects.with_related()
    serializer_class = serializers.NationalMechanismSerializer
    filterset_class = resource_filters.NationalMechanismFilter
    ordering_fields = ["id", "date", "kind", "updated_at", "state"]
    ordering = ["state__short_name", "date", "pk"]


@fact_schema(_("ASEAN regional events"), "id", serializers.RegionalEventSerializer)
class RegionalEventViewSet(FactViewSet):
    queryset = RegionalEvent.objects.select_related("source")
    serializer_class = serializers.RegionalEventSerializer
    filterset_class = resource_filters.RegionalEventFilter
    ordering_fields = ["id", "date", "body", "kind", "updated_at"]
    ordering = ["body", "date", "pk"]


@fact_schema(
    _("UPR recommendations and pledges, with what followed"),
    "id",
    serializers.UprRecommendationSerializer,
)
class UprRecommendationViewSet(FactViewSet):
    queryset = UprRecommendation.objects.with_related()
    serializer_class = serializers.UprRecommendationSerializer
    filterset_class = resource_filters.UprRecommendationFilter
    ordering_fields = ["id", "cycle", "review_date", "response_date", "target", "updated_at"]
    ordering = ["state__short_name", "review_date", "cycle", "pk"]

    def follow_throughs(self) -> FollowThroughs:
        if not hasattr(self, "_follow_throughs"):
            form = AsOfForm(self.request.query_params)
            if not form.is_valid():
                raise ValidationError(
                    {name: [str(e) for e in errors] for name, errors in form.errors.items()}
                )
            today = versioning.freshness(self.request._request).today
            self._follow_throughs = FollowThroughs(form.cleaned_data["as_of"], today)
        return self._follow_throughs

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "follow_through": self.follow_throughs()}

    def list(self, request, *args, **kwargs):
        filterset = DjangoFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        queryset = OrderingFilter().filter_queryset(request, filterset.qs, self)
        follow = self.follow_throughs()
        wanted = filterset.form.cleaned_data["follow_through"]
        rows = None
        if wanted or self.wants_csv():
            rows = [
                row
                for row in follow.annotate(queryset)
                if not wanted or row.follow_through.outcome in wanted
            ]
        if self.wants_csv():
            return csv_response(serialized_csv(self.get_serializer(), rows), self.csv_filename())
        page = self.paginate_queryset(rows if rows is not None else queryset)
        follow.annotate(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ComputedListViewSet(APIViewMixin, viewsets.GenericViewSet):
    """A list that is not a filtered QuerySet of one model (it is derived, or read from the
    history): its FilterSet validates the parameters, and `list` reads the cleaned values."""

    filter_backends = [DjangoFilterBackend]

    def valid_filterset(self):
        filterset = DjangoFilterBackend().get_filterset(self.request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        return filterset

    def row_data(self, row):
        """What the serializer reads of a row."""
        return row

    def page_of(self, rows):
        page = [self.row_data(row) for row in self.paginate_queryset(rows)]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


PARTICIPATION_ORDERING = {
    "state": lambda row: (row.state.short_name, row.state.iso3),
    "treaty": lambda row: (row.treaty.adopted_on, row.treaty.key),
    "status": lambda row: row.participation.status,
    "since": lambda row: (
        row.participation.since is not None,
        row.participation.since.isoformat() if row.participation.since else "",
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary=_("The derived status of each state to each treaty on a date"),
        description=_(
            "One row per state and treaty. The status is derived from the dated event log (and, "
            "where no event answers, from sourced status observations) on `as_of`; `unknown` "
            "means nobody has verified it."
        ),
        parameters=[
            FORMAT_PARAMETER,
            OpenApiParameter(
                "ordering",
                ordering_parameter(list(PARTICIPATION_ORDERING), "state,treaty")["schema"],
                description=_(
                    "Fields to order by, comma-separated or the parameter repeated: state, "
                    "treaty, status, since; prefix - to reverse. Default: state,treaty."
                ),
            ),
        ],
        responses={200: serializers.ParticipationSerializer(many=True), **READ_ERRORS},
    )
)
class ParticipationViewSet(ComputedListViewSet):
    queryset = State.objects.all()
    serializer_class = serializers.ParticipationSerializer
    filterset_class = resource_filters.ParticipationFilter

    def list(self, request, *args, **kwargs):
        filterset = self.valid_filterset()
        chosen = filterset.form.cleaned_data
        treaties = Treaty.objects.all()
        if chosen["treaty"]:
            treaties = treaties.filter(key__in=chosen["treaty"])
        if chosen["category"]:
            treaties = treaties.filter(category__in=chosen["category"])
        today = versioning.freshness(request._request).today
        table = ParticipationTable(filterset.qs, treaties, chosen["as_of"], today)
        ordering = requested_ordering(request)
        unfiltered = not (chosen["status"] or chosen["updated_since"] or ordering)
        if unfiltered and not self.wants_csv():
            # A page of every pair: only the states on the page are derived.
            return self.page_of(table)
        # Streamed: a CSV's rows are written while the facts of later states are still unread.
        rows = table.rows(chosen["status"], chosen["updated_since"])
        if ordering:
            rows = self.order(list(rows), ordering)
        if self.wants_csv():
            return csv_response(participation_csv(self.get_serializer(), rows), self.csv_filename())
        return self.page_of(list(rows))

    def row_data(self, row: ParticipationRow) -> dict:
        return row.values()

    def order(
        self, rows: Sequence[ParticipationRow], fields: Sequence[str]
    ) -> Sequence[ParticipationRow]:
        unknown = [f for f in fields if f.lstrip("-") not in PARTICIPATION_ORDERING]
        if unknown:
            raise ValidationError(
                {
                    "ordering": [
                        _("Unknown field %(fields)s; order by %(allowed)s, or -field to reverse.")
                        % {
                            "fields": ", ".join(unknown),
                            "allowed": ", ".join(PARTICIPATION_ORDERING),
                        }
                    ]
                }
            )
        # Sorting is stable, so applying the keys last-first orders by the first key, then the next.
        for field in reversed(fields):
            rows = sorted(
                rows,
                key=PARTICIPATION_ORDERING[field.lstrip("-")],
                reverse=field.startswith("-"),
            )
        return rows


@extend_schema_view(
    list=extend_schema(
        summary=_("Rows deleted from the collections"),
        description=_(
            "Every row deleted from a collection, oldest first, with `since` only those deleted "
            "at or after it. To keep a copy in sync, remove these rows, then fetch each "
            "collection with `updated_since` set to the time of your last sync."
        ),
        parameters=[FORMAT_PARAMETER],
        responses={200: serializers.DeletionSerializer(many=True), **READ_ERRORS},
    )
)
class DeletionViewSet(ComputedListViewSet):
    # Deletions are read from the history tables; the queryset only serves the filter backend.
    queryset = State.objects.none()
    serializer_class = serializers.DeletionSerializer
    filterset_class = resource_filters.DeletionFilter

    def list(self, request, *args, **kwargs):
        chosen = self.valid_filterset().form.cleaned_data
        rows = deletions(chosen["since"], chosen["resource"] or ())
        if self.wants_csv():
            objects = rows.iterator(chunk_size=CSV_CHUNK_SIZE)
            return csv_response(serialized_csv(self.get_serializer(), objects), self.csv_filename())
        return self.page_of(rows)


def zip_download_schema(operation_id: str, summary, description, parameters=()):
    """OpenAPI annotations of a zip download: the zip itself, or a 304, 404 or 429."""
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=list(parameters),
        responses={
            (200, ZipRenderer.media_type): OpenApiResponse(
                response=OpenApiTypes.BINARY, description=_("The zip.")
            ),
            304: READ_ERRORS[304],
            400: ERROR,
            404: ERROR,
            429: ERROR,
        },
    )


class ZipDownloadView(APIViewMixin, APIView):
    """A zip for anyone to download; its errors are JSON."""

    renderer_classes = [ZipRenderer, JSONRenderer]
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]


class DatasetView(ZipDownloadView):
    """The whole dataset as one zip: a CSV per table, `datapackage.json` and `SHA256SUMS`."""

    @zip_download_schema(
        "dataset_download",
        _("Download the whole dataset"),
        _(
            "A zip with every table as CSV, a Frictionless `datapackage.json` (every column's "
            "type, title, description and allowed values, each table's keys, the data version, "
            "the generation time, the SHA-256 of each file), a README codebook, CITATION.cff, the "
            "licence and a `SHA256SUMS` file. It is rebuilt whenever the data changes."
        ),
    )
    def get(self, request):
        fresh = versioning.freshness(request._request)
        response = HttpResponse(dataset_zip(fresh), content_type=ZipRenderer.media_type)
        filename = dataset_filename(fresh.version)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ApiRootPage(TemplateHTMLRenderer):
    """The API's front door for people: what the API holds and where its documentation is."""

    template_name = "commitments/api_root.html"

    def get_template_context(self, data, renderer_context):
        return {"endpoints": list(data.items())}


class ApiRootView(routers.APIRootView):
    """The list of resources as JSON for programs; in a browser, a page in the site's style.

    Signed-in staff get DRF's browsable API instead of the page, to try requests by hand.
    """

    def get_renderers(self):
        user = getattr(self.request, "user", None)
        page = BrowsableAPIRenderer() if user and user.is_staff else ApiRootPage()
        return [JSONRenderer(), page]
