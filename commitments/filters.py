"""Filters shared by the API and the pages: one definition per resource."""

import datetime
from typing import TYPE_CHECKING, cast

import django_filters
from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from commitments import scoring
from commitments.models import (
    NON_TREATY_TARGETS,
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
from commitments.vocabularies import (
    Action,
    Confidence,
    EngagementKind,
    FocalPointNetwork,
    FollowThrough,
    GanhriStatus,
    IndicatorStatus,
    InstitutionIndicator,
    LawCategory,
    MechanismKind,
    ObservedStatus,
    RegionalBody,
    RegionalEventKind,
    Resource,
    SourceKind,
    Status,
    TreatyCategory,
    UprResponse,
    Vote,
)
from commitments.wording import local_name

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


class MethodField(forms.CharField):
    """A scoring method version (`2`, `2.0` or `2.0+1a2b3c4d`); empty is the current method."""

    def clean(self, value) -> scoring.Method:
        value = super().clean(value)
        try:
            return scoring.get_method(value)
        except scoring.UnknownMethod as exc:
            raise forms.ValidationError(str(exc), code="unknown_method") from exc


class ScoreForm(AsOfForm):
    """The date and the scoring method a page or a score speaks for."""

    method = MethodField(
        label=_("Scoring method"),
        required=False,
        max_length=40,
        help_text=_("A published method version, e.g. 1.0 or 2.0; default the current method."),
    )


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


class ListWidget(forms.SelectMultiple):
    """Reads a parameter given several times and a comma-separated one alike: `state=KHM&state=PHL`
    and `state=KHM,PHL` are the same list. Blank items are dropped."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [
            item.strip()
            for value in values
            if isinstance(value, str)
            for item in value.split(",")
            if item.strip()
        ]

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class CodeListField(forms.Field):
    """A list of codes that must all exist, e.g. `KHM,PHL` (or the parameter repeated).

    Codes are matched case-insensitively; an unknown code is an error that names it.
    """

    widget = ListWidget
    max_codes = 100

    def __init__(self, *, queryset, to_field: str, normalise, noun: str, **kwargs):
        self.queryset = queryset
        self.to_field = to_field
        self.normalise = normalise
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value):
        if not value:
            return None
        if any("\x00" in code for code in value):
            # No database text column can hold a NUL character, and no code has one.
            raise forms.ValidationError(_("Null characters are not allowed."), code="null")
        codes = list(dict.fromkeys(self.normalise(code) for code in value))
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


@extend_schema_field({"type": "array", "items": {"type": "string"}})
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
        help_text=_(
            "ISO 3166 alpha-3 codes in any letter case, comma-separated or the parameter "
            "repeated: KHM,PHL or state=KHM&state=PHL."
        ),
    )


def treaty_filter(field_name: str | None = "treaty__key") -> CodeListFilter:
    return CodeListFilter(
        field_name=field_name,
        queryset=Treaty.objects.all(),
        to_field="key",
        normalise=str.lower,
        noun=_("treaty key"),
        help_text=_(
            "Treaty keys, comma-separated or the parameter repeated, e.g. "
            "rome_statute_1998,genocide_1948."
        ),
    )


def choice_messages(choices) -> dict:
    """Error messages that list what a choice parameter accepts."""
    message = _("%(value)s is not one of the choices: ") + ", ".join(value for value, _l in choices)
    return {"invalid_choice": message + "."}


def choice_filter(
    field_name: str | None, choices, help_text, **kwargs
) -> django_filters.MultipleChoiceFilter:
    """One value or several of a closed vocabulary, comma-separated or the parameter repeated;
    a row matches any of them."""
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        choices=choices,
        help_text=format_lazy(
            "{text} {several}", text=help_text, several=_("Several: comma-separated or repeated.")
        ),
        error_messages=choice_messages(choices),
        widget=ListWidget,
        distinct=False,
        **kwargs,
    )


def confidence_filter() -> django_filters.ChoiceFilter:
    return choice_filter(
        "confidence", Confidence.choices, _("How directly the source records the fact.")
    )


class SourceFilter(django_filters.FilterSet):
    kind = choice_filter("kind", SourceKind.choices, _("Who wrote the source."))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Source
        fields = ["kind", "updated_since"]


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
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = TreatyAction
        fields = ["state", "treaty", "action", "category", "date", "confidence", "updated_since"]


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
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = StatusObservation
        fields = [
            "state",
            "treaty",
            "status",
            "category",
            "observed_on",
            "confidence",
            "updated_since",
        ]


class FocalPointFilter(django_filters.FilterSet):
    state = state_filter()
    network = choice_filter("network", FocalPointNetwork.choices, _("The network it belongs to."))
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = FocalPoint
        fields = ["state", "network", "confidence", "updated_since"]


class NHRIFilter(django_filters.FilterSet):
    state = state_filter()
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = NationalHumanRightsInstitution
        fields = ["state", "confidence", "updated_since"]


class AccreditationFilter(django_filters.FilterSet):
    state = state_filter("nhri__state__iso3")
    status = choice_filter("status", GanhriStatus.choices, _("The GANHRI status decided."))
    decided_on = django_filters.DateFromToRangeFilter(
        help_text=_("decided_on_after and decided_on_before (YYYY-MM-DD, inclusive).")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Accreditation
        fields = ["state", "status", "decided_on", "confidence", "updated_since"]


class LawFilter(django_filters.FilterSet):
    state = state_filter()
    category = choice_filter("category", LawCategory.choices, _("The law's subject."))
    enacted_on = django_filters.DateFromToRangeFilter(
        help_text=_("enacted_on_after and enacted_on_before (YYYY-MM-DD, inclusive).")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Law
        fields = ["state", "category", "enacted_on", "confidence", "updated_since"]


class InstitutionObservationFilter(django_filters.FilterSet):
    state = state_filter()
    indicator = choice_filter(
        "indicator", InstitutionIndicator.choices, _("What the statement is about.")
    )
    status = choice_filter("status", IndicatorStatus.choices, _("The status the source states."))
    observed_on = django_filters.DateFromToRangeFilter(
        help_text=_("observed_on_after and observed_on_before (YYYY-MM-DD, inclusive).")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = InstitutionObservation
        fields = [
            "state",
            "indicator",
            "status",
            "observed_on",
            "confidence",
            "updated_since",
        ]


class EngagementFilter(django_filters.FilterSet):
    state = state_filter()
    kind = choice_filter("kind", EngagementKind.choices, _("The kind of engagement."))
    vote = choice_filter("vote", Vote.choices, _("How the state voted (recorded votes only)."))
    date = django_filters.DateFromToRangeFilter(
        help_text=_("date_after and date_before (YYYY-MM-DD, inclusive) bound the date.")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Engagement
        fields = ["state", "kind", "vote", "date", "confidence", "updated_since"]


class NationalMechanismFilter(django_filters.FilterSet):
    state = state_filter()
    kind = choice_filter("kind", MechanismKind.choices, _("The kind of mechanism."))
    date = django_filters.DateFromToRangeFilter(
        help_text=_("date_after and date_before (YYYY-MM-DD, inclusive) bound the date.")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = NationalMechanism
        fields = ["state", "kind", "date", "confidence", "updated_since"]


class RegionalEventFilter(django_filters.FilterSet):
    body = choice_filter("body", RegionalBody.choices, _("The ASEAN body."))
    kind = choice_filter("kind", RegionalEventKind.choices, _("The kind of event."))
    date = django_filters.DateFromToRangeFilter(
        help_text=_("date_after and date_before (YYYY-MM-DD, inclusive) bound the date.")
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = RegionalEvent
        fields = ["body", "kind", "date", "confidence", "updated_since"]


class TargetListField(CodeListField):
    """UPR targets: treaty keys, nhri, focal_point or law:<category>; each must exist."""

    def clean(self, value):
        if not value:
            return None
        others = [code for code in value if code.strip().lower() in NON_TREATY_TARGETS]
        treaties = super().clean([code for code in value if code not in others]) or []
        return list(dict.fromkeys([*(code.strip().lower() for code in others), *treaties]))


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TargetListFilter(CodeListFilter):
    field_class = TargetListField


class CycleListField(forms.Field):
    """UPR cycles as whole numbers from 1, e.g. `1,2` (or the parameter repeated)."""

    widget = ListWidget

    def clean(self, value):
        if not value:
            return None
        bad = [item for item in value if not (item.isascii() and item.isdigit()) or len(item) > 2]
        if bad or any(int(item) < 1 for item in value):
            raise forms.ValidationError(
                _("UPR cycles are whole numbers from 1, e.g. 1,2; not %(values)s."),
                code="invalid",
                params={"values": ", ".join(bad or value)},
            )
        return sorted({int(item) for item in value})


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class CycleListFilter(django_filters.Filter):
    field_class = CycleListField

    def __init__(self, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(**kwargs)


class UprRecommendationFilter(django_filters.FilterSet):
    """UPR recommendations and pledges. `follow_through` is derived on `as_of` (see
    commitments.promises), so the view applies it; `as_of` keeps the recommendations made by then.
    """

    state = state_filter()
    target = TargetListFilter(
        field_name="target",
        queryset=Treaty.objects.all(),
        to_field="key",
        normalise=str.lower,
        noun=_("target"),
        help_text=_(
            "Targets, comma-separated or the parameter repeated: treaty keys, nhri, focal_point "
            "or law:<category>, e.g. rome_statute_1998,nhri."
        ),
    )
    response = choice_filter("response", UprResponse.choices, _("The state's response."))
    cycle = CycleListFilter(
        field_name="cycle",
        help_text=_("UPR cycles, comma-separated or the parameter repeated, e.g. 1,2."),
    )
    as_of = django_filters.DateFilter(
        method="made_by",
        help_text=_(
            "The date to derive follow-through on, YYYY-MM-DD from 1945-01-01 to today; default "
            "today. Only recommendations made by then are listed."
        ),
    )
    follow_through = choice_filter(
        None, FollowThrough.choices, _("What followed, on as_of."), method="computed"
    )
    confidence = confidence_filter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = UprRecommendation
        fields = [
            "state",
            "target",
            "response",
            "cycle",
            "as_of",
            "follow_through",
            "confidence",
            "updated_since",
        ]
        form = AsOfForm

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields["as_of"] = AsOfForm.base_fields["as_of"]
        return form_class

    def filter_queryset(self, queryset):
        # `as_of` defaults to today, and the recommendations made after it are not listed.
        return super().filter_queryset(queryset).made_by(self.form.cleaned_data["as_of"])

    def made_by(self, queryset, name, value):
        return queryset

    def computed(self, queryset, name, value):
        return queryset


class ScoreFilter(django_filters.FilterSet):
    """Each state's scores on `as_of` under `method`. Only `state` narrows the states queried;
    the date and the method are read by the view from `form.cleaned_data`."""

    state = state_filter("iso3")
    as_of = django_filters.DateFilter(
        method="computed",
        help_text=_("The date to answer for, YYYY-MM-DD from 1945-01-01 to today; default today."),
    )
    method = django_filters.CharFilter(
        method="computed",
        help_text=_("A published scoring method, e.g. 1.0 or 2.0; default the current method."),
    )
    updated_since = UpdatedSinceFilter(
        field_name=None,
        method="computed",
        help_text=_("Only states any of whose facts changed at or after this ISO 8601 date-time."),
    )

    class Meta:
        model = State
        fields = ["state", "as_of", "method", "updated_since"]
        form = ScoreForm

    def get_form_class(self):
        # The date and the method are ScoreForm's own fields (formats, ranges and messages).
        form_class = super().get_form_class()
        for name in ("as_of", "method"):
            form_class.base_fields[name] = ScoreForm.base_fields[name]
        return form_class

    def computed(self, queryset, name, value):
        return queryset


class PanelForm(forms.Form):
    """The years of a panel: from `start` to `end`, 1945 to this year (default: all of them)."""

    start = forms.IntegerField(
        required=False,
        help_text=_("The first year, from 1945; default 1945."),
        error_messages={"invalid": _("Enter a year as YYYY, e.g. 1990.")},
    )
    end = forms.IntegerField(
        required=False,
        help_text=_("The last year, up to this year; default this year."),
        error_messages={"invalid": _("Enter a year as YYYY, e.g. 2026.")},
    )
    method = ScoreForm.base_fields["method"]

    def clean(self):
        cleaned = super().clean()
        this_year = timezone.localdate().year
        if self.errors:
            return cleaned
        start = cleaned.get("start") or EARLIEST_AS_OF.year
        end = cleaned.get("end") or this_year
        for name, year in (("start", start), ("end", end)):
            if not EARLIEST_AS_OF.year <= year <= this_year:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Choose a year from %(first)d to %(last)d."),
                        code="out_of_range",
                        params={"first": EARLIEST_AS_OF.year, "last": this_year},
                    ),
                )
        if not self.errors and start > end:
            self.add_error(
                "end",
                forms.ValidationError(
                    _("end (%(end)d) is before start (%(start)d)."),
                    code="order",
                    params={"start": start, "end": end},
                ),
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


def _indicator_choices() -> list[tuple[str, str]]:
    keys = dict.fromkeys(i.key for m in scoring.METHODS for i in m.indicators)
    return [(key, key) for key in keys]


class PanelFilter(django_filters.FilterSet):
    """The panel's states, indicators, groups, years and method. Only `state` is a database
    lookup; the rest are validated here and read by the view from `form.cleaned_data`."""

    state = state_filter("iso3")
    indicator = choice_filter(
        None,
        _indicator_choices(),
        _("Indicator keys, e.g. rome_statute_1998,nhri."),
        method="computed",
    )
    group = choice_filter(
        None,
        [(group.key, group.label) for group in scoring.CURRENT.groups],
        _("Group keys, e.g. atrocity_crimes,institutions."),
        method="computed",
    )
    start = django_filters.NumberFilter(
        method="computed", help_text=_("The first year, from 1945.")
    )
    end = django_filters.NumberFilter(
        method="computed", help_text=_("The last year; default this year.")
    )
    method = django_filters.CharFilter(
        method="computed",
        help_text=_("A published scoring method, e.g. 1.0 or 2.0; default the current method."),
    )

    class Meta:
        model = State
        fields = ["state", "indicator", "group", "start", "end", "method"]
        form = PanelForm

    def get_form_class(self):
        form_class = super().get_form_class()
        for name in ("start", "end", "method"):
            form_class.base_fields[name] = PanelForm.base_fields[name]
        return form_class

    def computed(self, queryset, name, value):
        return queryset


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
    status = choice_filter(None, Status.choices, _("The derived status."), method="computed")
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


class DeletionFilter(django_filters.FilterSet):
    """Rows deleted from the collections; the view reads the values from `form.cleaned_data`,
    because deletions are read from the history tables, not from a model of their own."""

    since = UpdatedSinceFilter(
        field_name=None,
        method="computed",
        help_text=_(
            "Only rows deleted at or after this ISO 8601 date-time, e.g. 2026-11-20T00:00:00Z."
        ),
    )
    resource = choice_filter(
        None, Resource.choices, _("The collection the row was listed in."), method="computed"
    )

    def computed(self, queryset, name, value):
        return queryset


class ChangesForm(forms.Form):
    """The filters of the public changes log: a state, a treaty, a kind of fact and a period.

    The state and treaty choices are read once each (two queries), whatever is chosen.
    """

    state = forms.ChoiceField(label=_("State"), required=False)
    treaty = forms.ChoiceField(label=_("Treaty"), required=False)
    kind = forms.ChoiceField(label=_("Kind of fact"), required=False)
    since = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"placeholder": "YYYY-MM-DD", "size": 10}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2026-01-01.")},
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"placeholder": "YYYY-MM-DD", "size": 10}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2026-12-31.")},
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, StrOrPromise]] = [("", _("All"))]
        self.states = {s.iso3.lower(): s for s in State.objects.only("pk", "iso3", "short_name")}
        self.treaties = {t.key: t for t in Treaty.objects.only("pk", "key", "short_name")}
        cast(forms.ChoiceField, self.fields["state"]).choices = everything + [
            (code, local_name(s.short_name))
            for code, s in sorted(self.states.items(), key=_by_name)
        ]
        cast(forms.ChoiceField, self.fields["treaty"]).choices = everything + [
            (key, local_name(t.short_name))
            for key, t in sorted(self.treaties.items(), key=_by_name)
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [*everything, *kinds]

    def clean_state(self) -> State | None:
        return self.states.get(self.cleaned_data["state"])

    def clean_treaty(self) -> Treaty | None:
        return self.treaties.get(self.cleaned_data["treaty"])

    def clean(self) -> dict:
        cleaned = super().clean() or self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period cannot come before its start."))
        return cleaned


def _by_name(item: tuple) -> str:
    return item[1].short_name
