"""The researchers' admin: every fact with its source, its history, and a data-quality report.

Researchers work country by country, so the state page holds the state's actions, observations,
focal points, institutions and laws inline, and shows the status they add up to today. Every change
form has an optional "reason for this change" that is kept in the history beside the user and time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.paginator import Paginator
from django.db import router, transaction
from django.db.models import DateField, DateTimeField, ForeignKey, Model
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from commitments import concurrency, history, quality, review, roles, scoring
from commitments.dates import partial
from commitments.models import (
    FACT_MODELS,
    Accreditation,
    Engagement,
    Fact,
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
from commitments.vocabularies import WEAK_SOURCE_KINDS, Precision, ReviewStatus, SourceKind

admin.site.site_header = _("R2P Tracker: research")
admin.site.site_title = _("R2P Tracker research")
admin.site.index_title = _("Facts, sources and data quality")

CHANGE_REASON = "change_reason"
VERSION = "row_version"
CONFIRM_ISO3 = "confirm_iso3"


class VersionedForm(forms.ModelForm):
    """A form that refuses to save a row changed by someone else since the form was drawn.

    The form carries the row's version (commitments/concurrency.py) in a hidden field; on save
    the row is locked, and if its version has moved the save is refused with what changed
    meanwhile, by whom. An inline row is checked when it is changed or deleted (the others are
    not saved); the page's own object always, since the admin saves it whole.
    """

    always_checked = False
    # The version of the row as it is now, when the form shows another one (a revert).
    drawn_version: str | None = None

    row_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION].initial = self.drawn_version or concurrency.row_version(
                self.instance
            )

    @cached_property
    def changed_data(self) -> list[str]:
        # A stale page's version differs from the row's; that alone changes nothing.
        return [name for name in super().changed_data if name != VERSION]

    def clean(self) -> dict:
        cleaned = super().clean() or self.cleaned_data
        self._day_precision_for_full_dates(cleaned)
        sent = cleaned.get(VERSION)
        if self.instance.pk is None or not sent:
            return cleaned
        if not (self.always_checked or self.has_changed()):
            return cleaned
        current = concurrency.locked_version(self.instance)
        sent_version = concurrency.parse_version(sent)
        if current is None or current == sent_version:
            # A row deleted meanwhile is reported by the admin itself.
            return cleaned
        raise ValidationError(self.conflict(sent_version))

    def _day_precision_for_full_dates(self, cleaned: dict) -> None:
        # The date box takes a whole date, so a date entered with the precision left at
        # "unknown" (the default of a new source, e.g. one added from a fact's pop-up) is a day.
        for name in self.fields:
            precision = f"{name}_precision"
            if (
                cleaned.get(name) is not None
                and precision in self.fields
                and cleaned.get(precision) in ("", Precision.UNKNOWN)
            ):
                cleaned[precision] = Precision.DAY
                data = cast(QueryDict, self.data).copy()
                data[self.add_prefix(precision)] = Precision.DAY
                self.data = data

    def conflict(self, since) -> list[ValidationError]:
        """The refusal, with each change made since the form was drawn."""
        model = type(self.instance)
        errors = [
            ValidationError(
                _(
                    "Someone else changed this %(model)s after you opened this page, so your "
                    "changes to it were not saved. Open the page again to start from the "
                    "current values; what you entered is still below."
                ),
                code="stale",
                params={"model": model._meta.verbose_name},
            )
        ]
        for change in concurrency.changes_since(model, self.instance.pk, since):
            fields = "; ".join(
                f"{item.field}: {item.old} → {item.new}" for item in change.fields
            ) or _("no field you can edit")
            errors.append(
                ValidationError(
                    _("%(when)s UTC, %(user)s changed %(fields)s"),
                    code="changed_meanwhile",
                    params={
                        "when": f"{change.at.astimezone(datetime.UTC):%Y-%m-%d %H:%M}",
                        "user": change.user or _("the data loader"),
                        "fields": fields,
                    },
                )
            )
        return errors


class ChangeReasonForm(VersionedForm):
    """A model form with an optional reason that is saved in the history with the change."""

    always_checked = True

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=100,
        help_text=_(
            "Optional. Kept in the history beside your name, e.g. 'corrected from the UNTC "
            "record of 2026-11-01'."
        ),
    )


def _warn(request: HttpRequest, fact: Model) -> None:
    """Shows what a saved fact's `warnings()` say: things to check that are not errors."""
    for warning in getattr(fact, "warnings", list)():
        messages.warning(request, f"{fact}: {warning}")


