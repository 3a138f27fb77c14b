"""Serializers of the public API: flat rows that name their source by id and URL.

Writes go through the model's own validation (`full_clean()`), so a request the admin would refuse
is refused here with the same message, per field, and nothing is written.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db.models import Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commitments.api import codebook
from commitments.api.errors import validation_error
from commitments.models import (
    Accreditation,
    Engagement,
    Fact,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    NationalMechanism,
    RegionalEvent,
    Release,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
    UprRecommendation,
)
from commitments.release_models import CHANGE_KINDS
from commitments.vocabularies import (
    Action,
    Confidence,
    FollowThrough,
    Precision,
    Resource,
    ReviewStatus,
    Status,
    TreatyCategory,
)

TIMESTAMPS = ["created_at", "updated_at"]


class Documented:
    """Each field's title, description and text pattern come from `commitments.api.codebook`,
    under the resource named by `Meta.resource`, so the schema, the CSV codebook and the bundle
    describe a field in the same words."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            doc = codebook.field_doc(self.Meta.resource, name)
            field.label = doc.title
            field.help_text = doc.description
            if doc.pattern:
                field.validators = [*field.validators, RegexValidator(doc.pattern)]
        return fields


class FactSerializer(Documented, serializers.ModelSerializer):
    """A fact with its source: `source` is the source's id (writable), `source_url` its URL."""

    source_url = serializers.URLField(source="source.url", read_only=True)

    def validate(self, attrs: dict) -> dict:
        model = cast(type[Model], self.Meta.model)
        instance = self.instance if self.instance is not None else model()
        before = _values(instance)
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        self._cleaned_instance = instance
        # What the request changes, normalisations by `full_clean()` included.
        self._changed_fields = [
            name for name, value in _values(instance).items() if value != before[name]
        ]
        return attrs

    def _save_cleaned(self, **kwargs):
        # `full_clean()` may normalise values (a year-precise date becomes 1 January), so the
        # instance it checked is the one that is saved, with the user recorded in the history.
        instance = self._cleaned_instance
        request = self.context.get("request")
        user = request.user if request is not None else None
        if isinstance(instance, Fact):
            # Published at once, or pending an Editor's review (Fact.submit).
            instance.submit(user, update_fields=kwargs.get("update_fields"))
            return instance
        if user is not None and user.is_authenticated:
            instance._history_user = user
        instance.save(**kwargs)
        return instance

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if isinstance(instance, Fact) and request is not None and request.user.is_authenticated:
            # Only a signed-in user ever sees a fact that is not published, or a proposal.
            data["review_status"] = (
                ReviewStatus.PENDING if instance.proposed_at else instance.review_status
            )
            if instance.proposed_changes:
                data["proposed_changes"] = instance.proposed_changes
            if instance.review_note:
                data["review_note"] = instance.review_note
        return data

    def create(self, validated_data):
        return self._save_cleaned()

    def update(self, instance, validated_data):
        # Only the fields the request changes are written: a concurrent change to another field
        # of the row is kept. A request that changes nothing writes nothing.
        if not self._changed_fields:
            return instance
        return self._save_cleaned(update_fields=[*self._changed_fields, "updated_at"])


def _values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.attname != "updated_at"
    }


class CodeField(serializers.SlugRelatedField):
    """A related row named by its code, matched after normalising the letter case."""

    def __init__(self, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            if "\x00" in data:
                # No code holds a NUL, and PostgreSQL refuses to compare with one.
                self.fail("does_not_exist", slug_name=self.slug_field, value=data)
            data = self.normalise(data)
        return super().to_internal_value(data)


def state_field() -> serializers.SlugRelatedField:
    return CodeField(
        str.upper,
        slug_field="iso3",
        queryset=State.objects.all(),
    )


def treaty_field() -> serializers.SlugRelatedField:
    return CodeField(str.lower, slug_field="key", queryset=Treaty.objects.all())


class SourceSerializer(FactSerializer):
    # DRF leaves out an inherited field set to None; drf-stubs do not know it.
    source_url = None  # type: ignore[assignment]

    class Meta:
        model = Source
        resource = "sources"
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "kind",
            "as_of",
            "as_of_precision",
            "origin_url",
            "origin_title",
            "notes",
            *TIMESTAMPS,
        ]


