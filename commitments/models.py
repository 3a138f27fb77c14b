"""The commitments data model: states, treaties, the dated event log and the sourced facts.

Every rule that the database can hold is a constraint; `clean()` states the same rule (and the
rules that need other rows or today's date) with a message a researcher understands. The admin, the
API and the importer all validate through `full_clean()`.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Self, cast
from urllib.parse import urlsplit

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from commitments.promises import FollowThroughResult

from commitments import roles, versioning
from commitments.dates import PartialDate, partial
from commitments.status import (
    CONFIRMING_ACTIONS,
    Participation,
    consent_before_signature,
    derive,
    status_from_events,
    unsigned_consents,
)
from commitments.validators import LONG_TEXT_VALIDATORS, MAX_LONG_TEXT, TEXT_VALIDATORS
from commitments.vocabularies import (
    OBSERVABLE_STATUSES,
    Action,
    Confidence,
    EngagementKind,
    FocalPointNetwork,
    GanhriStatus,
    IndicatorStatus,
    InstitutionIndicator,
    LawCategory,
    MechanismKind,
    ObservedStatus,
    Precision,
    RegionalBody,
    RegionalEventKind,
    ReviewStatus,
    SourceKind,
    Status,
    TreatyCategory,
    TreatyScope,
    UprResponse,
    UprTargetKind,
    Vote,
    law_target,
)

__all__ = [
    "Accreditation",
    "Engagement",
    "Fact",
    "FactQuerySet",
    "FocalPoint",
    "NationalMechanism",
    "RegionalEvent",
    "UprRecommendation",
    "InstitutionObservation",
    "Law",
    "NationalHumanRightsInstitution",
    "Source",
    "State",
    "StatusObservation",
    "Treaty",
    "TreatyAction",
    "FACT_MODELS",
    "FactModel",
]

KNOWN_PRECISIONS = [Precision.DAY, Precision.MONTH, Precision.YEAR]


def _date_precision_constraint(date_field: str, precision_field: str, name: str):
    """A date is empty exactly when its precision is `unknown`."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{precision_field}": Precision.UNKNOWN, f"{date_field}__isnull": True})
            | Q(**{f"{precision_field}__in": KNOWN_PRECISIONS, f"{date_field}__isnull": False})
        ),
        name=name,
        violation_error_message=_("Give a date with a day, month or year precision, or neither."),
    )


def _not_in_future(
    value: PartialDate | datetime.date | None, field: str, errors: dict, today: datetime.date
) -> None:
    """Adds an error on `field` when `value` is certainly after `today`."""
    if isinstance(value, datetime.date):
        value = PartialDate(value)
    if value is not None and value.is_after(PartialDate(today)):
        errors.setdefault(field, []).append(
            ValidationError(
                _("%(date)s is in the future; record facts only once they have happened."),
                code="future_date",
                params={"date": value.isoformat()},
            )
        )


def _clean_partial(
    instance: models.Model,
    date_field: str,
    precision_field: str,
    errors: dict,
    today: datetime.date,
) -> None:
    """The rules of every date known to a precision, applied in `clean()`.

    An empty date has the precision `unknown`; a date needs a day, month or year precision; a
    month- or year-precise date is stored as the first day of its period, so equal facts compare
    equal; and no such date lies in the future.
    """
    value = getattr(instance, date_field)
    precision = getattr(instance, precision_field)
    if value is None:
        setattr(instance, precision_field, Precision.UNKNOWN)
        return
    if precision not in KNOWN_PRECISIONS:
        errors.setdefault(precision_field, []).append(
            ValidationError(_("Say whether the date is a day, month or year."), code="required")
        )
        return
    setattr(instance, date_field, PartialDate(value, precision).truncated(precision))
    _not_in_future(PartialDate(getattr(instance, date_field), precision), date_field, errors, today)


def choice_label(choices: type[models.Choices], value: str) -> str:
    """The label of `value` among `choices`, or the value itself when it is not one of them.

    What Django's `get_FOO_display()` answers, without hashing (and so translating) every choice
    on each call; the models below use it for theirs.
    """
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


# PostgreSQL indexes a value of at most about 2,700 bytes; a source's address is kept well below.
MAX_URL_BYTES = 2000
# Several originals of one copy are listed in one field, separated by this.
ORIGIN_SEPARATOR = " | "


def _split_origins(value: str) -> list[str]:
    return [part.strip() for part in value.split(ORIGIN_SEPARATOR.strip())] if value else []


def validate_origin_urls(value: str) -> None:
    """Each of the ' | '-separated addresses is a URL."""
    check = URLValidator()
    for part in _split_origins(value):
        try:
            check(part)
        except ValidationError:
            raise ValidationError(
                _("%(part)s is not a URL; separate several addresses with ' | '."),
                code="invalid",
                params={"part": part},
            ) from None


class SourceQuerySet(models.QuerySet):
    def matching(self, url: str, as_of: datetime.date | None) -> SourceQuerySet:
        """The source with this address and "speaks for" date: a source's identity."""
        return self.filter(url=url, as_of=as_of) if as_of else self.filter(url=url, as_of=None)