def _field_errors(
    form: forms.BaseForm, where: StrOrPromise, with_form_errors: bool
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            if with_form_errors:
                rows.append({"where": where, "field": "", "messages": errors, "anchor": ""})
            continue
        field = form.fields.get(name)
        rows.append(
            {
                "where": where,
                "field": field.label if field is not None and field.label else name,
                "messages": errors,
                "anchor": f"id_{form.add_prefix(name)}",
            }
        )
    return rows


def error_summary(form: forms.BaseForm, formsets: list) -> list[dict]:
    """Every error of a change page, each with where it is (the form, or an inline row), the
    field's label and a link to the field, for the summary at the top of the page. The form's
    own errors that name no field are shown at the top already."""
    rows = _field_errors(form, _("This page"), with_form_errors=False)
    for formset in formsets:
        name = capfirst(formset.model._meta.verbose_name_plural)
        for message in formset.non_form_errors():
            rows.append({"where": name, "field": "", "messages": [message], "anchor": ""})
        for index, row in enumerate(formset.forms):
            if not row.errors:
                continue
            label = str(row.instance) if row.instance.pk else _("new row")
            where = _("%(kind)s, row %(row)d (%(label)s)") % {
                "kind": name,
                "row": index + 1,
                "label": label,
            }
            for item in _field_errors(row, where, with_form_errors=True):
                item["anchor"] = item["anchor"] or f"{formset.prefix}-{index}"
                rows.append(item)
    return rows


def iso_date_column(model: type[Model], name: str):
    """A list column showing a date as YYYY-MM-DD, or as much of it as its precision knows
    (YYYY-MM, YYYY), whatever the reader's locale."""
    field = model._meta.get_field(name)
    precision = f"{name}_precision"
    has_precision = any(f.name == precision for f in model._meta.concrete_fields)

    @admin.display(description=getattr(field, "verbose_name", name), ordering=name)
    def column(obj: Model) -> str | None:
        value = getattr(obj, name)
        if has_precision:
            return str(partial(value, getattr(obj, precision)) or _("unknown"))
        return value.isoformat() if value is not None else None

    column.__name__ = name
    return column


def change_url(fact: Model) -> str:
    """The admin page where a fact is edited."""
    opts = fact._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])


