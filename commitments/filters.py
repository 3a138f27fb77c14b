"""Filters shared by the API and the pages: one definition per resource."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from commitments.models import (
    Accreditation,
    FocalPoint,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.vocabularies import (
    Action,
    Confidence,
    FocalPointNetwork,
    GanhriStatus,
    LawCategory,
    ObservedStatus,
    Status,
    TreatyCategory,
)

EARLIEST_AS_OF = datetime.date(1945, 1, 1)


class AsOfForm(forms.Form):
    """The `as_of` date of a page or API answer: any day from 1945 to today (default: today)."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        # One format in, the same format out: the hint, the box and the address all read ISO dates.
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d"),
        help_text=_("A date as YYYY-MM-DD, from 1945-01-01 to today."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2015-01-01.")},
    )

    def clean_as_of(self) -> datetime.date:
        today = timezone.localdate()
        value = self.cleaned_data.get("as_of") or today
        if value < EARLIEST_AS_OF or value > today:
            raise forms.ValidationError(
                _("Choose a date from %(first)s to %(today)s."),
                code="out_of_range",
                params={"first": EARLIEST_AS_OF.isoformat(), "today": today.isoformat()},
            )
        return value


class UpdatedSinceField(IsoDateTimeField):
    """An ISO 8601 date-time; one without a zone is read as UTC."""

    default_error_messages = {
        "invalid": _(
            "Enter a date and time in ISO 8601 format, e.g. 2026-11-20T00:00:00Z or "
            "2026-11-20T08:00:00+07:00."
        ),
    }

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned is None:
            return None
        try:
            return cleaned.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


@extend_schema_field(OpenApiTypes.DATETIME)
class UpdatedSinceFilter(django_filters.Filter):
    field_class = UpdatedSinceField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text",
            _("Only rows changed at or after this ISO 8601 date-time, e.g. 2026-11-20T00:00:00Z."),
        )
        super().__init__(**kwargs)


class CodeListField(forms.CharField):
    """A comma-separated list of codes that must all exist, e.g. `KHM,PHL`.

    Codes are matched case-insensitively; an unknown code is an error that names it.
    """

    max_codes = 100

    def __init__(self, *, queryset, to_field: str, normalise, noun: str, **kwargs):
        self.queryset = queryset
        self.to_field = to_field
        self.normalise = normalise
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value):
        # CharField refuses NUL characters, which no database text column can hold.
        value = super().clean(value)
        if not value:
            return None
        codes = list(dict.fromkeys(self.normalise(c.strip()) for c in value.split(",") if c))
        codes = [code for code in codes if code]
        if not codes:
            return None
        if len(codes) > self.max_codes:
            raise forms.ValidationError(
                _("Give at most %(max)d codes."), code="too_many", params={"max": self.max_codes}
            )
        known = set(
            self.queryset.filter(**{f"{self.to_field}__in": codes}).values_list(
                self.to_field, flat=True
            )
        )
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown %(noun)s: %(codes)s."),
                code="unknown",
                params={"noun": self.noun, "codes": ", ".join(unknown)},
            )
        return codes


@extend_schema_field(OpenApiTypes.STR)
class CodeListFilter(django_filters.Filter):
    field_class = CodeListField

    def __init__(self, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(**kwargs)


def state_filter(field_name: str = "state__iso3") -> CodeListFilter:
    return CodeListFilter(
        field_name=field_name,
        queryset=State.objects.all(),
        to_field="iso3",
        normalise=str.upper,
        noun=_("ISO 3166 alpha-3 code"),
        help_text=_("ISO 3166 alpha-3 codes, comma-separated, any letter case, e.g. KHM,PHL."),
    )


def treaty_filter(field_name: str = "treaty__key") -> CodeListFilter:
    return CodeListFilter(
        field_name=field_name,
        queryset=Treaty.objects.all(),
        to_field="key",
        normalise=str.lower,
        noun=_("treaty key"),
        help_text=_("Treaty keys, comma-separated, e.g. rome_statute_1998,genocide_1948."),
    )


def choice_messages(choices) -> dict:
    """Error messages that list what a choice parameter accepts."""
    message = _("%(value)s is not one of the choices: ") + ", ".join(value for value, _l in choices)
    return {"invalid_choice": message + "."}


def choice_filter(field_name: str | None, choices, help_text) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        field_name=field_name,
        choices=choices,
        help_text=help_text,
        error_messages=choice_messages(choices),
    )