class StateSerializer(FactSerializer):
    class Meta:
        model = State
        resource = "states"
        fields = [
            "iso3",
            "iso2",
            "short_name",
            "official_name",
            "asean_admission_date",
            "source",
            "source_url",
            "independent_on",
            "independent_on_precision",
            "independence_source",
            "un_member_since",
            "un_member_source",
            "notes",
            *TIMESTAMPS,
        ]


class TreatySerializer(FactSerializer):
    class Meta:
        model = Treaty
        resource = "treaties"
        fields = [
            "key",
            "short_name",
            "title",
            "category",
            "scope",
            "adopted_on",
            "entry_into_force_on",
            "depositary",
            "untc_ref",
            "url",
            "source",
            "source_url",
            *TIMESTAMPS,
        ]


class TreatyActionSerializer(FactSerializer):
    state = state_field()
    treaty = treaty_field()

    class Meta:
        model = TreatyAction
        resource = "treaty_actions"
        fields = [
            "id",
            "state",
            "treaty",
            "action",
            "date",
            "date_precision",
            "effective_on",
            "reservations",
            "source",
            "confidence",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]


class StatusObservationSerializer(FactSerializer):
    state = state_field()
    treaty = treaty_field()

    class Meta:
        model = StatusObservation
        resource = "status_observations"
        fields = [
            "id",
            "state",
            "treaty",
            "status",
            "observed_on",
            "observed_on_precision",
            "source",
            "confidence",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]


class FocalPointSerializer(FactSerializer):
    state = state_field()

    class Meta:
        model = FocalPoint
        resource = "focal_points"
        fields = [
            "id",
            "state",
            "office",
            "person_name",
            "designated_on",
            "designated_on_precision",
            "ended_on",
            "network",
            "source",
            "confidence",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]


class AccreditationSerializer(FactSerializer):
    class Meta:
        model = Accreditation
        resource = "accreditations"
        fields = [
            "id",
            "nhri",
            "status",
            "decided_on",
            "decided_on_precision",
            "source",
            "confidence",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]


class AccreditationHistorySerializer(AccreditationSerializer):
    # Declared: a read-only field built from the model would lose its empty choice.
    confidence = serializers.ChoiceField(
        choices=Confidence.choices, allow_blank=True, read_only=True
    )

    class Meta(AccreditationSerializer.Meta):
        fields = [f for f in AccreditationSerializer.Meta.fields if f != "nhri"]
        read_only_fields = fields


class NHRISerializer(FactSerializer):
    state = state_field()
    accreditations = AccreditationHistorySerializer(many=True, read_only=True)

    class Meta:
        model = NationalHumanRightsInstitution
        resource = "nhris"
        fields = [
            "id",
            "state",
            "name",
            "acronym",
            "established_on",
            "legal_basis",
            "source",
            "confidence",
            "source_url",
            "notes",
            "accreditations",
            *TIMESTAMPS,
        ]


class LawSerializer(FactSerializer):
    state = state_field()

    class Meta:
        model = Law
        resource = "laws"
        fields = [
            "id",
            "state",
            "title",
            "number",
            "enacted_on",
            "enacted_on_precision",
            "category",
            "source",
            "confidence",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]


class InstitutionObservationSerializer(FactSerializer):
    state = state_field()

    class Meta:
        model = InstitutionObservation
        fields = [
            "id",
            "state",
            "indicator",
            "status",
            "observed_on",
            "observed_on_precision",
            "confidence",
            "source",
            "source_url",
            "notes",
            *TIMESTAMPS,
        ]
        resource = "institution_observations"


DATED_EVENT = ["date", "date_precision", "title"]
FACT_SOURCE = ["confidence", "source", "source_url", "notes"]


class EngagementSerializer(FactSerializer):
    state = state_field()

    class Meta:
        model = Engagement
        resource = "engagements"
        fields = ["id", "state", "kind", *DATED_EVENT, "url", "vote", *FACT_SOURCE, *TIMESTAMPS]


class NationalMechanismSerializer(FactSerializer):
    state = state_field()

    class Meta:
        model = NationalMechanism
        resource = "national_mechanisms"
        fields = ["id", "state", "kind", *DATED_EVENT, *FACT_SOURCE, *TIMESTAMPS]