class AutocompleteSelect(admin_widgets.AutocompleteSelect):
    """Django's autocomplete widget, safe to re-render with a value that is not a key.

    Django's own widget looks the posted value up to show it again beside the form's error, and a
    value such as "abc" for a numeric key fails that lookup with a server error. Such a value is
    left out; the form still reports it as an invalid choice.

    It also shows an object its form already loaded (`known`, by key) without looking it up
    again: an inline row's treaty and source come with the row, so a state page with hundreds of
    rows costs no query per widget.
    """

    known: dict[str, Model]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = {}

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        selected = {str(v) for v in valid if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, valid, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(self.known[key])
            options.append(self.create_option(name, key, label, selected, len(options)))
        return [(None, options, 0)]


class SafeAutocomplete:
    """Uses the AutocompleteSelect above for the admin's `autocomplete_fields`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _primary_key_or_404(model: type[Model], value: str) -> None:
    """A 404 for an address whose id could not be any row's (simple-history's views would query
    with it and fail)."""
    try:
        model._meta.pk.to_python(value)
    except ValidationError as exc:
        raise Http404 from exc


class FactAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """History-keeping admin; the change reason applies to the object and its inline rows."""

    form = ChangeReasonForm
    list_per_page = 50

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> list:
        fieldsets = [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in (CHANGE_REASON, VERSION)],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]
        if issubclass(self.model, Fact) and obj is not None:
            fieldsets = [*fieldsets, (_("Review"), {"fields": ["review_summary"]})]
        if not self.has_change_permission(request, obj) and obj is not None:
            return fieldsets
        return [*fieldsets, (_("History"), {"fields": [CHANGE_REASON, VERSION]})]

    def get_list_display(self, request: HttpRequest) -> list:
        # Dates read the same in every list: YYYY-MM-DD, not the locale's "Nov. 30, 2026".
        columns = []
        for column in super().get_list_display(request):
            field = self._model_field(column) if isinstance(column, str) else None
            is_date = isinstance(field, DateField) and not isinstance(field, DateTimeField)
            columns.append(iso_date_column(self.model, column) if is_date else column)
        return [*columns, "review_display"] if issubclass(self.model, Fact) else columns

    def _model_field(self, name: str):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    object_history_list_template = "admin/commitments/history_list.html"
    history_list_per_page = 100

    def history_entries(self, object_id: str) -> list[history.Entry]:
        """What the History page lists: the changes to the row, newest first."""
        return history.of_row(self.model, object_id)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The History page lists `history_entries`, which carry their changes already.
        return None

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None):
        fields = super().get_readonly_fields(request, obj)
        if issubclass(self.model, Fact) and obj is not None:
            return [*fields, "review_summary"]
        return fields

    @admin.display(description=_("review"))
    def review_summary(self, obj: Fact) -> StrOrPromise:
        """Where the fact stands in review, and the change waiting beside the published one."""
        if obj.review_status == ReviewStatus.REJECTED:
            return _("Rejected: %(reason)s") % {"reason": obj.review_note}
        if not obj.is_awaiting_review:
            return _("Published.")
        proposed = "; ".join(
            f"{getattr(obj._meta.get_field(name), 'verbose_name', name)}: {value}"
            for name, value in obj.proposed_changes.items()
        )
        if obj.is_published:
            return _(
                "Published; a change waits for an Editor's review (shown above: the published "
                "values): %(changes)s"
            ) % {"changes": proposed}
        return _("Pending: waits for an Editor's review before it is published.")

    def history_view(self, request, object_id, extra_context=None):
        _primary_key_or_404(self.model, object_id)
        paginator = Paginator(self.history_entries(object_id), self.history_list_per_page)
        page = paginator.get_page(request.GET.get(PAGE_VAR))
        context = {
            **(extra_context or {}),
            "entries": page,
            "entry_pages": paginator.get_elided_page_range(page.number),
        }
        return super().history_view(request, object_id, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _primary_key_or_404(self.model, object_id)
        _primary_key_or_404(self.model.history.model, version_id)
        # A revert changes the row as it is now, so its form carries the row's current version.
        current = self.model._default_manager.filter(pk=object_id).first()
        request.drawn_version = concurrency.row_version(current) if current else ""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        drawn = getattr(request, "drawn_version", None)
        if drawn is None:
            return form
        return type(form.__name__, (form,), {"drawn_version": drawn})

    def render_change_form(self, request, context, *args, **kwargs):
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        context["error_summary"] = error_summary(context["adminform"].form, formsets)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get(CHANGE_REASON) or None
        if isinstance(obj, Fact):
            _submit(request, obj, reason)
        else:
            obj._change_reason = reason
            super().save_model(request, obj, form, change)
        _warn(request, obj)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get(CHANGE_REASON) or None
        if issubclass(formset.model, Fact):
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                obj._history_user = request.user
                obj._change_reason = reason
                obj.delete()
            for instance in instances:
                _submit(request, instance, reason)
            formset.save_m2m()
        else:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
            super().save_formset(request, form, formset, change)
        for instance in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
            _warn(request, instance)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return [*filters, "review_status"] if issubclass(self.model, Fact) else filters

    @admin.display(description=_("review"), ordering="review_status")
    def review_display(self, obj: Fact) -> StrOrPromise:
        if obj.is_published and obj.proposed_at is not None:
            return _("published; a change is pending")
        return obj.get_review_status_display()


def _submit(request: HttpRequest, fact: Fact, reason: str | None) -> None:
    """Saves a fact from the admin: published, or pending with a message saying so."""
    fact.submit(request.user, reason)
    if not fact.is_published or fact.proposed_at is not None:
        messages.info(
            request,
            _("%(fact)s waits for an Editor's review; the published data is unchanged until then.")
            % {"fact": fact},
        )


class LoadedChoicesFormSet(BaseInlineFormSet):
    """Hands each row's already loaded related objects (its treaty, its source) to the row's
    autocomplete widgets, so that showing them costs no query."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            widget = getattr(field, "widget", None)
            if not isinstance(widget, AutocompleteSelect):
                continue
            model_field = form.instance._meta.get_field(name)
            related = model_field.get_cached_value(form.instance, default=None)
            if related is not None:
                widget.known = {str(related.pk): related}
        return form