class Source(TimestampedModel):
    """Where a fact was read: a document or page, who wrote it, and the date it speaks for.

    A source is identified by its address and its date: the same page read as of two dates is two
    sources. A copy of another document (a mirror, a scrape of a depositary's table) names the
    document it copies in `origin_url` and `origin_title`.
    """

    url = models.URLField(_("URL"), max_length=MAX_URL_BYTES, validators=TEXT_VALIDATORS)
    title = models.CharField(_("title"), max_length=500, blank=True, validators=TEXT_VALIDATORS)
    publisher = models.CharField(
        _("publisher"), max_length=300, blank=True, validators=TEXT_VALIDATORS
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SourceKind.choices,
        blank=True,
        help_text=_(
            "Who wrote it: a copy keeps its author's kind. Left empty when not yet assessed."
        ),
    )
    as_of = models.DateField(
        _("speaks for"),
        null=True,
        blank=True,
        help_text=_("The date the source speaks for: its 'as at' date, publication or scrape."),
    )
    as_of_precision = models.CharField(
        _("precision of 'speaks for'"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.UNKNOWN,
    )
    origin_url = models.CharField(
        _("original's URL"),
        max_length=4000,
        blank=True,
        validators=[*TEXT_VALIDATORS, validate_origin_urls],
        help_text=_(
            "For a copy, mirror or scrape: the address of the document it copies; several are "
            "separated by ' | '."
        ),
    )
    origin_title = models.CharField(
        _("original's title"),
        max_length=1000,
        blank=True,
        help_text=_(
            "For a copy: the document it copies, e.g. 'UN Treaty Collection, Chapter XVIII-10'; "
            "several are separated by ' | ', in the order of the addresses."
        ),
        validators=TEXT_VALIDATORS,
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["url", "as_of", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            _date_precision_constraint("as_of", "as_of_precision", "source_as_of_precision"),
            models.CheckConstraint(
                condition=Q(kind__in=[*SourceKind.values, ""]),
                name="source_kind_known",
                violation_error_message=_("Choose one of the kinds of source."),
            ),
            models.UniqueConstraint(
                fields=["url", "as_of"],
                condition=Q(as_of__isnull=False),
                name="source_unique_dated",
                violation_error_message=_(
                    "A source with this URL and 'speaks for' date is already recorded; "
                    "choose it instead of adding it again."
                ),
            ),
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(as_of__isnull=True),
                name="source_unique_undated",
                violation_error_message=_(
                    "A source with this URL and no 'speaks for' date is already recorded; "
                    "choose it instead of adding it again."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.partial_as_of})" if self.partial_as_of else self.label

    @property
    def partial_as_of(self) -> PartialDate | None:
        return partial(self.as_of, self.as_of_precision)

    @property
    def label(self) -> str:
        """The source's title, or its web site's name when it has none."""
        return self.title or urlsplit(self.url).netloc or self.url

    @property
    def is_copy(self) -> bool:
        return bool(self.origin_url or self.origin_title)

    @property
    def origins(self) -> list[tuple[str, str]]:
        """The documents a copy stands for, as (title, address) pairs; either may be empty."""
        titles, urls = _split_origins(self.origin_title), _split_origins(self.origin_url)
        count = max(len(titles), len(urls))
        titles += [""] * (count - len(titles))
        urls += [""] * (count - len(urls))
        return [
            (title or urlsplit(url).netloc or url, url)
            for title, url in zip(titles, urls, strict=True)
        ]

    @property
    def copy_label(self) -> str:
        """Who serves a copy: its publisher, or its web site."""
        return self.publisher or urlsplit(self.url).netloc or self.url

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(SourceKind, self.kind) if self.kind else ""

    def clean(self) -> None:
        errors: dict = {}
        for name in ("url", "origin_url"):
            if len(getattr(self, name).encode("utf-8")) > MAX_URL_BYTES:
                errors[name] = _("Shorten the address to %(max)d bytes or fewer.") % {
                    "max": MAX_URL_BYTES
                }
        _clean_partial(self, "as_of", "as_of_precision", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class FactQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Facts an Editor has approved (or that were loaded from the dataset files): the only
        ones that pages, anonymous API reads, feeds, the bundle and the scores show. A published
        fact with a change pending shows its published version, which its row still holds."""
        return self.filter(review_status=ReviewStatus.PUBLISHED)

    def awaiting_review(self) -> Self:
        """What an Editor has to review: new facts pending, and published facts with a change
        proposed to them, oldest proposal first."""
        return self.filter(
            Q(review_status=ReviewStatus.PENDING) | Q(proposed_at__isnull=False)
        ).order_by("proposed_at", "pk")


# Fields that record a fact's review rather than the fact: a save of these alone changes nothing
# a reader sees (it moves no data version and is no entry of the public log).
REVIEW_FIELDS = frozenset(
    {
        "review_status",
        "proposed_changes",
        "proposed_by",
        "proposed_at",
        "review_note",
        "review_only",
    }
)


class Fact(TimestampedModel):
    """A statement about a state that must name the source it was read from, and how directly
    that source records it.

    A fact is public once published. A Researcher's new fact is pending until an Editor approves
    it; a Researcher's change to a published fact is kept in `proposed_changes` (field name →
    proposed value) while the row keeps the published values, so everything that reads published
    rows (status.py, scoring, pages, the API, the bundle) never sees an unapproved value.
    """

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="%(class)s_facts",
        help_text=_("Every fact needs a source."),
    )
    confidence = models.CharField(
        _("confidence"),
        max_length=10,
        choices=Confidence.choices,
        blank=True,
        help_text=_("How directly the source records this fact; empty when not assessed."),
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )
    review_status = models.CharField(
        _("review"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
        editable=False,
        db_index=True,
    )
    proposed_changes = models.JSONField(
        _("proposed changes"), default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True, editable=False)
    review_note = models.TextField(
        _("reviewer's note"),
        blank=True,
        editable=False,
        max_length=MAX_LONG_TEXT,
        validators=LONG_TEXT_VALIDATORS,
    )
    # Whether this version (and so its history record) records only a step of the review.
    review_only = models.BooleanField(_("review step only"), default=False, editable=False)

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        self.review_only = update_fields is not None and set(update_fields) <= REVIEW_FIELDS
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "review_only"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        _remember_owner(instance)
        return instance

    @property
    def is_published(self) -> bool:
        return self.review_status == ReviewStatus.PUBLISHED

    @property
    def is_awaiting_review(self) -> bool:
        """New and pending, or published with a change proposed to it."""
        return self.review_status == ReviewStatus.PENDING or self.proposed_at is not None

    def _ensure_awaiting_review(self) -> None:
        if not self.is_awaiting_review:
            raise ValidationError(
                _("Nothing about this fact is waiting for review."), code="not_pending"
            )

    @property
    def is_public_change(self) -> bool:
        """Whether this saved version changed what readers see: a published fact's content."""
        return self.is_published and not self.review_only

    @classmethod
    def content_fields(cls) -> list[models.Field]:
        """The fields a researcher edits: everything but the keys, times and review fields."""
        return [
            f
            for f in cls._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in REVIEW_FIELDS
        ]

    def submit(
        self, user, reason: str | None = None, update_fields: Iterable[str] | None = None
    ) -> None:
        """Save this fact as added or changed by `user`.

        Published at once when `user` publishes directly (`roles.publishes_directly`). Otherwise
        a new (or not yet published) fact is saved pending; a change to a published fact is kept
        as a proposal beside the published values, which stay in place until an Editor approves.
        With `update_fields`, only those fields (and the review's own) are written, so that a
        concurrent change to another field of the row is kept.
        """
        if user is not None and user.is_authenticated:
            self._history_user = user
        self._change_reason = reason or None

        def save(*review_fields: str) -> None:
            if update_fields is None:
                self.save()
            else:
                self.save(update_fields=[*update_fields, *review_fields])

        if roles.publishes_directly(user):
            self.review_status = ReviewStatus.PUBLISHED
            self.review_note = ""
            save("review_status", "review_note")
            return
        stored = type(self)._default_manager.filter(pk=self.pk).first() if self.pk else None
        proposer = user if user is not None and user.is_authenticated else None
        if stored is None or not stored.is_published:
            self.review_status = ReviewStatus.PENDING
            self.proposed_changes, self.proposed_by, self.proposed_at = {}, proposer, timezone.now()
            self.review_note = ""
            save(*sorted(REVIEW_FIELDS - {"review_only"}))
            return
        written = None if update_fields is None else set(update_fields)
        changes = {}
        for field in self.content_fields():
            proposed, published = getattr(self, field.attname), getattr(stored, field.attname)
            proposes = written is None or field.name in written or field.attname in written
            if proposes and proposed != published:
                changes[field.name] = proposed
            # The published version stays in place until an Editor approves the change.
            setattr(self, field.attname, published)
        if not changes:
            return
        self.proposed_changes = {
            **stored.proposed_changes,
            **json.loads(json.dumps(changes, cls=DjangoJSONEncoder)),
        }
        self.proposed_by, self.proposed_at = proposer, timezone.now()
        self.save(update_fields=["proposed_changes", "proposed_by", "proposed_at"])

    def proposed_version(self) -> Fact:
        """An unsaved copy of this fact with its proposed changes applied."""
        copy = type(self)._default_manager.model(
            **{f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}
        )
        # The same row, not a new one: its own key and unique values are no conflict.
        copy._state.adding, copy._state.db = False, self._state.db
        for name, value in self.proposed_changes.items():
            field = cast(models.Field, self._meta.get_field(name))
            setattr(copy, field.attname, field.to_python(value))
        return copy

    def _clean_review_note(self, text: str, name: str) -> None:
        """Runs the reviewer's note field's validators on `text`, errors keyed by `name`."""
        try:
            cast(models.Field, self._meta.get_field("review_note")).run_validators(text)
        except ValidationError as exc:
            raise ValidationError({name: exc.messages}) from None

    def approve(self, user, note: str = "") -> None:
        """Publish this pending fact, or apply the changes proposed to it, as approved by `user`.

        The approved version is validated again (the data may have changed since the proposal);
        a ValidationError leaves the row as it was.
        """
        self._ensure_awaiting_review()
        self._clean_review_note(note, "note")
        if self.proposed_at is not None and self.is_published:
            approved = self.proposed_version()
            approved.full_clean()
            for field in self.content_fields():
                setattr(self, field.attname, getattr(approved, field.attname))
        else:
            self.full_clean()
        self.review_status = ReviewStatus.PUBLISHED
        self.proposed_changes, self.proposed_at = {}, None
        self.review_note = note
        self._history_user = user
        self._change_reason = _review_reason(_("Approved"), note)
        self.save()

    def reject(self, user, reason: str) -> None:
        """Refuse this pending fact, or the changes proposed to it, with `reason`; a published
        fact keeps its published version."""
        self._ensure_awaiting_review()
        if not reason.strip():
            raise ValidationError(
                {"reason": _("Say why, so that the researcher can correct it.")}, code="required"
            )
        self._clean_review_note(reason, "reason")
        if not (self.proposed_at is not None and self.is_published):
            self.review_status = ReviewStatus.REJECTED
        self.proposed_changes, self.proposed_at = {}, None
        self.review_note = reason.strip()
        self._history_user = user
        self._change_reason = _review_reason(_("Rejected"), reason.strip())
        self.save(update_fields=["review_status", "proposed_changes", "proposed_at", "review_note"])


def _review_reason(verdict: StrOrPromise, note: str) -> str:
    """The history's reason for a review step (at most the history's 100 characters)."""
    text = f"{verdict}: {note}" if note else str(verdict)
    return text if len(text) <= 100 else text[:99] + "…"


def _unique_with_optional_date(
    fields: list[str], date_field: str, name: str, message: StrOrPromise
) -> list[models.UniqueConstraint]:
    """`fields` and `date_field` unique together, an unknown (empty) date included: a database
    counts two empty dates as different, so the undated case has a constraint of its own."""
    return [
        models.UniqueConstraint(
            fields=[*fields, date_field],
            condition=Q(**{f"{date_field}__isnull": False}),
            name=name,
            violation_error_message=message,
        ),
        models.UniqueConstraint(
            fields=fields,
            condition=Q(**{f"{date_field}__isnull": True}),
            name=f"{name}_undated",
            violation_error_message=message,
        ),
    ]


def _confidence_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(confidence__in=[*Confidence.values, ""]),
        name=name,
        violation_error_message=_("Confidence must be primary, secondary or inferred."),
    )


class Statement(Fact):
    """A sourced statement that, as of a date, something stood at a status. It speaks for its own
    date, which is empty when the source does not say (then it speaks only for the present)."""

    observed_on = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("The date the statement speaks for. Empty when the source does not say."),
    )
    observed_on_precision = models.CharField(
        _("precision of 'as of'"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )

    class Meta:
        abstract = True

    @property
    def partial_observed_on(self) -> PartialDate | None:
        return partial(self.observed_on, self.observed_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        _clean_partial(self, "observed_on", "observed_on_precision", errors, timezone.localdate())
        self.clean_statement(errors)
        if errors:
            raise ValidationError(errors)

    def clean_statement(self, errors: dict) -> None:
        """Rules of one kind of statement beyond its date; adds to `errors`."""


class StateQuerySet(models.QuerySet):
    def for_scorecard(
        self, treaty_keys: Iterable[str] | None = None, promised: bool = False
    ) -> StateQuerySet:
        """States with every fact a scorecard shows, each with its source, in eight queries.

        Templates, serializers and the scoring module read these through `.all()` on the related
        managers, which never adds a query. With `treaty_keys`, only the actions and observations
        of those treaties are loaded (e.g. `scoring.TREATY_KEYS`, all that scores read), and with
        `promised` those of the treaties a UPR recommendation names as well.
        """
        return self.for_participation(treaty_keys, promised).prefetch_related(
            Prefetch(
                "focal_points",
                queryset=FocalPoint.objects.published()
                .select_related("source")
                .order_by("designated_on", "pk"),
            ),
            Prefetch(
                "nhris",
                queryset=NationalHumanRightsInstitution.objects.published()
                .select_related("source")
                .with_accreditations(),
            ),
            Prefetch(
                "laws",
                queryset=Law.objects.published()
                .select_related("source")
                .order_by("enacted_on", "pk"),
            ),
            Prefetch(
                "institution_observations",
                queryset=InstitutionObservation.objects.published()
                .select_related("source")
                .order_by("observed_on", "pk"),
            ),
        )

    def for_promises(self, treaty_keys: Iterable[str] | None = None) -> StateQuerySet:
        """States with everything a scorecard shows, and their UPR recommendations, engagements
        and national mechanisms, each with its source: what the pages read to show promises
        beside what followed (`commitments.promises`), in eleven queries.

        With `treaty_keys`, only the actions and observations of those treaties and of the
        treaties any UPR recommendation names are loaded: all that scores of those treaties and
        promises read (the overview), not every treaty's (a scorecard's timeline)."""
        return self.for_scorecard(treaty_keys, promised=True).prefetch_related(
            Prefetch(
                "upr_recommendations",
                queryset=UprRecommendation.objects.published()
                .select_related("source")
                .order_by("review_date", "cycle", "pk"),
            ),
            Prefetch(
                "engagements",
                queryset=Engagement.objects.published()
                .select_related("source")
                .order_by("date", "pk"),
            ),
            Prefetch(
                "national_mechanisms",
                queryset=NationalMechanism.objects.published()
                .select_related("source")
                .order_by("date", "pk"),
            ),
        )

    def for_participation(
        self, treaty_keys: Iterable[str] | None = None, promised: bool = False
    ) -> StateQuerySet:
        """States with their treaty actions and status observations, each with its source.

        These are all `State.participation()` reads, so a page or export of statuses loads
        nothing it does not use (no focal points, institutions or laws), in three queries. With
        `treaty_keys`, only the actions and observations of those treaties are loaded, and with
        `promised` those of the treaties a published UPR recommendation names as well (a
        subquery: no query more).
        """
        actions = TreatyAction.objects.published().select_related("source").order_by("date", "pk")
        observations = (
            StatusObservation.objects.published()
            .select_related("source")
            .order_by("observed_on", "pk")
        )
        if treaty_keys is not None:
            keys = Q(treaty__key__in=list(treaty_keys))
            if promised:
                named = UprRecommendation.objects.published().values("target")
                keys |= Q(treaty__key__in=named)
            actions = actions.filter(keys)
            observations = observations.filter(keys)
        # The independence source answers why a cell is not applicable before independence.
        return self.select_related("source", "independence_source").prefetch_related(
            Prefetch("treaty_actions", queryset=actions),
            Prefetch("status_observations", queryset=observations),
        )

    def by_code(self, code: str) -> StateQuerySet:
        """The state with this ISO alpha-3 code, in any letter case."""
        return self.filter(iso3=code.upper())


iso3_validator = RegexValidator(r"^[A-Z]{3}\Z", _("Use three capital letters, e.g. KHM."))
iso2_validator = RegexValidator(r"^[A-Z]{2}\Z", _("Use two capital letters, e.g. KH."))


class State(TimestampedModel):
    iso3 = models.CharField(
        _("ISO 3166 alpha-3"),
        max_length=3,
        unique=True,
        validators=[*TEXT_VALIDATORS, iso3_validator],
    )
    iso2 = models.CharField(
        _("ISO 3166 alpha-2"),
        max_length=2,
        unique=True,
        validators=[*TEXT_VALIDATORS, iso2_validator],
    )
    short_name = models.CharField(_("short name"), max_length=100, validators=TEXT_VALIDATORS)
    official_name = models.CharField(_("official name"), max_length=200, validators=TEXT_VALIDATORS)
    asean_admission_date = models.DateField(_("admitted to ASEAN"), null=True, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="states",
        help_text=_("Where the admission date was read."),
    )
    independent_on = models.DateField(
        _("independent since"),
        null=True,
        blank=True,
        help_text=_(
            "Independence (or statehood). Before it, every indicator of the state is not "
            "applicable and the state has no score. Empty when not recorded."
        ),
    )
    independent_on_precision = models.CharField(
        _("precision of 'independent since'"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.UNKNOWN,
    )
    independence_source = models.ForeignKey(
        Source,
        verbose_name=_("source of the independence date"),
        on_delete=models.PROTECT,
        related_name="independence_of",
        null=True,
        blank=True,
    )
    un_member_since = models.DateField(_("UN member since"), null=True, blank=True)
    un_member_source = models.ForeignKey(
        Source,
        verbose_name=_("source of the UN admission date"),
        on_delete=models.PROTECT,
        related_name="un_membership_of",
        null=True,
        blank=True,
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )

    history = HistoricalRecords()
    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="state_iso3_well_formed",
                violation_error_message=_("Use three capital letters, e.g. KHM."),
            ),
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"),
                name="state_iso2_well_formed",
                violation_error_message=_("Use two capital letters, e.g. KH."),
            ),
            _date_precision_constraint(
                "independent_on", "independent_on_precision", "state_independence_precision"
            ),
            models.CheckConstraint(
                condition=Q(independent_on__isnull=True) | Q(independence_source__isnull=False),
                name="state_independence_sourced",
                violation_error_message=_("Give the source of the independence date."),
            ),
            models.CheckConstraint(
                condition=Q(un_member_since__isnull=True) | Q(un_member_source__isnull=False),
                name="state_un_membership_sourced",
                violation_error_message=_("Give the source of the UN admission date."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("commitments:country", args=[self.iso3.lower()])

    def fact_counts(self) -> dict[str, int]:
        """How many facts about this state each kind holds (accreditations through its
        institutions), the kinds it has none of left out: what deleting the state would delete.
        One query per kind."""
        counts = {
            model._meta.verbose_name_plural: model._default_manager.filter(**{lookup: self}).count()
            for model, lookup in STATE_FACTS.items()
        }
        return {str(name): count for name, count in counts.items() if count}

    @property
    def partial_independent_on(self) -> PartialDate | None:
        return partial(self.independent_on, self.independent_on_precision)

    def exists_on(self, on: datetime.date) -> bool:
        """Whether the state was independent on `on` (always, when the date is not recorded).

        A date known only to the month or year counts from the first day of that period.
        """
        return self.independent_on is None or self.independent_on <= on

    def clean(self) -> None:
        errors: dict = {}
        country = pycountry.countries.get(alpha_3=self.iso3) if self.iso3 else None
        if self.iso3 and re.fullmatch(r"[A-Z]{3}", self.iso3) and country is None:
            errors["iso3"] = _("%(code)s is not an ISO 3166 alpha-3 country code.") % {
                "code": self.iso3
            }
        elif country is not None and self.iso2 and country.alpha_2 != self.iso2:
            errors["iso2"] = _("%(iso3)s's alpha-2 code is %(iso2)s.") % {
                "iso3": self.iso3,
                "iso2": country.alpha_2,
            }
        today = timezone.localdate()
        _not_in_future(self.asean_admission_date, "asean_admission_date", errors, today)
        _not_in_future(self.un_member_since, "un_member_since", errors, today)
        _clean_partial(self, "independent_on", "independent_on_precision", errors, today)
        if self.independent_on is not None and self.independence_source_id is None:
            errors.setdefault("independence_source", []).append(
                _("Give the source of the independence date.")
            )
        if self.un_member_since is not None and self.un_member_source_id is None:
            errors.setdefault("un_member_source", []).append(
                _("Give the source of the UN admission date.")
            )
        if errors:
            raise ValidationError(errors)

    # Readers of prefetched facts (see StateQuerySet.for_scorecard); none of them queries.

    def actions_by_treaty(self) -> dict[int, list[TreatyAction]]:
        grouped: dict[int, list[TreatyAction]] = defaultdict(list)
        for action in self.treaty_actions.all():
            grouped[action.treaty_id].append(action)
        return grouped

    def observations_by_treaty(self) -> dict[int, list[StatusObservation]]:
        grouped: dict[int, list[StatusObservation]] = defaultdict(list)
        for observation in self.status_observations.all():
            grouped[observation.treaty_id].append(observation)
        return grouped

    def participation(
        self,
        treaties: list[Treaty],
        on: datetime.date,
        today: datetime.date,
        applicability: bool = True,
    ) -> dict[int, Participation]:
        """The derived status to each treaty on `on`, keyed by treaty id.

        With `applicability` (the default), a treaty that did not yet exist, or that the state
        could not yet join, is `not_applicable` (see `Treaty.applicable_from`); without it, the
        record alone answers, as scoring method 1 reads it.
        """
        actions = self.actions_by_treaty()
        observations = self.observations_by_treaty()
        return {
            treaty.pk: derive(
                actions.get(treaty.pk, []),
                observations.get(treaty.pk, []),
                on,
                today,
                applicable_from=treaty.applicable_from(self) if applicability else None,
            )
            for treaty in treaties
        }


class Treaty(TimestampedModel):
    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("A stable identifier used in URLs and the API, e.g. rome_statute_1998."),
        validators=TEXT_VALIDATORS,
    )
    short_name = models.CharField(_("short name"), max_length=100, validators=TEXT_VALIDATORS)
    title = models.CharField(_("full title"), max_length=500, validators=TEXT_VALIDATORS)
    category = models.CharField(_("category"), max_length=30, choices=TreatyCategory.choices)
    scope = models.CharField(
        _("open to"),
        max_length=20,
        choices=TreatyScope.choices,
        default=TreatyScope.UNIVERSAL,
        help_text=_(
            "A treaty open only to ASEAN members applies to a state from its admission to ASEAN."
        ),
    )
    adopted_on = models.DateField(_("adopted on"))
    entry_into_force_on = models.DateField(_("entered into force on"), null=True, blank=True)
    depositary = models.CharField(
        _("depositary"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    untc_ref = models.CharField(
        _("UN Treaty Collection reference"), max_length=30, blank=True, validators=TEXT_VALIDATORS
    )
    url = models.URLField(_("URL"), max_length=500, blank=True, validators=TEXT_VALIDATORS)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="treaties",
        help_text=_("Where the adoption and entry-into-force dates were read."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["adopted_on", "key"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=TreatyCategory.values),
                name="treaty_category_known",
                violation_error_message=_("Choose one of the treaty categories."),
            ),
            models.CheckConstraint(
                condition=Q(scope__in=TreatyScope.values),
                name="treaty_scope_known",
                violation_error_message=_("Choose who may join the treaty."),
            ),
            models.CheckConstraint(
                condition=Q(entry_into_force_on__isnull=True)
                | Q(entry_into_force_on__gte=models.F("adopted_on")),
                name="treaty_in_force_after_adoption",
                violation_error_message=_("A treaty cannot enter into force before its adoption."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("commitments:treaty", args=[self.key])

    def get_category_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(TreatyCategory, self.category)

    def applicable_from(self, state: State) -> datetime.date:
        """The first day on which `state` could be bound by this treaty: its adoption, the state's
        independence, and for a treaty open only to ASEAN members the state's admission to ASEAN
        (`datetime.date.max` for a state never admitted). Before it the cell is not applicable."""
        dates = [self.adopted_on]
        if state.independent_on is not None:
            dates.append(state.independent_on)
        if self.scope == TreatyScope.ASEAN:
            dates.append(state.asean_admission_date or datetime.date.max)
        return max(dates)

    def clean(self) -> None:
        errors: dict = {}
        _not_in_future(self.adopted_on, "adopted_on", errors, timezone.localdate())
        if (
            self.adopted_on
            and self.entry_into_force_on
            and (self.entry_into_force_on < self.adopted_on)
        ):
            errors["entry_into_force_on"] = _(
                "A treaty cannot enter into force before its adoption (%(date)s)."
            ) % {"date": self.adopted_on.isoformat()}
        if errors:
            raise ValidationError(errors)


class TreatyActionQuerySet(FactQuerySet):
    def with_related(self) -> TreatyActionQuerySet:
        """Actions with their state, treaty and source joined in, for lists and exports."""
        return self.select_related("state", "treaty", "source")


class TreatyAction(Fact):
    """A dated event in one state's relation to one treaty."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="treaty_actions"
    )
    treaty = models.ForeignKey(
        Treaty, verbose_name=_("treaty"), on_delete=models.CASCADE, related_name="actions"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    date = models.DateField(
        _("date"),
        help_text=_(
            "The deposit of the instrument or notice. Where the source gives only a month or a "
            "year, enter the first day and set the precision."
        ),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=[(p.value, p.label) for p in KNOWN_PRECISIONS],
        default=Precision.DAY,
    )
    effective_on = models.DateField(
        _("takes effect on"),
        null=True,
        blank=True,
        help_text=_(
            "For a denunciation, the day the withdrawal takes effect (required). For consent, "
            "the entry into force for the state, where the source gives it."
        ),
    )
    reservations = models.TextField(
        _("reservations and declarations"),
        blank=True,
        max_length=MAX_LONG_TEXT,
        validators=LONG_TEXT_VALIDATORS,
    )

    history = HistoricalRecords()
    objects: ClassVar = TreatyActionQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "treaty__adopted_on", "date", "pk"]
        verbose_name = _("treaty action")
        verbose_name_plural = _("treaty actions")
        constraints = [
            _confidence_constraint("treaty_action_confidence_known"),
            models.UniqueConstraint(
                fields=["state", "treaty", "action", "date"],
                name="treaty_action_unique_event",
                violation_error_message=_(
                    "This event is already recorded for this state, treaty and date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(action__in=[a.value for a in Action]),
                name="treaty_action_action_known",
                violation_error_message=_("Choose one of the treaty actions."),
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=KNOWN_PRECISIONS),
                name="treaty_action_date_precision_known",
                violation_error_message=_("A treaty action needs a day, month or year."),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("date")),
                name="treaty_action_effective_not_before_date",
                violation_error_message=_(
                    "The day it takes effect cannot be before the date of deposit."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(action=Action.DENUNCIATION) | Q(effective_on__isnull=False),
                name="treaty_action_denunciation_takes_effect",
                violation_error_message=_(
                    "A denunciation needs the day it takes effect as well as the day of notice."
                ),
            ),
        ]
        indexes = [models.Index(fields=["state", "treaty", "date"])]

    def __str__(self) -> str:
        return f"{self.state_id and self.state} · {self.treaty_id and self.treaty} · " + (
            f"{self.get_action_display()} · {self.partial_date}"
        )

    def get_action_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(Action, self.action)

    @property
    def partial_date(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)

    def clean(self) -> None:
        errors: dict = {}
        if self.date is None:
            return
        today = timezone.localdate()
        _not_in_future(self.partial_date, "date", errors, today)
        if self.date_precision in KNOWN_PRECISIONS:
            self.date = self.partial_date.truncated(self.date_precision)
        if self.effective_on and self.effective_on < self.date:
            errors.setdefault("effective_on", []).append(
                ValidationError(
                    _("The day it takes effect cannot be before the date of deposit (%(date)s)."),
                    params={"date": self.partial_date.isoformat()},
                    code="effective_before_date",
                )
            )
        if self.action == Action.DENUNCIATION and not self.effective_on:
            errors.setdefault("effective_on", []).append(
                ValidationError(
                    _("A denunciation needs the day it takes effect as well as the day of notice."),
                    code="required",
                )
            )
        if self.treaty_id is not None:
            adopted = PartialDate(self.treaty.adopted_on)
            if self.partial_date.is_before(adopted):
                errors.setdefault("date", []).append(
                    ValidationError(
                        _(
                            "%(treaty)s was adopted on %(adopted)s; no state can act on it "
                            "before then."
                        ),
                        params={"treaty": self.treaty, "adopted": adopted.isoformat()},
                        code="before_adoption",
                    )
                )
        known_action = self.action in Action.values
        if self.state_id is not None and self.treaty_id is not None and known_action and not errors:
            others = list(
                TreatyAction.objects.filter(state_id=self.state_id, treaty_id=self.treaty_id)
                .exclude(pk=self.pk)
                .exclude(review_status=ReviewStatus.REJECTED)
            )
            self._clean_against_signature(others, errors)
            self._clean_against_earlier_events(others, errors)
        if errors:
            raise ValidationError(errors)

    def _clean_against_signature(self, others: list[TreatyAction], errors: dict) -> None:
        """A ratification, acceptance or approval confirms the state's own signature, so it
        cannot be dated before it (an accession needs no signature)."""
        out_of_order = consent_before_signature([*others, self])
        if out_of_order is None:
            return
        consent, signature = out_of_order
        params = {
            "state": self.state,
            "treaty": self.treaty,
            "consent": consent.get_action_display(),
            "consent_date": consent.partial_date.isoformat(),
            "signed": signature.partial_date.isoformat(),
        }
        if consent is self:
            message = _(
                "%(state)s signed %(treaty)s on %(signed)s; its %(consent)s cannot be dated "
                "%(consent_date)s, before that signature. If the state joined without signing, "
                "record an accession."
            )
        else:
            message = _(
                "%(state)s's %(consent)s of %(treaty)s is dated %(consent_date)s; a signature "
                "dated %(signed)s would come after the consent it must precede."
            )
        errors.setdefault("date", []).append(
            ValidationError(message, params=params, code="consent_before_signature")
        )

    def warnings(self) -> list[str]:
        """What a researcher should check about a saved action, though it is not an error."""
        if self.action not in CONFIRMING_ACTIONS or self.pk is None:
            return []
        others = TreatyAction.objects.filter(state_id=self.state_id, treaty_id=self.treaty_id)
        if unsigned_consents(list(others)):
            return [
                str(
                    _(
                        "No signature of %(treaty)s by %(state)s is on record before this "
                        "%(action)s. If the state joined without signing, record an accession; "
                        "otherwise add the signature with its source."
                    )
                    % {
                        "treaty": self.treaty,
                        "state": self.state,
                        "action": self.get_action_display(),
                    }
                )
            ]
        return []

    def _clean_against_earlier_events(self, others: list[TreatyAction], errors: dict) -> None:
        """A withdrawal needs something to withdraw, established before it."""
        requires: dict[str, tuple[set[Status], StrOrPromise]] = {
            Action.DENUNCIATION: (
                {Status.PARTY},
                _("A denunciation needs an earlier ratification, accession or other consent."),
            ),
            Action.WITHDRAWAL_OF_INSTRUMENT: (
                {Status.PARTY},
                _("Only an instrument recorded before this date can be withdrawn."),
            ),
            Action.WITHDRAWAL_OF_SIGNATURE: (
                {Status.SIGNATORY},
                _("Only a signature recorded before this date, without consent, can be withdrawn."),
            ),
        }
        if self.action not in requires:
            return
        allowed, message = requires[self.action]
        earlier = [action for action in others if action.date <= self.date]
        before = status_from_events(earlier, self.date)
        if before is None or before.status not in allowed:
            errors.setdefault("action", []).append(ValidationError(message, code="no_prior"))


class StatusObservationQuerySet(FactQuerySet):
    def with_related(self) -> StatusObservationQuerySet:
        return self.select_related("state", "treaty", "source")


class StatusObservation(Statement):
    """A sourced statement that, as of a date, a state's status to a treaty was S.

    It is how negative facts ("not a signatory as of 2016") get a source, and its date is the
    last time the status was verified.
    """

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="status_observations",
    )
    treaty = models.ForeignKey(
        Treaty, verbose_name=_("treaty"), on_delete=models.CASCADE, related_name="observations"
    )
    status = models.CharField(_("status"), max_length=20, choices=ObservedStatus.choices)

    history = HistoricalRecords()
    objects: ClassVar = StatusObservationQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "treaty__adopted_on", "observed_on", "pk"]
        verbose_name = _("status observation")
        verbose_name_plural = _("status observations")
        constraints = [
            _confidence_constraint("status_observation_confidence_known"),
            *_unique_with_optional_date(
                ["state", "treaty", "status", "source"],
                "observed_on",
                "status_observation_unique",
                _("This source's statement is already recorded for this state and treaty."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ObservedStatus]),
                name="status_observation_status_known",
                violation_error_message=_(
                    "A source can state party, signatory, withdrawn or no action."
                ),
            ),
            _date_precision_constraint(
                "observed_on", "observed_on_precision", "status_observation_date_precision"
            ),
        ]

    def __str__(self) -> str:
        when = self.partial_observed_on or _("date unknown")
        return f"{self.state_id and self.state} · {self.treaty_id and self.treaty} · " + (
            f"{self.get_status_display()} ({when})"
        )

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(ObservedStatus, self.status)


class FocalPoint(Fact):
    """A state's national R2P focal point designation."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="focal_points"
    )
    office = models.CharField(
        _("office or title"),
        max_length=300,
        help_text=_("The office that holds the designation, or 'not stated'."),
        validators=TEXT_VALIDATORS,
    )
    person_name = models.CharField(
        _("name of the person"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    designated_on = models.DateField(_("designated on"), null=True, blank=True)
    designated_on_precision = models.CharField(
        _("precision of 'designated on'"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    network = models.CharField(
        _("network"),
        max_length=30,
        choices=FocalPointNetwork.choices,
        default=FocalPointNetwork.GLOBAL,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__short_name", "designated_on", "pk"]
        verbose_name = _("R2P focal point")
        verbose_name_plural = _("R2P focal points")
        constraints = [
            _confidence_constraint("focal_point_confidence_known"),
            *_unique_with_optional_date(
                ["state", "office"],
                "designated_on",
                "focal_point_unique",
                _("This designation is already recorded for this state, office and date."),
            ),
            _date_precision_constraint(
                "designated_on", "designated_on_precision", "focal_point_date_precision"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(designated_on__isnull=True)
                | Q(ended_on__gte=models.F("designated_on")),
                name="focal_point_ends_after_designation",
                violation_error_message=_("A designation cannot end before it began."),
            ),
            models.CheckConstraint(
                condition=Q(network__in=FocalPointNetwork.values),
                name="focal_point_network_known",
                violation_error_message=_("Choose one of the networks."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id and self.state} · {self.office}"

    def get_network_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(FocalPointNetwork, self.network)

    @property
    def partial_designated_on(self) -> PartialDate | None:
        return partial(self.designated_on, self.designated_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        today = timezone.localdate()
        _clean_partial(self, "designated_on", "designated_on_precision", errors, today)
        if self.ended_on:
            _not_in_future(self.ended_on, "ended_on", errors, today)
            if self.designated_on and self.ended_on < self.designated_on:
                errors.setdefault("ended_on", []).append(
                    _("A designation cannot end before it began.")
                )
        if errors:
            raise ValidationError(errors)


class NationalHumanRightsInstitutionQuerySet(FactQuerySet):
    def with_accreditations(self) -> NationalHumanRightsInstitutionQuerySet:
        """Institutions with their GANHRI decisions, oldest first, each with its source: the one
        way every page, serializer and export loads them (one more query)."""
        return self.prefetch_related(
            Prefetch(
                "accreditations",
                queryset=Accreditation.objects.published()
                .select_related("source")
                .order_by("decided_on", "pk"),
            )
        )


class NationalHumanRightsInstitution(Fact):
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="nhris"
    )
    name = models.CharField(_("name"), max_length=300, validators=TEXT_VALIDATORS)
    acronym = models.CharField(_("acronym"), max_length=30, validators=TEXT_VALIDATORS)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    legal_basis = models.TextField(
        _("legal basis"), blank=True, max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )

    history = HistoricalRecords()
    objects: ClassVar = NationalHumanRightsInstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "name"]
        verbose_name = _("national human rights institution")
        verbose_name_plural = _("national human rights institutions")
        constraints = [
            _confidence_constraint("nhri_confidence_known"),
            models.UniqueConstraint(
                fields=["state", "acronym"],
                name="nhri_unique_acronym",
                violation_error_message=_(
                    "This state already has an institution with this acronym."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} ({self.state_id and self.state.iso3})"

    def clean(self) -> None:
        errors: dict = {}
        _not_in_future(self.established_on, "established_on", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class Accreditation(Fact):
    """A GANHRI decision on an NHRI's compliance with the Paris Principles."""

    nhri = models.ForeignKey(
        NationalHumanRightsInstitution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="accreditations",
    )
    status = models.CharField(_("status"), max_length=10, choices=GanhriStatus.choices)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_on_precision = models.CharField(
        _("precision of 'decided on'"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.DAY,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["nhri", "decided_on", "pk"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            _confidence_constraint("accreditation_confidence_known"),
            *_unique_with_optional_date(
                ["nhri", "status", "source"],
                "decided_on",
                "accreditation_unique",
                _("This decision is already recorded from this source."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=GanhriStatus.values),
                name="accreditation_status_known",
                violation_error_message=_(
                    "GANHRI status must be A, B, C, deferred, suspended or removed."
                ),
            ),
            _date_precision_constraint(
                "decided_on", "decided_on_precision", "accreditation_date_precision"
            ),
        ]

    def __str__(self) -> str:
        when = self.partial_decided_on or _("date unknown")
        return f"{self.nhri_id and self.nhri} · {self.status} ({when})"

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(GanhriStatus, self.status)

    @property
    def partial_decided_on(self) -> PartialDate | None:
        return partial(self.decided_on, self.decided_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        _clean_partial(self, "decided_on", "decided_on_precision", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class Law(Fact):
    """Domestic legislation relevant to atrocity prevention."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="laws"
    )
    title = models.CharField(_("title"), max_length=500, validators=TEXT_VALIDATORS)
    number = models.CharField(_("number"), max_length=100, blank=True, validators=TEXT_VALIDATORS)
    enacted_on = models.DateField(_("enacted on"), null=True, blank=True)
    enacted_on_precision = models.CharField(
        _("precision of 'enacted on'"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    category = models.CharField(_("category"), max_length=30, choices=LawCategory.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__short_name", "enacted_on", "pk"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        constraints = [
            _confidence_constraint("law_confidence_known"),
            models.UniqueConstraint(
                fields=["state", "title"],
                name="law_unique_title",
                violation_error_message=_("This state already has a law with this title."),
            ),
            models.CheckConstraint(
                condition=Q(category__in=LawCategory.values),
                name="law_category_known",
                violation_error_message=_("Choose one of the law categories."),
            ),
            _date_precision_constraint("enacted_on", "enacted_on_precision", "law_date_precision"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_category_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(LawCategory, self.category)

    @property
    def partial_enacted_on(self) -> PartialDate | None:
        return partial(self.enacted_on, self.enacted_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        _clean_partial(self, "enacted_on", "enacted_on_precision", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class InstitutionObservationQuerySet(FactQuerySet):
    def with_related(self) -> InstitutionObservationQuerySet:
        return self.select_related("state", "source")


class InstitutionObservation(Statement):
    """A sourced statement that, as of a date, one of a state's indicators other than a treaty
    stood at a status: "no accredited NHRI as of 2023", "focal point not designated as of 2015",
    "no anti-trafficking law in force as of 2019".

    Like a treaty's status observation, it speaks for its own date; a later fact (a GANHRI
    decision, a designation, a law) overrides it, and a disagreement with the facts on its date
    is shown as a contradiction, never hidden.
    """

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="institution_observations",
    )
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=InstitutionIndicator.choices
    )
    status = models.CharField(_("status"), max_length=20, choices=IndicatorStatus.choices)

    history = HistoricalRecords()
    objects: ClassVar = InstitutionObservationQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "indicator", "observed_on", "pk"]
        verbose_name = _("institution observation")
        verbose_name_plural = _("institution observations")
        constraints = [
            _confidence_constraint("institution_observation_confidence_known"),
            *_unique_with_optional_date(
                ["state", "indicator", "status", "source"],
                "observed_on",
                "institution_observation_unique",
                _("This source's statement is already recorded for this state and indicator."),
            ),
            models.CheckConstraint(
                condition=Q(indicator__in=InstitutionIndicator.values),
                name="institution_observation_indicator_known",
                violation_error_message=_("Choose one of the indicators."),
            ),
            models.CheckConstraint(
                condition=functools.reduce(
                    operator.or_,
                    (
                        Q(indicator=indicator, status__in=list(statuses))
                        for indicator, statuses in OBSERVABLE_STATUSES.items()
                    ),
                ),
                name="institution_observation_status_fits_indicator",
                violation_error_message=_("This status cannot be stated for this indicator."),
            ),
            _date_precision_constraint(
                "observed_on", "observed_on_precision", "institution_observation_date_precision"
            ),
        ]

    def __str__(self) -> str:
        when = self.partial_observed_on or _("date unknown")
        return (
            f"{self.state_id and self.state} · {self.get_indicator_display()} · "
            f"{self.get_status_display()} ({when})"
        )

    def get_indicator_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(InstitutionIndicator, self.indicator)

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(IndicatorStatus, self.status)

    def clean_statement(self, errors: dict) -> None:
        allowed = OBSERVABLE_STATUSES.get(self.indicator)
        if allowed is not None and self.status and self.status not in allowed:
            errors.setdefault("status", []).append(
                ValidationError(
                    _("For %(indicator)s a source can state: %(allowed)s."),
                    params={
                        "indicator": self.get_indicator_display(),
                        "allowed": ", ".join(choice_label(IndicatorStatus, s) for s in allowed),
                    },
                    code="status_for_indicator",
                )
            )


class DatedEvent(Fact):
    """A fact that happened on a date known to a precision (or not at all) and is described in a
    title: an engagement, a national mechanism's milestone, a regional event."""

    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("precision of the date"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    title = models.CharField(_("title"), max_length=500, validators=TEXT_VALIDATORS)

    class Meta:
        abstract = True

    @property
    def partial_date(self) -> PartialDate | None:
        return partial(self.date, self.date_precision)

    def clean(self) -> None:
        errors: dict = {}
        _clean_partial(self, "date", "date_precision", errors, timezone.localdate())
        self.clean_event(errors)
        if errors:
            raise ValidationError(errors)

    def clean_event(self, errors: dict) -> None:
        """Rules of one kind of event beyond its date; adds to `errors`."""


class EngagementQuerySet(FactQuerySet):
    def with_related(self) -> EngagementQuerySet:
        return self.select_related("state", "source")


class Engagement(DatedEvent):
    """A state's dated engagement with R2P at the United Nations: a statement at the General
    Assembly's dialogue or debate (its own, or a group's), a recorded vote, joining the Group of
    Friends, a meeting of the Global Network of R2P Focal Points, a pledge in a Human Rights
    Council candidacy."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="engagements"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=EngagementKind.choices)
    url = models.URLField(
        _("text of the statement"),
        max_length=MAX_URL_BYTES,
        blank=True,
        help_text=_("The address of the statement's own published text, where there is one."),
        validators=TEXT_VALIDATORS,
    )
    vote = models.CharField(
        _("vote"),
        max_length=10,
        choices=Vote.choices,
        blank=True,
        help_text=_("For a recorded vote only: yes, no or abstained."),
    )

    history = HistoricalRecords()
    objects: ClassVar = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "date", "pk"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            _confidence_constraint("engagement_confidence_known"),
            *_unique_with_optional_date(
                ["state", "kind", "title"],
                "date",
                "engagement_unique",
                _("This engagement is already recorded for this state and date."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EngagementKind.values),
                name="engagement_kind_known",
                violation_error_message=_("Choose one of the kinds of engagement."),
            ),
            models.CheckConstraint(
                condition=Q(kind=EngagementKind.UNGA_VOTE, vote__in=Vote.values)
                | (~Q(kind=EngagementKind.UNGA_VOTE) & Q(vote="")),
                name="engagement_vote_only_on_votes",
                violation_error_message=_(
                    "A recorded vote needs its value (yes, no or abstained); other engagements "
                    "have none."
                ),
            ),
            _date_precision_constraint("date", "date_precision", "engagement_date_precision"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id and self.state} · {self.title}"

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(EngagementKind, self.kind)

    def get_vote_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(Vote, self.vote)

    def clean_event(self, errors: dict) -> None:
        if self.kind == EngagementKind.UNGA_VOTE and self.vote not in Vote.values:
            errors.setdefault("vote", []).append(
                ValidationError(_("Say how the state voted: yes, no or abstained."), "required")
            )
        elif self.kind != EngagementKind.UNGA_VOTE and self.vote:
            errors.setdefault("vote", []).append(
                ValidationError(_("Only a recorded vote has a vote."), "vote_without_vote")
            )


class NationalMechanismQuerySet(FactQuerySet):
    def with_related(self) -> NationalMechanismQuerySet:
        return self.select_related("state", "source")


class NationalMechanism(DatedEvent):
    """A dated milestone of a national mechanism or process: a national dialogue (peace and
    transitional-justice processes), an early-warning system, an atrocity-prevention body."""

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="national_mechanisms",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=MechanismKind.choices)

    history = HistoricalRecords()
    objects: ClassVar = NationalMechanismQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "date", "pk"]
        verbose_name = _("national mechanism")
        verbose_name_plural = _("national mechanisms")
        constraints = [
            _confidence_constraint("national_mechanism_confidence_known"),
            *_unique_with_optional_date(
                ["state", "kind", "title"],
                "date",
                "national_mechanism_unique",
                _("This milestone is already recorded for this state and date."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MechanismKind.values),
                name="national_mechanism_kind_known",
                violation_error_message=_("Choose one of the kinds of mechanism."),
            ),
            _date_precision_constraint(
                "date", "date_precision", "national_mechanism_date_precision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id and self.state} · {self.title}"

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(MechanismKind, self.kind)


class RegionalEvent(DatedEvent):
    """A dated milestone of ASEAN's own commitments: its human rights and peace bodies (AICHR,
    ACWC, AIPR) and ASEAN's declarations, plans of action, panels and treaties."""

    body = models.CharField(_("body"), max_length=10, choices=RegionalBody.choices)
    kind = models.CharField(_("kind"), max_length=40, choices=RegionalEventKind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "date", "pk"]
        verbose_name = _("regional event")
        verbose_name_plural = _("regional events")
        constraints = [
            _confidence_constraint("regional_event_confidence_known"),
            *_unique_with_optional_date(
                ["body", "kind", "title"],
                "date",
                "regional_event_unique",
                _("This event is already recorded for this body and date."),
            ),
            models.CheckConstraint(
                condition=Q(body__in=RegionalBody.values),
                name="regional_event_body_known",
                violation_error_message=_("Choose one of the ASEAN bodies."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RegionalEventKind.values),
                name="regional_event_kind_known",
                violation_error_message=_("Choose one of the kinds of event."),
            ),
            _date_precision_constraint("date", "date_precision", "regional_event_date_precision"),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.title}"

    def get_body_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(RegionalBody, self.body)

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(RegionalEventKind, self.kind)


NON_TREATY_TARGETS = frozenset(
    [*UprTargetKind.values, *(law_target(category) for category in LawCategory.values)]
)


class UprRecommendationQuerySet(FactQuerySet):
    def with_related(self) -> UprRecommendationQuerySet:
        return self.select_related("state", "source")

    def made_by(self, on: datetime.date) -> UprRecommendationQuerySet:
        """Recommendations made (reviewed) on or before `on`; those whose review date is not
        recorded are kept, as they speak for the present."""
        return self.filter(Q(review_date__lte=on) | Q(review_date__isnull=True))


class UprRecommendation(Fact):
    """One recommendation a state received in the UN Universal Periodic Review (or a pledge it
    made there) about one target, and the state's response.

    A recommendation naming several treaties is one row per treaty. The target is a treaty's
    key, `nhri`, `focal_point` or `law:<category>`. What followed is derived on any date from
    the record (`commitments.promises`), never stored.
    """

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="upr_recommendations",
    )
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"))
    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("The day of the Working Group's review."),
    )
    recommending_states = models.CharField(
        _("recommending states"),
        max_length=1000,
        help_text=_(
            "Separated by ';'. For the state's own pledge: '(commitment by ...)' or "
            "'(voluntary pledge by ...)'."
        ),
        validators=TEXT_VALIDATORS,
    )
    recommendation = models.TextField(
        _("recommendation"), max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )
    target = models.CharField(
        _("target"),
        max_length=60,
        help_text=_("A treaty's key, nhri, focal_point, or law:<category>."),
        validators=TEXT_VALIDATORS,
    )
    response = models.CharField(_("response"), max_length=10, choices=UprResponse.choices)
    response_date = models.DateField(
        _("response date"),
        null=True,
        blank=True,
        help_text=_("The day the response was recorded; empty when not recorded."),
    )
    document = models.CharField(
        _("document"),
        max_length=200,
        blank=True,
        help_text=_("The UN symbol of the Working Group's report."),
        validators=TEXT_VALIDATORS,
    )
    paragraph = models.CharField(
        _("paragraph"), max_length=30, blank=True, validators=TEXT_VALIDATORS
    )

    history = HistoricalRecords()
    objects: ClassVar = UprRecommendationQuerySet.as_manager()
    # What followed on a date, derived for a listing (commitments.api.follow_through); not stored.
    follow_through: FollowThroughResult

    class Meta:
        ordering = ["state__short_name", "cycle", "review_date", "pk"]
        verbose_name = _("UPR recommendation")
        verbose_name_plural = _("UPR recommendations")
        constraints = [
            _confidence_constraint("upr_recommendation_confidence_known"),
            models.UniqueConstraint(
                fields=["state", "cycle", "document", "paragraph", "target"],
                name="upr_recommendation_unique",
                violation_error_message=_(
                    "This recommendation is already recorded for this state, cycle, document, "
                    "paragraph and target."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cycle__gte=1),
                name="upr_recommendation_cycle_positive",
                violation_error_message=_("UPR cycles are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(response__in=UprResponse.values),
                name="upr_recommendation_response_known",
                violation_error_message=_("The response is supported, noted or unknown."),
            ),
            models.CheckConstraint(
                condition=Q(response_date__isnull=True)
                | Q(review_date__isnull=True)
                | Q(response_date__gte=models.F("review_date")),
                name="upr_recommendation_response_after_review",
                violation_error_message=_("A response cannot come before the review."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id and self.state} · {self.cycle} · {self.paragraph} · {self.target}"

    def get_response_display(self) -> str:  # type: ignore[no-redef]  # django-stubs declares it too
        return choice_label(UprResponse, self.response)

    @property
    def promised_on(self) -> datetime.date | None:
        """The day the state answered: the response's date, or failing it the review's."""
        return self.response_date or self.review_date

    @property
    def is_pledge(self) -> bool:
        """A commitment the state made itself, not a response to another state."""
        return self.recommending_states.startswith("(")

    @property
    def is_treaty_target(self) -> bool:
        return self.target not in NON_TREATY_TARGETS

    def clean(self) -> None:
        errors: dict = {}
        today = timezone.localdate()
        _not_in_future(self.review_date, "review_date", errors, today)
        _not_in_future(self.response_date, "response_date", errors, today)
        if self.review_date and self.response_date and self.response_date < self.review_date:
            errors.setdefault("response_date", []).append(
                _("A response cannot come before the review.")
            )
        if (
            self.target
            and self.target not in NON_TREATY_TARGETS
            and not Treaty.objects.filter(key=self.target).exists()
        ):
            errors.setdefault("target", []).append(
                ValidationError(
                    _(
                        "%(target)s is neither a treaty's key nor one of: nhri, focal_point, "
                        "law:<category>."
                    ),
                    params={"target": self.target},
                    code="unknown_target",
                )
            )
        if errors:
            raise ValidationError(errors)


# A row of any model whose rows are facts; django-simple-history keeps each one's versions.
FactModel = (
    Source
    | State
    | Treaty
    | TreatyAction
    | StatusObservation
    | FocalPoint
    | NationalHumanRightsInstitution
    | Accreditation
    | Law
    | InstitutionObservation
    | Engagement
    | UprRecommendation
    | NationalMechanism
    | RegionalEvent
)

FACT_MODELS: list[type[FactModel]] = [
    Source,
    State,
    Treaty,
    TreatyAction,
    StatusObservation,
    FocalPoint,
    NationalHumanRightsInstitution,
    Accreditation,
    Law,
    InstitutionObservation,
    Engagement,
    UprRecommendation,
    NationalMechanism,
    RegionalEvent,
]


# The facts about a state, each with the lookup from the fact to the state.
STATE_FACTS = {
    TreatyAction: "state",
    StatusObservation: "state",
    FocalPoint: "state",
    NationalHumanRightsInstitution: "state",
    Accreditation: "nhri__state",
    Law: "state",
    InstitutionObservation: "state",
    Engagement: "state",
    UprRecommendation: "state",
    NationalMechanism: "state",
}


# The attribute that leads from a state's fact to its state's primary key (or, for an
# accreditation, to its institution's): `state_id`, `nhri_id`.
_OWNER_ATTNAMES: dict[type[models.Model], str] = {
    model: f"{lookup.split('__')[0]}_id" for model, lookup in STATE_FACTS.items()
}
# The attribute a loaded fact keeps its stored owner under (see `_remember_owner`).
_STORED_OWNER = "_stored_owner"


def _remember_owner(instance: models.Model) -> None:
    """Note the owner a fact has in the database (loaded or just saved), so that a change that
    moves it to another state is announced for both."""
    attname = _OWNER_ATTNAMES.get(type(instance))
    if attname is not None and attname in instance.__dict__:
        instance.__dict__[_STORED_OWNER] = instance.__dict__[attname]


def _changed_states(instance: models.Model, using: str, created: bool) -> set[int] | None:
    """The primary keys of the states whose own facts a save (or deletion) of `instance`
    changes (none for a new source), or None when it may concern every state or the states
    cannot be told: what is not one state's fact, a row overwritten without being loaded, an
    institution no longer found."""
    if created and isinstance(instance, Source):
        # A new source is cited by nothing yet: no state's own page reads it.
        return set()
    attname = _OWNER_ATTNAMES.get(type(instance))
    if attname is None:
        return None
    owners = {getattr(instance, attname)}
    if not created:
        if _STORED_OWNER not in instance.__dict__:
            return None
        owners.add(instance.__dict__[_STORED_OWNER])
    if None in owners:
        return None
    if not isinstance(instance, Accreditation):
        return owners
    states = dict(
        NationalHumanRightsInstitution.objects.using(using)
        .filter(pk__in=owners)
        .values_list("pk", "state_id")
    )
    return set(states.values()) if len(states) == len(owners) else None


def _announce_save(
    sender: type[models.Model], instance: models.Model, using: str, created: bool, **kwargs
) -> None:
    """The one place a change to the facts is announced, with `_announce_delete`: every save and
    every delete of a fact, from the admin, the API, the importer, a cascade or a queryset, moves
    the data version inside the transaction that writes it (commitments/versioning.py), naming
    the states whose own facts changed when that can be told.

    A fact saved pending, or a save that records only a step of its review (a proposal, a
    rejection), changes nothing a reader sees: the data version stays, and caches are kept."""
    try:
        if isinstance(instance, Fact) and not instance.is_public_change:
            return
        versioning.announce_change(using, _changed_states(instance, using, created))
    finally:
        _remember_owner(instance)


def _announce_delete(
    sender: type[models.Model], instance: models.Model, using: str, **kwargs
) -> None:
    if isinstance(instance, Fact) and not instance.is_published:
        return
    versioning.announce_change(using, _changed_states(instance, using, created=False))


for _model in FACT_MODELS:
    models.signals.post_save.connect(
        _announce_save, sender=_model, dispatch_uid=f"announce-save-{_model._meta.label_lower}"
    )
    models.signals.post_delete.connect(
        _announce_delete, sender=_model, dispatch_uid=f"announce-delete-{_model._meta.label_lower}"
    )


class DatasetLoad(models.Model):
    """A load of the dataset files into a database that held no facts: the changes log shows it
    as one entry instead of one per row. Its facts keep their own history, each version with the
    reason `INITIAL_LOAD_REASON` (commitments/importers.py)."""

    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now, db_index=True)
    directory = models.CharField(_("directory"), max_length=500, validators=TEXT_VALIDATORS)
    edition = models.CharField(
        _("edition"),
        max_length=40,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_("The version the files' README gives, e.g. v0.2."),
    )
    rows = models.PositiveIntegerField(_("rows added"))

    class Meta:
        verbose_name = _("dataset load")
        verbose_name_plural = _("dataset loads")
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.directory} {self.edition} ({self.loaded_at:%Y-%m-%d})".replace("  ", " ")


from commitments.release_models import Release  # noqa: E402, F401  (registers the model)
