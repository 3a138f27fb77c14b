"""The commitments data model: states, treaties, the dated event log and the sourced facts.

Every rule that the database can hold is a constraint; `clean()` states the same rule (and the
rules that need other rows or today's date) with a message a researcher understands. The admin, the
API and the importer all validate through `full_clean()`.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments import versioning
from commitments.dates import PartialDate, partial
from commitments.status import Participation, derive, status_from_events
from commitments.vocabularies import (
    Action,
    Confidence,
    FocalPointNetwork,
    GanhriStatus,
    LawCategory,
    ObservedStatus,
    Precision,
    Status,
    TreatyCategory,
)

__all__ = [
    "Accreditation",
    "FocalPoint",
    "Law",
    "NationalHumanRightsInstitution",
    "Source",
    "State",
    "StatusObservation",
    "Treaty",
    "TreatyAction",
    "FACT_MODELS",
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


def _not_in_future(value: PartialDate | None, field: str, errors: dict, today: datetime.date):
    if value is not None and value.is_after(PartialDate(today)):
        errors.setdefault(field, []).append(
            ValidationError(
                _("%(date)s is in the future; record facts only once they have happened."),
                code="future_date",
                params={"date": value.isoformat()},
            )
        )


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


class Source(TimestampedModel):
    """Where a fact was read: a document or page, and the date it speaks for."""

    url = models.URLField(_("URL"), max_length=2000)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
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
    confidence = models.CharField(
        _("confidence"),
        max_length=10,
        choices=Confidence.choices,
        blank=True,
        help_text=_("Left empty when the source has not been assessed."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["url", "as_of", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            _date_precision_constraint("as_of", "as_of_precision", "source_as_of_precision"),
            models.CheckConstraint(
                condition=Q(confidence__in=[*Confidence.values, ""]),
                name="source_confidence_known",
                violation_error_message=_("Confidence must be primary, secondary or inferred."),
            ),
        ]

    def __str__(self) -> str:
        label = self.title or urlsplit(self.url).netloc or self.url
        return f"{label} ({self.partial_as_of})" if self.partial_as_of else label

    @property
    def partial_as_of(self) -> PartialDate | None:
        return partial(self.as_of, self.as_of_precision)

    @property
    def label(self) -> str:
        return self.title or urlsplit(self.url).netloc or self.url

    def clean(self) -> None:
        errors: dict = {}
        _not_in_future(self.partial_as_of, "as_of", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class Fact(TimestampedModel):
    """A statement about a state that must name the source it was read from."""

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="%(class)s_facts",
        help_text=_("Every fact needs a source."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True


class StateQuerySet(models.QuerySet):
    def for_scorecard(self, treaty_keys: Iterable[str] | None = None) -> StateQuerySet:
        """States with every fact a scorecard shows, each with its source, in seven queries.

        Templates, serializers and the scoring module read these through `.all()` on the related
        managers, which never adds a query. With `treaty_keys`, only the actions and observations
        of those treaties are loaded (e.g. `scoring.TREATY_KEYS`, all that scores read).
        """
        return self.for_participation(treaty_keys).prefetch_related(
            Prefetch(
                "focal_points",
                queryset=FocalPoint.objects.select_related("source").order_by(
                    "designated_on", "pk"
                ),
            ),
            Prefetch(
                "nhris",
                queryset=NationalHumanRightsInstitution.objects.select_related(
                    "source"
                ).prefetch_related(
                    Prefetch(
                        "accreditations",
                        queryset=Accreditation.objects.select_related("source").order_by(
                            "decided_on", "pk"
                        ),
                    )
                ),
            ),
            Prefetch(
                "laws",
                queryset=Law.objects.select_related("source").order_by("enacted_on", "pk"),
            ),
        )

    def for_participation(self, treaty_keys: Iterable[str] | None = None) -> StateQuerySet:
        """States with their treaty actions and status observations, each with its source.

        These are all `State.participation()` reads, so a page or export of statuses loads
        nothing it does not use (no focal points, institutions or laws), in three queries. With
        `treaty_keys`, only the actions and observations of those treaties are loaded.
        """
        actions = TreatyAction.objects.select_related("source").order_by("date", "pk")
        observations = StatusObservation.objects.select_related("source").order_by(
            "observed_on", "pk"
        )
        if treaty_keys is not None:
            keys = list(treaty_keys)
            actions = actions.filter(treaty__key__in=keys)
            observations = observations.filter(treaty__key__in=keys)
        return self.select_related("source").prefetch_related(
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
        _("ISO 3166 alpha-3"), max_length=3, unique=True, validators=[iso3_validator]
    )
    iso2 = models.CharField(
        _("ISO 3166 alpha-2"), max_length=2, unique=True, validators=[iso2_validator]
    )
    short_name = models.CharField(_("short name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200)
    asean_admission_date = models.DateField(_("admitted to ASEAN"), null=True, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="states",
        help_text=_("Where the admission date was read."),
    )
    notes = models.TextField(_("notes"), blank=True)

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
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("commitments:country", args=[self.iso3.lower()])

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
        if self.asean_admission_date and self.asean_admission_date > timezone.localdate():
            errors["asean_admission_date"] = _(
                "%(date)s is in the future; record facts only once they have happened."
            ) % {"date": self.asean_admission_date.isoformat()}
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
        self, treaties: list[Treaty], on: datetime.date, today: datetime.date
    ) -> dict[int, Participation]:
        """The derived status to each treaty on `on`, keyed by treaty id."""
        actions = self.actions_by_treaty()
        observations = self.observations_by_treaty()
        return {
            treaty.pk: derive(
                actions.get(treaty.pk, []), observations.get(treaty.pk, []), on, today
            )
            for treaty in treaties
        }


class Treaty(TimestampedModel):
    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("A stable identifier used in URLs and the API, e.g. rome_statute_1998."),
    )
    short_name = models.CharField(_("short name"), max_length=100)
    title = models.CharField(_("full title"), max_length=500)
    category = models.CharField(_("category"), max_length=30, choices=TreatyCategory.choices)
    adopted_on = models.DateField(_("adopted on"))
    entry_into_force_on = models.DateField(_("entered into force on"), null=True, blank=True)
    depositary = models.CharField(_("depositary"), max_length=200, blank=True)
    untc_ref = models.CharField(_("UN Treaty Collection reference"), max_length=30, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
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

    def get_category_display(self) -> str:
        return choice_label(TreatyCategory, self.category)

    def clean(self) -> None:
        errors: dict = {}
        if self.adopted_on and self.adopted_on > timezone.localdate():
            errors["adopted_on"] = _(
                "%(date)s is in the future; record facts only once they have happened."
            ) % {"date": self.adopted_on.isoformat()}
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


class TreatyActionQuerySet(models.QuerySet):
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
    reservations = models.TextField(_("reservations and declarations"), blank=True)

    history = HistoricalRecords()
    objects = TreatyActionQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "treaty__adopted_on", "date", "pk"]
        verbose_name = _("treaty action")
        verbose_name_plural = _("treaty actions")
        constraints = [
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

    def get_action_display(self) -> str:
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
        if self.date_precision != Precision.DAY:
            self.date = PartialDate(self.date, self.date_precision).truncated(self.date_precision)
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
        if self.state_id is not None and self.treaty_id is not None and not errors:
            self._clean_against_earlier_events(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_against_earlier_events(self, errors: dict) -> None:
        """A withdrawal needs something to withdraw, established before it."""
        requires = {
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
        earlier = TreatyAction.objects.filter(
            state_id=self.state_id, treaty_id=self.treaty_id, date__lte=self.date
        ).exclude(pk=self.pk)
        before = status_from_events(list(earlier), self.date)
        if before is None or before.status not in allowed:
            errors.setdefault("action", []).append(ValidationError(message, code="no_prior"))


class StatusObservationQuerySet(models.QuerySet):
    def with_related(self) -> StatusObservationQuerySet:
        return self.select_related("state", "treaty", "source")


class StatusObservation(Fact):
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
    observed_on = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("The date the statement speaks for. Empty when the source does not say."),
    )
    observed_on_precision = models.CharField(
        _("precision of 'as of'"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )

    history = HistoricalRecords()
    objects = StatusObservationQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "treaty__adopted_on", "observed_on", "pk"]
        verbose_name = _("status observation")
        verbose_name_plural = _("status observations")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "treaty", "status", "observed_on", "source"],
                name="status_observation_unique",
                violation_error_message=_(
                    "This source's statement is already recorded for this state and treaty."
                ),
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

    def get_status_display(self) -> str:
        return choice_label(ObservedStatus, self.status)

    @property
    def partial_observed_on(self) -> PartialDate | None:
        return partial(self.observed_on, self.observed_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        if self.observed_on is None and self.observed_on_precision != Precision.UNKNOWN:
            self.observed_on_precision = Precision.UNKNOWN
        if self.observed_on is not None and self.observed_on_precision == Precision.UNKNOWN:
            errors["observed_on_precision"] = _("Say whether the date is a day, month or year.")
        _not_in_future(self.partial_observed_on, "observed_on", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class FocalPoint(Fact):
    """A state's national R2P focal point designation."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="focal_points"
    )
    office = models.CharField(
        _("office or title"),
        max_length=300,
        help_text=_("The office that holds the designation, or 'not stated'."),
    )
    person_name = models.CharField(_("name of the person"), max_length=200, blank=True)
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

    def get_network_display(self) -> str:
        return choice_label(FocalPointNetwork, self.network)

    @property
    def partial_designated_on(self) -> PartialDate | None:
        return partial(self.designated_on, self.designated_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        if self.designated_on is None:
            self.designated_on_precision = Precision.UNKNOWN
        today = timezone.localdate()
        _not_in_future(self.partial_designated_on, "designated_on", errors, today)
        if self.ended_on:
            _not_in_future(PartialDate(self.ended_on), "ended_on", errors, today)
            if self.designated_on and self.ended_on < self.designated_on:
                errors.setdefault("ended_on", []).append(
                    _("A designation cannot end before it began.")
                )
        if errors:
            raise ValidationError(errors)


class NationalHumanRightsInstitution(Fact):
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="nhris"
    )
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["state__short_name", "name"]
        verbose_name = _("national human rights institution")
        verbose_name_plural = _("national human rights institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "acronym"],
                name="nhri_unique_acronym",
                violation_error_message=_(
                    "This state already has an institution with this acronym."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.acronym} ({self.state_id and self.state.iso3})"

    def clean(self) -> None:
        if self.established_on and self.established_on > timezone.localdate():
            raise ValidationError(
                {"established_on": _("This date is in the future; record facts once they happen.")}
            )


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
            models.UniqueConstraint(
                fields=["nhri", "status", "decided_on", "source"],
                name="accreditation_unique",
                violation_error_message=_("This decision is already recorded from this source."),
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

    def get_status_display(self) -> str:
        return choice_label(GanhriStatus, self.status)

    @property
    def partial_decided_on(self) -> PartialDate | None:
        return partial(self.decided_on, self.decided_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        if self.decided_on is None:
            self.decided_on_precision = Precision.UNKNOWN
        _not_in_future(self.partial_decided_on, "decided_on", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


class Law(Fact):
    """Domestic legislation relevant to atrocity prevention."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="laws"
    )
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(_("number"), max_length=100, blank=True)
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

    def get_category_display(self) -> str:
        return choice_label(LawCategory, self.category)

    @property
    def partial_enacted_on(self) -> PartialDate | None:
        return partial(self.enacted_on, self.enacted_on_precision)

    def clean(self) -> None:
        errors: dict = {}
        if self.enacted_on is None:
            self.enacted_on_precision = Precision.UNKNOWN
        _not_in_future(self.partial_enacted_on, "enacted_on", errors, timezone.localdate())
        if errors:
            raise ValidationError(errors)


FACT_MODELS = [
    Source,
    State,
    Treaty,
    TreatyAction,
    StatusObservation,
    FocalPoint,
    NationalHumanRightsInstitution,
    Accreditation,
    Law,
]


def _announce_change(sender: type[models.Model], using: str, **kwargs) -> None:
    """The one place a change to the facts is announced: every save and every delete of a fact,
    from the admin, the API, the importer, a cascade or a queryset, moves the data version inside
    the transaction that writes it (commitments/versioning.py)."""
    versioning.announce_change(using)


for _model in FACT_MODELS:
    models.signals.post_save.connect(
        _announce_change, sender=_model, dispatch_uid=f"announce-save-{_model._meta.label_lower}"
    )
    models.signals.post_delete.connect(
        _announce_change, sender=_model, dispatch_uid=f"announce-delete-{_model._meta.label_lower}"
    )