class FactInline(SafeAutocomplete, admin.TabularInline):
    """A compact row per fact; notes and long texts are edited on the fact's own page.

    Each inline loads its rows with their sources (and treaties), which the row's widgets show.
    """

    extra = 0
    form = VersionedForm
    formset = LoadedChoicesFormSet
    related = ["state", "source"]
    autocomplete_fields = ["source"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if not self.has_change_permission(request, obj):
            # Shown, not edited: no save to check.
            return [name for name in fields if name != VERSION]
        return [*fields, VERSION] if VERSION not in fields else fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Inline rows leave out the add/change/delete icons beside each related field: a state
        # page holds hundreds of them, and the source and treaty pages are a click away.
        if isinstance(db_field, ForeignKey):
            return self.formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# The state page and its inlines.


class TreatyActionInline(FactInline):
    model = TreatyAction
    fields = [
        "treaty",
        "action",
        "date",
        "date_precision",
        "effective_on",
        "confidence",
        "source",
    ]
    autocomplete_fields = ["treaty", "source"]
    related = ["state", "treaty", "source"]


class StatusObservationInline(FactInline):
    model = StatusObservation
    fields = ["treaty", "status", "observed_on", "observed_on_precision", "confidence", "source"]
    autocomplete_fields = ["treaty", "source"]
    related = ["state", "treaty", "source"]


class FocalPointInline(FactInline):
    model = FocalPoint
    fields = [
        "office",
        "person_name",
        "designated_on",
        "designated_on_precision",
        "ended_on",
        "network",
        "source",
    ]


class NHRIInline(FactInline):
    """Accreditations are edited on the institution's own page: follow the change link."""

    model = NationalHumanRightsInstitution
    fields = ["name", "acronym", "established_on", "source"]
    verbose_name_plural = _(
        "national human rights institutions (open one to edit its GANHRI accreditations)"
    )


class LawInline(FactInline):
    model = Law
    fields = ["title", "number", "enacted_on", "enacted_on_precision", "category", "source"]


class InstitutionObservationInline(FactInline):
    """Sourced statements about the NHRI, the focal point, the Group of Friends and laws,
    including their absence ("no accredited NHRI as of 2023")."""

    model = InstitutionObservation
    fields = [
        "indicator",
        "status",
        "observed_on",
        "observed_on_precision",
        "confidence",
        "source",
    ]


@admin.register(State)
class StateAdmin(FactAdmin):
    list_display = ["iso3", "short_name", "official_name", "asean_admission_date", "source"]
    list_display_links = ["iso3", "short_name"]
    list_select_related = ["source"]
    search_fields = ["iso3", "iso2", "short_name", "official_name"]
    date_hierarchy = "asean_admission_date"
    autocomplete_fields = ["source"]
    readonly_fields = ["status_today"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("iso3", "iso2"),
                    "short_name",
                    "official_name",
                    "asean_admission_date",
                    "source",
                    "notes",
                ]
            },
        ),
        (_("Status today"), {"fields": ["status_today"]}),
    ]
    inlines = [
        TreatyActionInline,
        StatusObservationInline,
        FocalPointInline,
        NHRIInline,
        LawInline,
        InstitutionObservationInline,
    ]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # A state is deleted from its own page only, where the deletion is confirmed by name.
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        """Deleting a state deletes every fact about it: the page lists them, and the Editor
        confirms by typing the state's ISO code."""
        _primary_key_or_404(self.model, object_id)
        state = State.objects.filter(pk=object_id).first()
        facts = state.fact_counts() if state is not None else {}
        context = {**(extra_context or {}), "state_facts": facts}
        if facts and request.method == "POST":
            typed = request.POST.get(CONFIRM_ISO3, "").strip().upper()
            if typed != state.iso3:
                context["confirmation_error"] = _(
                    "Type %(iso3)s in the box to confirm that every fact listed goes too."
                ) % {"iso3": state.iso3}
                # Unconfirmed: the confirmation page again, nothing deleted.
                request.POST = QueryDict()
        return super().delete_view(request, object_id, context)

    def history_entries(self, object_id: str) -> list[history.Entry]:
        # A state's History page lists the changes to every fact about it too.
        state = State.objects.filter(pk=object_id).first()
        if state is None:
            return super().history_entries(object_id)
        return history.of_state(state)

    def get_urls(self):
        view = self.admin_site.admin_view(self.data_quality_view)
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("data-quality/", view, name="commitments_data_quality"),
            path("review/", review, name="commitments_review"),
            *super().get_urls(),
        ]

    def review_view(self, request: HttpRequest) -> HttpResponse:
        """The review queue: what waits for an Editor, field by field, by whom, with the source.

        Editors approve or reject (with a reason) each item; both go into the fact's history.
        Queries: one per kind of fact, and one per kind of row that proposals name.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        reviewer = roles.can_review(request.user)
        if request.method == "POST":
            if not reviewer:
                raise PermissionDenied
            return self._review_decision(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review queue"),
            "opts": self.model._meta,
            "queue": review.pending(),
            "reviewer": reviewer,
        }
        return TemplateResponse(request, "admin/commitments/review_queue.html", context)

    def _review_decision(self, request: HttpRequest) -> HttpResponse:
        model = next(
            (m for m in review.REVIEWED_MODELS if m._meta.model_name == request.POST.get("model")),
            None,
        )
        try:
            pk = int(request.POST.get("pk", ""))
        except ValueError:
            pk = None
        fact = None if model is None or pk is None else model.objects.filter(pk=pk).first()
        decision = request.POST.get("decision")
        if fact is None or decision not in ("approve", "reject"):
            messages.error(request, _("That fact is no longer waiting for review."))
            return HttpResponseRedirect(reverse("admin:commitments_review"))
        label = str(fact)
        try:
            with transaction.atomic():
                if decision == "approve":
                    fact.approve(request.user, request.POST.get("reason", "").strip())
                else:
                    fact.reject(request.user, request.POST.get("reason", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{label}: {message}")
        else:
            done = _("Published") if decision == "approve" else _("Rejected")
            messages.success(request, f"{done}: {label}")
        return HttpResponseRedirect(reverse("admin:commitments_review"))

    @admin.display(description=_("status to each treaty"))
    def status_today(self, obj: State | None) -> StrOrPromise:
        """Per treaty, the status today with its evidence; eight queries whatever the data."""
        if obj is None or obj.pk is None:
            return _("Shown once the state is saved.")
        today = timezone.localdate()
        state = State.objects.for_scorecard().get(pk=obj.pk)
        treaties = list(Treaty.objects.select_related("source"))
        rows = quality.cells([state], treaties, today)
        return render_to_string(
            "admin/commitments/state/status_today.html", {"cells": rows, "today": today}
        )

    def data_quality_view(self, request: HttpRequest) -> HttpResponse:
        """Unknown cells, contradictions and stale facts, each linked to where it is edited."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        months = settings.STALE_SOURCE_MONTHS
        cutoff = quality.months_before(today, months)
        # Queries: the seven of for_scorecard() and one for the treaties with their sources.
        states = list(State.objects.for_scorecard())
        treaties = list(Treaty.objects.select_related("source"))
        cells = list(quality.cells(states, treaties, today))
        facts = list(quality.facts(states, treaties))
        stale_by_model: defaultdict[type[Model], list] = defaultdict(list)
        for stale in quality.stale_facts(facts, cutoff):
            stale_by_model[type(stale.fact)].append((stale, change_url(stale.fact)))
        weak_by_model: defaultdict[type[Model], list] = defaultdict(list)
        for fact in quality.weakly_sourced(facts):
            weak_by_model[type(fact)].append((fact, change_url(fact)))
        stale_groups = [
            (model._meta.verbose_name_plural, stale_by_model[model])
            for model in FACT_MODELS
            if stale_by_model[model]
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Data quality"),
            "opts": self.model._meta,
            "today": today,
            "months": months,
            "cutoff": cutoff,
            "unknown": [(cell, change_url(cell.state)) for cell in quality.unknown_cells(cells)],
            # A contradiction, here and below, is an observation row, never None.
            "contradictions": [
                (cell, change_url(cast(Model, cell.participation.contradiction)))
                for cell in quality.contradictory_cells(cells)
            ],
            "stale_groups": stale_groups,
            "stale_count": sum(len(rows) for _name, rows in stale_groups),
            "weak_groups": [
                (model._meta.verbose_name_plural, weak_by_model[model])
                for model in FACT_MODELS
                if weak_by_model[model]
            ],
            "weak_count": sum(len(rows) for rows in weak_by_model.values()),
            "weak_kinds": [SourceKind(kind).label for kind in sorted(WEAK_SOURCE_KINDS)],
            "unsigned": [
                (action, change_url(action)) for action in quality.unsigned_consents(states)
            ],
            "institution_contradictions": [
                (found, change_url(cast(Model, found.result.contradiction)))
                for found in quality.institution_contradictions(
                    states, scoring.scored_treaties(treaties), today
                )
            ],
        }
        return TemplateResponse(request, "admin/commitments/data_quality.html", context)