class SourceFilter(django_filters.FilterSet):
    confidence = choice_filter(
        "confidence", Confidence.choices, _("How directly the source records the facts.")
    )
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Source
        fields = ["confidence", "updated_since"]


class StateFilter(django_filters.FilterSet):
    iso3 = state_filter("iso3")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = State
        fields = ["iso3", "updated_since"]


class TreatyFilter(django_filters.FilterSet):
    key = treaty_filter("key")
    category = choice_filter("category", TreatyCategory.choices, _("The treaty's category."))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Treaty
        fields = ["key", "category", "updated_since"]


class TreatyActionFilter(django_filters.FilterSet):
    state = state_filter()
    treaty = treaty_filter()
    action = choice_filter("action", Action.choices, _("The kind of event."))
    category = choice_filter(
        "treaty__category", TreatyCategory.choices, _("The category of the treaty.")
    )
    date = django_filters.DateFromToRangeFilter(
        help_text=_("date_after and date_before (YYYY-MM-DD, inclusive) bound the event date.")
    )
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = TreatyAction
        fields = ["state", "treaty", "action", "category", "date", "updated_since"]


class StatusObservationFilter(django_filters.FilterSet):
    state = state_filter()
    treaty = treaty_filter()
    status = choice_filter("status", ObservedStatus.choices, _("The status the source states."))
    category = choice_filter(
        "treaty__category", TreatyCategory.choices, _("The category of the treaty.")
    )
    observed_on = django_filters.DateFromToRangeFilter(
        help_text=_("observed_on_after and observed_on_before (YYYY-MM-DD, inclusive).")
    )
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = StatusObservation
        fields = ["state", "treaty", "status", "category", "observed_on", "updated_since"]


class FocalPointFilter(django_filters.FilterSet):
    state = state_filter()
    network = choice_filter("network", FocalPointNetwork.choices, _("The network it belongs to."))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = FocalPoint
        fields = ["state", "network", "updated_since"]


class NHRIFilter(django_filters.FilterSet):
    state = state_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = NationalHumanRightsInstitution
        fields = ["state", "updated_since"]


class AccreditationFilter(django_filters.FilterSet):
    state = state_filter("nhri__state__iso3")
    status = choice_filter("status", GanhriStatus.choices, _("The GANHRI status decided."))
    decided_on = django_filters.DateFromToRangeFilter(
        help_text=_("decided_on_after and decided_on_before (YYYY-MM-DD, inclusive).")
    )
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Accreditation
        fields = ["state", "status", "decided_on", "updated_since"]


class LawFilter(django_filters.FilterSet):
    state = state_filter()
    category = choice_filter("category", LawCategory.choices, _("The law's subject."))
    enacted_on = django_filters.DateFromToRangeFilter(
        help_text=_("enacted_on_after and enacted_on_before (YYYY-MM-DD, inclusive).")
    )
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Law
        fields = ["state", "category", "enacted_on", "updated_since"]


class ParticipationFilter(django_filters.FilterSet):
    """The derived status of each state to each treaty on `as_of` (see commitments.status).

    Only `state` narrows the states queried; the other parameters are validated here and read by
    the view from `form.cleaned_data`, because a status is computed, not stored.
    """

    state = state_filter("iso3")
    treaty = treaty_filter(None)
    category = choice_filter(None, TreatyCategory.choices, _("The category of the treaty."))
    as_of = django_filters.DateFilter(
        method="computed",
        help_text=_("The date to answer for, YYYY-MM-DD from 1945-01-01 to today; default today."),
    )
    status = django_filters.MultipleChoiceFilter(
        field_name=None,
        choices=Status.choices,
        method="computed",
        help_text=_("The derived status; repeat the parameter for several."),
        error_messages=choice_messages(Status.choices),
    )
    updated_since = UpdatedSinceFilter(
        field_name=None,
        help_text=_(
            "Only pairs whose events or observations changed at or after this ISO 8601 date-time."
        ),
    )

    class Meta:
        model = State
        fields = ["state", "treaty", "category", "status", "as_of", "updated_since"]
        form = AsOfForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("treaty", "category", "updated_since"):
            self.filters[name].method = "computed"

    def get_form_class(self):
        # `as_of` is AsOfForm's own field (its format, range and messages), declared as a filter
        # above only so that it is documented and passed through.
        form_class = super().get_form_class()
        form_class.base_fields["as_of"] = AsOfForm.base_fields["as_of"]
        return form_class

    def computed(self, queryset, name, value):
        return queryset