class RegionalEventSerializer(FactSerializer):
    class Meta:
        model = RegionalEvent
        resource = "regional_events"
        fields = ["id", "body", "kind", *DATED_EVENT, *FACT_SOURCE, *TIMESTAMPS]


class UprRecommendationSerializer(FactSerializer):
    """A recommendation with what followed it on `follow_through_as_of`, which the view derives
    (`commitments.promises`) and sets on each row as `follow_through`."""

    state = state_field()
    follow_through = serializers.ChoiceField(
        source="follow_through.outcome", choices=FollowThrough.choices, read_only=True
    )
    follow_through_as_of = serializers.DateField(source="follow_through.on", read_only=True)
    follow_through_since = serializers.SerializerMethodField(allow_null=True)
    follow_through_years = serializers.IntegerField(
        source="follow_through.years", read_only=True, allow_null=True
    )

    class Meta:
        model = UprRecommendation
        resource = "upr_recommendations"
        fields = [
            "id",
            "state",
            "cycle",
            "review_date",
            "recommending_states",
            "recommendation",
            "target",
            "response",
            "response_date",
            "document",
            "paragraph",
            "follow_through",
            "follow_through_as_of",
            "follow_through_since",
            "follow_through_years",
            *FACT_SOURCE,
            *TIMESTAMPS,
        ]

    @extend_schema_field(
        {"type": "string", "nullable": True, "pattern": codebook.PARTIAL_DATE_PATTERN}
    )
    def get_follow_through_since(self, obj) -> str | None:
        result = getattr(obj, "follow_through", None)
        since = result.since if result is not None else None
        return since.isoformat() if since else None

    def to_representation(self, instance):
        if getattr(instance, "follow_through", None) is None:
            instance.follow_through = self.context["follow_through"](instance)
        return super().to_representation(instance)


# Reads `ParticipationRow.values()`.
class ParticipationSerializer(Documented, serializers.Serializer):
    """One state's derived status to one treaty on `as_of`, with the evidence behind it.

    Read only: it is derived from the event log and the sourced observations.
    """

    state = serializers.CharField()
    state_name = serializers.CharField()
    treaty = serializers.CharField()
    treaty_name = serializers.CharField()
    category = serializers.ChoiceField(choices=TreatyCategory.choices)
    as_of = serializers.DateField()
    status = serializers.ChoiceField(choices=Status.choices)
    since = serializers.CharField(allow_null=True)
    since_precision = serializers.ChoiceField(choices=Precision.choices, allow_null=True)
    event_id = serializers.IntegerField(allow_null=True)
    event_action = serializers.ChoiceField(choices=Action.choices, allow_null=True)
    event_date = serializers.CharField(allow_null=True)
    observation_id = serializers.IntegerField(allow_null=True)
    source_id = serializers.IntegerField(allow_null=True)
    source_url = serializers.URLField(allow_null=True)
    last_verified = serializers.CharField(allow_null=True)
    contradiction = serializers.BooleanField()
    contradicting_observation_id = serializers.IntegerField(allow_null=True)
    pending_denunciation_effective_on = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        resource = "participation"


# Reads the rows of `commitments.api.deletions.deletions()`.
class DeletionSerializer(Documented, serializers.Serializer):
    """A row deleted from one of the collections."""

    resource = serializers.ChoiceField(choices=Resource.choices)
    id = serializers.IntegerField(source="row_id")
    lookup = serializers.CharField()
    deleted_at = serializers.DateTimeField()

    class Meta:
        resource = "deletions"


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "properties": {kind: {"type": "integer"} for kind in CHANGE_KINDS},
        },
    }
)
class ChangesField(serializers.JSONField):
    """Per collection, the number of rows added, changed and deleted."""


class ReleaseSerializer(Documented, serializers.ModelSerializer):
    changes = ChangesField(read_only=True)
    summary = serializers.CharField(read_only=True)
    dataset_url = serializers.HyperlinkedIdentityField(
        view_name="api:release-dataset", lookup_field="version", lookup_url_kwarg="version"
    )

    class Meta:
        model = Release
        resource = "releases"
        fields = [
            "version",
            "published_at",
            "data_version",
            "method_version",
            "sha256",
            "size",
            "changes",
            "summary",
            "notes",
            "dataset_url",
        ]
        read_only_fields = fields