# One list per fact model.


@admin.register(Source)
class SourceAdmin(FactAdmin):
    list_display = ["label", "publisher", "kind", "as_of_display", "url"]
    list_filter = ["kind", "as_of_precision"]
    search_fields = ["url", "title", "publisher", "origin_url", "origin_title"]
    fieldsets = [
        (None, {"fields": ["url", "title", "publisher", "kind"]}),
        (_("The date it speaks for"), {"fields": [("as_of", "as_of_precision")]}),
        (_("For a copy of another document"), {"fields": ["origin_url", "origin_title"]}),
        (None, {"fields": ["notes"]}),
    ]
    date_hierarchy = "as_of"

    @admin.display(description=_("title"), ordering="title")
    def label(self, obj: Source) -> str:
        return obj.label

    @admin.display(description=_("speaks for"), ordering="as_of")
    def as_of_display(self, obj: Source) -> str:
        return str(obj.partial_as_of or _("unknown"))


@admin.register(Treaty)
class TreatyAdmin(FactAdmin):
    list_display = ["short_name", "key", "category", "adopted_on", "entry_into_force_on"]
    list_filter = ["category"]
    list_select_related = ["source"]
    search_fields = ["key", "short_name", "title", "untc_ref"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["source"]


@admin.register(TreatyAction)
class TreatyActionAdmin(FactAdmin):
    list_display = ["state", "treaty", "action", "date_display", "effective_on", "source"]
    list_filter = [
        "state",
        "treaty",
        "action",
        "treaty__category",
        "date_precision",
        "confidence",
    ]
    list_select_related = ["state", "treaty", "source"]
    search_fields = [
        "state__iso3",
        "state__short_name",
        "treaty__key",
        "treaty__short_name",
        "notes",
        "source__url",
        "source__title",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["state", "treaty", "source"]
    fieldsets = [
        (None, {"fields": ["state", "treaty", "action"]}),
        (_("Dates"), {"fields": [("date", "date_precision"), "effective_on"]}),
        (None, {"fields": ["reservations", "source", "confidence", "notes"]}),
    ]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: TreatyAction) -> str:
        return obj.partial_date.isoformat()


@admin.register(StatusObservation)
class StatusObservationAdmin(FactAdmin):
    list_display = ["state", "treaty", "status", "observed_display", "source"]
    list_filter = [
        "state",
        "treaty",
        "status",
        "treaty__category",
        "observed_on_precision",
        "confidence",
    ]
    list_select_related = ["state", "treaty", "source"]
    search_fields = ["state__iso3", "state__short_name", "treaty__key", "treaty__short_name"]
    date_hierarchy = "observed_on"
    autocomplete_fields = ["state", "treaty", "source"]

    @admin.display(description=_("as of"), ordering="observed_on")
    def observed_display(self, obj: StatusObservation) -> str:
        return str(obj.partial_observed_on or _("unknown"))


@admin.register(FocalPoint)
class FocalPointAdmin(FactAdmin):
    list_display = ["state", "office", "person_name", "designated_on", "ended_on", "network"]
    list_filter = ["state", "network", "designated_on_precision", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["state__iso3", "state__short_name", "office", "person_name"]
    date_hierarchy = "designated_on"
    autocomplete_fields = ["state", "source"]


class AccreditationInline(FactInline):
    model = Accreditation
    fields = ["status", "decided_on", "decided_on_precision", "source", "notes"]
    related = ["nhri__state", "source"]


@admin.register(NationalHumanRightsInstitution)
class NationalHumanRightsInstitutionAdmin(FactAdmin):
    list_display = ["acronym", "name", "state", "established_on"]
    list_filter = ["state", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["acronym", "name", "state__iso3", "state__short_name"]
    date_hierarchy = "established_on"
    autocomplete_fields = ["state", "source"]
    inlines = [AccreditationInline]


@admin.register(Accreditation)
class AccreditationAdmin(FactAdmin):
    list_display = ["nhri", "status", "decided_display", "source"]
    list_filter = ["nhri__state", "status", "decided_on_precision", "confidence"]
    list_select_related = ["nhri__state", "source"]
    search_fields = ["nhri__acronym", "nhri__name", "nhri__state__iso3"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["nhri", "source"]

    @admin.display(description=_("decided on"), ordering="decided_on")
    def decided_display(self, obj: Accreditation) -> str:
        return str(obj.partial_decided_on or _("unknown"))


@admin.register(InstitutionObservation)
class InstitutionObservationAdmin(FactAdmin):
    list_display = ["state", "indicator", "status", "observed_display", "confidence", "source"]
    list_filter = ["state", "indicator", "status", "observed_on_precision", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["state__iso3", "state__short_name", "notes", "source__url", "source__title"]
    date_hierarchy = "observed_on"
    autocomplete_fields = ["state", "source"]

    @admin.display(description=_("as of"), ordering="observed_on")
    def observed_display(self, obj: InstitutionObservation) -> str:
        return str(obj.partial_observed_on or _("unknown"))


@admin.register(Law)
class LawAdmin(FactAdmin):
    list_display = ["title", "state", "number", "enacted_display", "category"]
    list_filter = ["state", "category", "enacted_on_precision", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["title", "number", "state__iso3", "state__short_name"]
    date_hierarchy = "enacted_on"
    autocomplete_fields = ["state", "source"]

    @admin.display(description=_("enacted on"), ordering="enacted_on")
    def enacted_display(self, obj: Law) -> str:
        return str(obj.partial_enacted_on or _("unknown"))


class DatedEventAdmin(FactAdmin):
    date_hierarchy = "date"

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Engagement | NationalMechanism | RegionalEvent) -> str:
        return str(obj.partial_date or _("unknown"))


@admin.register(Engagement)
class EngagementAdmin(DatedEventAdmin):
    list_display = ["state", "kind", "date_display", "title", "vote", "confidence"]
    list_filter = ["state", "kind", "vote", "date_precision", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["title", "state__iso3", "state__short_name", "notes", "source__url"]
    autocomplete_fields = ["state", "source"]
    fieldsets = [
        (None, {"fields": ["state", "kind", "title", ("date", "date_precision"), "vote", "url"]}),
        (None, {"fields": ["source", "confidence", "notes"]}),
    ]


@admin.register(NationalMechanism)
class NationalMechanismAdmin(DatedEventAdmin):
    list_display = ["state", "kind", "date_display", "title", "confidence"]
    list_filter = ["state", "kind", "date_precision", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["title", "state__iso3", "state__short_name", "notes", "source__url"]
    autocomplete_fields = ["state", "source"]


@admin.register(RegionalEvent)
class RegionalEventAdmin(DatedEventAdmin):
    list_display = ["body", "kind", "date_display", "title", "confidence"]
    list_filter = ["body", "kind", "date_precision", "confidence"]
    list_select_related = ["source"]
    search_fields = ["title", "notes", "source__url"]
    autocomplete_fields = ["source"]


@admin.register(UprRecommendation)
class UprRecommendationAdmin(FactAdmin):
    list_display = ["state", "cycle", "paragraph", "target", "response", "review_date"]
    list_filter = ["state", "cycle", "response", "target", "confidence"]
    list_select_related = ["state", "source"]
    search_fields = [
        "state__iso3",
        "state__short_name",
        "target",
        "recommendation",
        "recommending_states",
        "document",
        "paragraph",
    ]
    date_hierarchy = "review_date"
    autocomplete_fields = ["state", "source"]
    fieldsets = [
        (None, {"fields": ["state", ("cycle", "review_date"), "recommending_states"]}),
        (None, {"fields": ["recommendation", "target", ("response", "response_date")]}),
        (None, {"fields": [("document", "paragraph"), "source", "confidence", "notes"]}),
    ]
