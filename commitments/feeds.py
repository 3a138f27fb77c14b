"""The public change log: every recorded change to a fact, newest first, and its Atom feeds.

The log reads the django-simple-history tables of all fact models as one UNION query with the same
columns for every model, so a page of the log costs the same few queries whatever the number of
models, rows or changes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.functional import Promise
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.utils.xmlutils import SimplerXMLGenerator

from commitments.api.deletions import COLLECTIONS
from commitments.importers import INITIAL_LOAD_REASON
from commitments.models import (
    FACT_MODELS,
    Accreditation,
    DatasetLoad,
    Engagement,
    Fact,
    FactModel,
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
from commitments.score_changes import TotalChange, published_versions, total_changes
from commitments.vocabularies import (
    Action,
    GanhriStatus,
    IndicatorStatus,
    ObservedStatus,
    ReviewStatus,
)
from commitments.wording import in_sentence, local_name, possessive

FEED_LENGTH = 50

CHANGE_KINDS = {
    "+": gettext_lazy("Added"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
    "*": gettext_lazy("Loaded"),
}

# A typed NULL: PostgreSQL cannot match an untyped NULL column with bigint columns in a UNION.
_NONE = Cast(Value(None), output_field=models.BigIntegerField())

# Per model: the columns naming the state, the treaty, the source, a label and a date.
_COLUMNS: dict[type[FactModel], dict[str, Combinable]] = {
    Source: {
        "state": _NONE,
        "treaty": _NONE,
        "source": F("id"),
        "label": Coalesce(NullIf(F("title"), Value("")), F("url"), output_field=models.TextField()),
        "on": F("as_of"),
    },
    State: {
        "state": F("id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("short_name"),
        "on": F("asean_admission_date"),
    },
    Treaty: {
        "state": _NONE,
        "treaty": F("id"),
        "source": F("source_id"),
        "label": F("short_name"),
        "on": F("adopted_on"),
    },
    TreatyAction: {
        "state": F("state_id"),
        "treaty": F("treaty_id"),
        "source": F("source_id"),
        "label": F("action"),
        "on": F("date"),
    },
    StatusObservation: {
        "state": F("state_id"),
        "treaty": F("treaty_id"),
        "source": F("source_id"),
        "label": F("status"),
        "on": F("observed_on"),
    },
    FocalPoint: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("office"),
        "on": F("designated_on"),
    },
    NationalHumanRightsInstitution: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("name"),
        "on": F("established_on"),
    },
    Accreditation: {
        "state": Subquery(
            NationalHumanRightsInstitution.objects.filter(pk=OuterRef("nhri_id"))
            .order_by()
            .values("state_id")
        ),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("status"),
        "on": F("decided_on"),
    },
    Law: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("title"),
        "on": F("enacted_on"),
    },
    InstitutionObservation: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("status"),
        "on": F("observed_on"),
    },
    Engagement: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("title"),
        "on": F("date"),
    },
    UprRecommendation: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("target"),
        "on": F("review_date"),
    },
    NationalMechanism: {
        "state": F("state_id"),
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("title"),
        "on": F("date"),
    },
    RegionalEvent: {
        "state": _NONE,
        "treaty": _NONE,
        "source": F("source_id"),
        "label": F("title"),
        "on": F("date"),
    },
}
assert set(_COLUMNS) == set(FACT_MODELS)


# The index of a dataset load in the log's rows, after those of the fact models.
LOAD_INDEX = len(FACT_MODELS)
LOAD_KEY = "datasetload"


def _logged(model: type[FactModel], chosen: LogFilter) -> models.QuerySet:
    """The versions of `model` that the log lists as changes of their own.

    Left out: the rows of the first load of the dataset (the load is one entry), a source's
    addition and deletion (a source enters the log with the facts that cite it), and a
    correction to a source that no published fact (about the chosen state or treaty) cites.
    """
    versions = published_versions(model).exclude(
        history_change_reason=INITIAL_LOAD_REASON, history_user__isnull=True
    )
    if model is Source:
        versions = versions.filter(history_type="~").filter(_cited(chosen))
    return versions


def _cited(chosen: LogFilter) -> Q:
    """Sources that a published fact cites: any fact, or one about `chosen.state` or
    `chosen.treaty`."""
    found: list[Exists] = []
    for model in FACT_MODELS:
        if model is Source:
            continue
        citing = _published_rows(model).filter(source_id=OuterRef("id"))
        if chosen.state is not None:
            if _COLUMNS[model]["state"] is _NONE:
                continue
            citing = citing.filter(**{_STATE_PATHS.get(model, "state_id"): chosen.state.pk})
        if chosen.treaty is not None:
            if _COLUMNS[model]["treaty"] is _NONE:
                continue
            citing = citing.filter(**{_TREATY_PATHS.get(model, "treaty_id"): chosen.treaty.pk})
        found.append(Exists(citing))
    return Q(*found, _connector=Q.OR)


def _published_rows(model: type[FactModel]) -> models.QuerySet:
    """The rows of `model` that readers see: a fact's published ones; every source, state and
    treaty."""
    rows: models.QuerySet = model._default_manager.all()
    if issubclass(model, Fact):
        rows = rows.filter(review_status=ReviewStatus.PUBLISHED)
    return rows


# How a fact model reaches its state or treaty where the field is not called so.
_STATE_PATHS: dict[type[FactModel], str] = {State: "pk", Accreditation: "nhri__state_id"}
_TREATY_PATHS: dict[type[FactModel], str] = {Treaty: "pk"}


@dataclass(frozen=True)
class LogFilter:
    """What part of the log to read: about a state, a treaty, of some kinds of fact (model keys),
    changed within a period (dates, inclusive)."""

    state: State | None = None
    treaty: Treaty | None = None
    kinds: tuple[str, ...] = ()
    since: datetime.date | None = None
    until: datetime.date | None = None


def _history_rows(model: type[FactModel], chosen: LogFilter) -> models.QuerySet:
    columns = _COLUMNS[model]
    versions = _logged(model, chosen)
    if chosen.since is not None:
        versions = versions.filter(history_date__date__gte=chosen.since)
    if chosen.until is not None:
        versions = versions.filter(history_date__date__lte=chosen.until)
    rows = versions.order_by().values(
        model_index=Value(FACT_MODELS.index(model), output_field=models.IntegerField()),
        history_pk=F("history_id"),
        at=F("history_date"),
        change_kind=F("history_type"),
        reason=Coalesce(F("history_change_reason"), Value(""), output_field=models.TextField()),
        object_id=F("id"),
        state_id_=columns["state"],
        treaty_id_=columns["treaty"],
        source_id_=columns["source"],
        label=_label(model),
        on=columns["on"],
    )
    if model is Source:
        # A source's corrections are filtered by the facts that cite it (`_logged`).
        return rows
    if chosen.state is not None:
        rows = rows.filter(state_id_=chosen.state.pk)
    if chosen.treaty is not None:
        rows = rows.filter(treaty_id_=chosen.treaty.pk)
    return rows


def _load_rows(chosen: LogFilter) -> models.QuerySet:
    """The dataset loads, in the columns of `_history_rows`: the edition in `reason`, the
    number of rows added in `object_id`, the directory in `label`."""
    loads = DatasetLoad.objects.all()
    if chosen.since is not None:
        loads = loads.filter(loaded_at__date__gte=chosen.since)
    if chosen.until is not None:
        loads = loads.filter(loaded_at__date__lte=chosen.until)
    return loads.order_by().values(
        model_index=Value(LOAD_INDEX, output_field=models.IntegerField()),
        history_pk=F("id"),
        at=F("loaded_at"),
        change_kind=Value("*", output_field=models.CharField()),
        reason=Cast(F("edition"), output_field=models.TextField()),
        object_id=Cast(F("rows"), output_field=models.BigIntegerField()),
        state_id_=_NONE,
        treaty_id_=_NONE,
        source_id_=_NONE,
        label=Cast(F("directory"), output_field=models.TextField()),
        on=Cast(Value(None), output_field=models.DateField()),
    )


def _loads_listed(chosen: LogFilter) -> bool:
    """Whether the log as `chosen` lists dataset loads: they concern no single state or treaty."""
    return (
        chosen.state is None
        and chosen.treaty is None
        and (not chosen.kinds or LOAD_KEY in chosen.kinds)
    )


def _label(model: type[FactModel]):
    return Coalesce(_COLUMNS[model]["label"], Value(""), output_field=models.TextField())


def _previous_versions(rows: Sequence[dict]) -> dict[tuple[int, int], dict]:
    """The label, date and source each row's record had just before that change, in one query.

    Keyed by (model index, history id); rows whose record had no earlier version are left out.
    """
    wanted: dict[int, list[int]] = {}
    for row in rows:
        if row["model_index"] != LOAD_INDEX:
            wanted.setdefault(row["model_index"], []).append(row["history_pk"])
    parts = []
    for index, history_ids in wanted.items():
        model = FACT_MODELS[index]
        history = model.history.model
        latest_before = (
            published_versions(model)
            .filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by()
            .values("id")
            .annotate(latest=Max("history_id"))
            .values("latest")
        )
        before = history.objects.filter(history_id=OuterRef("had_before")).order_by()
        parts.append(
            history.objects.filter(history_id__in=history_ids)
            .order_by()
            .values(
                model_index=Value(index, output_field=models.IntegerField()),
                history_pk=F("history_id"),
                had_before=Subquery(latest_before),
                label_before=Subquery(before.values(value=_label(model))),
                on_before=Subquery(before.values(value=_COLUMNS[model]["on"])),
                source_before=Subquery(before.values(value=_COLUMNS[model]["source"])),
            )
        )
    if not parts:
        return {}
    return {
        (row["model_index"], row["history_pk"]): row
        # An explicit order: the history models' default one names no column of the UNION.
        for row in parts[0].union(*parts[1:], all=True).order_by("model_index", "history_pk")
        if row["had_before"] is not None
    }


def _what_changed(model, row: dict, before: dict | None) -> list[str]:
    """What an update changed in the fields the log prints: its name, its date, its source."""
    if row["change_kind"] != "~" or before is None:
        return []
    labels = _LABELS.get(model, {})
    details = []
    if before["label_before"] != row["label"]:
        old = labels.get(before["label_before"], before["label_before"])
        details.append(_("was “%(old)s”") % {"old": old})
    if before["on_before"] != row["on"]:
        old = before["on_before"].isoformat() if before["on_before"] else _("unknown")
        details.append(_("date was %(old)s") % {"old": old})
    if before["source_before"] != row["source_id_"]:
        details.append(_("source changed"))
    return details or [_("notes or other details changed")]


# The log's order, newest first. The last key only breaks ties between two models' history rows
# that share a time and an id, so that a change's place in the log is always the same.
LOG_ORDER = ("-at", "-history_pk", "-model_index")


def change_rows(
    state: State | None = None, treaty: Treaty | None = None, chosen: LogFilter | None = None
) -> models.QuerySet:
    """Every published change to every fact model (or those about `state`, or `treaty`, or
    those `chosen`), newest first: one query.

    Sources, treaties and ASEAN's regional events concern no single state, so a state's log leaves
    them out; a treaty's log holds the treaty itself, its actions and the observations of its
    status. A fact's versions before its publication, and the steps of its review, are no changes
    readers saw.
    """
    chosen = chosen or LogFilter(state=state, treaty=treaty)
    models_ = [
        m
        for m in FACT_MODELS
        if (chosen.state is None or m is Source or _COLUMNS[m]["state"] is not _NONE)
        and (chosen.treaty is None or m is Source or _COLUMNS[m]["treaty"] is not _NONE)
        and (not chosen.kinds or m._meta.model_name in chosen.kinds)
    ]
    parts = [_history_rows(model, chosen) for model in models_]
    if _loads_listed(chosen):
        parts.append(_load_rows(chosen))
    if not parts:
        return _history_rows(TreatyAction, chosen).none()
    if len(parts) == 1:
        return parts[0].order_by(*LOG_ORDER)
    return parts[0].union(*parts[1:], all=True).order_by(*LOG_ORDER)


def log_kinds() -> list[tuple[str, str]]:
    """The kinds of change the log can be filtered by: (model key, name)."""
    return [
        *(
            (cast(str, m._meta.model_name), str(m._meta.verbose_name_plural).capitalize())
            for m in FACT_MODELS
        ),
        (LOAD_KEY, str(DatasetLoad._meta.verbose_name_plural).capitalize()),
    ]


def change_position(model_key: str, history_id: int) -> int | None:
    """How many changes come before this one in the whole log (`change_rows()`), or None when
    there is no such change: two queries.

    The count follows LOG_ORDER: changes made later, then those made at the same time with a
    higher history id, then those with the same time and id from a model later in FACT_MODELS
    (dataset loads last).
    """
    everything = LogFilter()
    if model_key == LOAD_KEY:
        index = LOAD_INDEX
        at = DatasetLoad.objects.filter(pk=history_id).values_list("loaded_at", flat=True).first()
    else:
        model = fact_model(model_key)
        if model is None:
            return None
        index = FACT_MODELS.index(model)
        at = (
            _logged(model, everything)
            .filter(history_id=history_id)
            .values_list("history_date", flat=True)
            .first()
        )
    if at is None:
        return None
    parts: list[models.QuerySet] = []
    for other_index, other in enumerate(FACT_MODELS):
        newer = Q(history_date__gt=at) | Q(history_date=at, history_id__gt=history_id)
        if other_index > index:
            newer |= Q(history_date=at, history_id=history_id)
        parts.append(_logged(other, everything).filter(newer).order_by().values("history_id"))
    newer_load = Q(loaded_at__gt=at) | Q(loaded_at=at, id__gt=history_id)
    if index < LOAD_INDEX:
        newer_load |= Q(loaded_at=at, id=history_id)
    parts.append(DatasetLoad.objects.filter(newer_load).order_by().values("id"))
    return parts[0].union(*parts[1:], all=True).count()


def change_anchor(model_key: str, history_id: int) -> str:
    """The id of a change's row on the log's page."""
    return f"change-{model_key}-{history_id}"


def fact_model(name: str) -> type[FactModel] | None:
    """The fact model called `name` in addresses (`treatyaction`), or None."""
    return next((m for m in FACT_MODELS if m._meta.model_name == name), None)


@dataclass(frozen=True)
class Change:
    """One row of the log, ready to print."""

    at: datetime.datetime
    kind: str
    model_name: str
    subject: str
    reason: str
    link: str
    source: Source | None
    state: State | None
    # The model's name in addresses (`treatyaction`) and the id of this version in its history:
    # together they name the change for good.
    model_key: str
    history_id: int
    details: tuple[str, ...] = ()
    # The change in plain words, where the log knows how to say it ("Cambodia ratified ...").
    sentence: str = ""
    # The changed row's collection in the API and its id there.
    resource: str = ""
    object_id: int | None = None
    # What the change did to its state's total, for a change to a scored fact.
    effect: TotalChange | None = None

    @property
    def anchor(self) -> str:
        return change_anchor(self.model_key, self.history_id)

    @property
    def permalink(self) -> str:
        """An address that always leads to this change, on whichever page of the log it is."""
        return reverse("commitments:change", args=[self.model_key, self.history_id])

    @property
    def kind_label(self) -> str:
        return str(CHANGE_KINDS.get(self.kind, self.kind))

    @property
    def title(self) -> str:
        if self.kind == "-":
            # The row is gone: its id is what a copy of the data can still find it by.
            return (
                f"{self.kind_label}: {self.model_name} {self.object_id}: "
                f"{self.sentence or self.subject}"
            )
        if self.sentence:
            said = self.sentence if self.kind in "+*" else f"{self.kind_label}: {self.sentence}"
        else:
            said = f"{self.kind_label}: {self.model_name}: {self.subject}"
        return f"{said}; {self.effect}" if self.effect else said

    @property
    def row(self) -> str:
        """The row the change concerns, as the API names it (a deletion's is listed in
        /api/v1/deletions/ with the same collection and id); empty for a dataset load."""
        if not self.resource:
            return ""
        return _("%(resource)s id %(id)s") % {"resource": self.resource, "id": self.object_id}


# What a state did, in the words of the log, per kind of treaty action.
_DEEDS = {
    Action.SIGNATURE: gettext_lazy("%(state)s signed the %(treaty)s (%(date)s)"),
    Action.RATIFICATION: gettext_lazy("%(state)s ratified the %(treaty)s (%(date)s)"),
    Action.ACCESSION: gettext_lazy("%(state)s acceded to the %(treaty)s (%(date)s)"),
    Action.SUCCESSION: gettext_lazy("%(state)s succeeded to the %(treaty)s (%(date)s)"),
    Action.ACCEPTANCE: gettext_lazy("%(state)s accepted the %(treaty)s (%(date)s)"),
    Action.APPROVAL: gettext_lazy("%(state)s approved the %(treaty)s (%(date)s)"),
    Action.DEFINITIVE_SIGNATURE: gettext_lazy(
        "%(state)s signed the %(treaty)s definitively (%(date)s)"
    ),
    Action.DENUNCIATION: gettext_lazy("%(state)s denounced the %(treaty)s (%(date)s)"),
    Action.WITHDRAWAL_OF_INSTRUMENT: gettext_lazy(
        "%(state)s withdrew its instrument of the %(treaty)s (%(date)s)"
    ),
    Action.WITHDRAWAL_OF_SIGNATURE: gettext_lazy(
        "%(state)s withdrew its signature of the %(treaty)s (%(date)s)"
    ),
}


def _sentence(model, row: dict, state: State | None, treaty: Treaty | None) -> str:
    """A treaty action in plain words; empty for the other kinds of fact."""
    if model is not TreatyAction or state is None or treaty is None or row["on"] is None:
        return ""
    deed = _DEEDS.get(row["label"])
    if deed is None:
        return ""
    return deed % {
        "state": state.short_name,
        "treaty": treaty.short_name,
        "date": row["on"].isoformat(),
    }


_LABELS = {
    TreatyAction: dict(Action.choices),
    StatusObservation: dict(ObservedStatus.choices),
    Accreditation: dict(GanhriStatus.choices),
    InstitutionObservation: dict(IndicatorStatus.choices),
}


def describe(
    rows: Sequence[dict],
    states: Iterable[State] | None = None,
    treaties: Iterable[Treaty] | None = None,
) -> list[Change]:
    """Names, sources and what each update changed for a page of `change_rows`: four queries,
    whatever the page holds (none when it is empty); two fewer when the caller already loaded
    every state and treaty (`states`, `treaties`: with pk, iso3 or key, and short name).

    Rows may name states, treaties or sources deleted since; those print without a link.
    """
    rows = list(rows)
    if not rows:
        return []
    previous = _previous_versions(rows)
    effects = total_changes(rows)
    citations = _citations({row["object_id"] for row in rows if row["model_index"] == _SOURCE})
    if states is None:
        states = State.objects.only("pk", "iso3", "short_name")
    if treaties is None:
        treaties = Treaty.objects.only("pk", "key", "short_name")
    states_by_pk = {s.pk: s for s in states}
    treaties_by_pk = {t.pk: t for t in treaties}
    sources = Source.objects.in_bulk({row["source_id_"] for row in rows if row["source_id_"]})
    changes = []
    for row in rows:
        if row["model_index"] == LOAD_INDEX:
            changes.append(_load(row))
            continue
        model = FACT_MODELS[row["model_index"]]
        state = states_by_pk.get(row["state_id_"])
        treaty = treaties_by_pk.get(row["treaty_id_"])
        label = str(_LABELS.get(model, {}).get(row["label"], row["label"]))
        parts = []
        if row["state_id_"] is not None and model is not State:
            parts.append(local_name(state.short_name) if state else _("a state no longer listed"))
        if row["treaty_id_"] is not None and model is not Treaty:
            parts.append(
                local_name(treaty.short_name) if treaty else _("a treaty no longer listed")
            )
        parts.append(f"{label} ({row['on'].isoformat()})" if row["on"] else label)
        if model is State and state:
            link = state.get_absolute_url()
        elif model is Treaty and treaty:
            link = treaty.get_absolute_url()
        elif state is not None:
            link = state.get_absolute_url()
        else:
            link = ""
        before = previous.get((row["model_index"], row["history_pk"]))
        # A fact's first published version is its addition, whatever it was before review.
        kind = "+" if row["change_kind"] == "~" and before is None else row["change_kind"]
        if model is Source:
            sentence = _source_sentence(row, citations, states_by_pk)
        else:
            sentence = _sentence(model, row, state, treaty)
        changes.append(
            Change(
                at=row["at"],
                kind=kind,
                sentence=sentence,
                model_name=str(model._meta.verbose_name),
                subject=" · ".join(parts),
                reason=row["reason"],
                link=link,
                source=sources.get(row["source_id_"]),
                state=state,
                model_key=model._meta.model_name,
                history_id=row["history_pk"],
                details=tuple(_what_changed(model, {**row, "change_kind": kind}, before)),
                resource=str(COLLECTIONS[model][0]),
                object_id=row["object_id"],
                effect=effects.get((row["model_index"], row["history_pk"])),
            )
        )
    return changes


_SOURCE = FACT_MODELS.index(Source)


def _load(row: dict) -> Change:
    """A dataset load as one entry (see `_load_rows` for its columns)."""
    edition = row["reason"]
    words = {
        "rows": formats.number_format(row["object_id"], force_grouping=True),
        "directory": row["label"],
        "edition": edition,
    }
    if edition:
        sentence = _(
            "The dataset files %(edition)s were loaded from %(directory)s: %(rows)s rows, each "
            "with its source"
        )
    else:
        sentence = _(
            "The dataset files were loaded from %(directory)s: %(rows)s rows, each with its source"
        )
    return Change(
        at=row["at"],
        kind="*",
        model_name=str(DatasetLoad._meta.verbose_name),
        subject=row["label"],
        reason="",
        link=reverse("commitments:data"),
        source=None,
        state=None,
        model_key=LOAD_KEY,
        history_id=row["history_pk"],
        sentence=sentence % words,
    )


def _citations(source_ids: set[int]) -> dict[int, tuple[int, set[int]]]:
    """Per source: how many published facts cite it, and the states they are about. One query,
    none without sources."""
    if not source_ids:
        return {}
    parts = []
    for model in FACT_MODELS:
        if model is Source:
            continue
        citing = _published_rows(model).filter(source_id__in=source_ids)
        parts.append(
            citing.order_by()
            .values("source_id", about=_COLUMNS[model]["state"])
            .annotate(facts=Count("pk"))
        )
    found: dict[int, tuple[int, set[int]]] = {}
    # An explicit order: the first model's default one names no column of the UNION.
    for row in parts[0].union(*parts[1:], all=True).order_by("source_id"):
        count, states = found.get(row["source_id"], (0, set()))
        if row["about"] is not None:
            states.add(row["about"])
        found[row["source_id"]] = (count + row["facts"], states)
    return found


def _source_sentence(
    row: dict, citations: dict[int, tuple[int, set[int]]], states: dict[int, State]
) -> str:
    """A correction to a source, named with the facts it supports."""
    facts, about = citations.get(row["object_id"], (0, set()))
    names = sorted(local_name(states[pk].short_name) for pk in about if pk in states)
    title = {"source": row["label"], "facts": facts}
    if not names:
        return (
            ngettext(
                "Source of %(facts)s fact corrected: “%(source)s”",
                "Source of %(facts)s facts corrected: “%(source)s”",
                facts,
            )
            % title
        )
    if len(names) > 3:
        return ngettext(
            "Source of %(facts)s fact about %(states)s states corrected: “%(source)s”",
            "Source of %(facts)s facts about %(states)s states corrected: “%(source)s”",
            facts,
        ) % {**title, "states": len(names)}
    return ngettext(
        "Source of %(facts)s fact about %(names)s corrected: “%(source)s”",
        "Source of %(facts)s facts about %(names)s corrected: “%(source)s”",
        facts,
    ) % {**title, "names": ", ".join(names)}


# Characters that XML 1.0 cannot hold or that no reader should print: C0 and C1 controls except tab,
# line feed and carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` without the characters a feed must not carry (a vertical tab would break it)."""
    return _UNPRINTABLE.sub("", text)


def one_line(text: str) -> str:
    """Printable text on one line, runs of white space made one space: for titles."""
    return " ".join(printable(text).split())


def _printable_arguments(args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    def clean(value):
        return printable(str(value)) if isinstance(value, str | Promise) else value

    return tuple(map(clean, args)), {name: clean(value) for name, value in kwargs.items()}


class AtomFeed(Atom1Feed):
    """Atom that never writes an unprintable character, whatever a researcher typed (every text
    given to the feed or to one of its entries is cleaned on the way in), and that names its
    stylesheets as Django's RSS feeds do."""

    def __init__(self, *args, **kwargs):
        args, kwargs = _printable_arguments(args, kwargs)
        super().__init__(*args, **kwargs)

    def add_item(self, *args, **kwargs):
        args, kwargs = _printable_arguments(args, kwargs)
        super().add_item(*args, **kwargs)

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        # A stylesheet comes after the XML declaration and before the first element.
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


def tag_uri(specific: str) -> str:
    """A permanent, absolute id (RFC 4151): `tag:<authority>,<date>:<specific>`.

    The authority and date come from settings (FEED_TAG_AUTHORITY, FEED_TAG_DATE), never from the
    request, so an entry keeps its id whatever address the feed is read at.
    """
    return f"tag:{settings.FEED_TAG_AUTHORITY},{settings.FEED_TAG_DATE}:{specific}"


def _source_line(source: Source) -> str:
    """The source as HTML: its name, then its address, written out and linked."""
    url = source.url
    if urlsplit(url).scheme in ("http", "https"):
        address = format_html('<a href="{}">{}</a>', url, url)
    else:
        address = escape(url)
    return format_html(_("Source: {source}, {address}"), source=source.label, address=address)


class AtomChanges(Feed):
    """Changes to facts, as Atom; each feed below says which changes.

    Every text a researcher wrote reaches the reader as text: titles are Atom text, summaries are
    HTML in which each such text is escaped. Entry links are permanent (`Change.permalink`), and a
    browser shows the feed through an XSLT stylesheet that explains how to subscribe.
    """

    feed_type = AtomFeed
    author_name = gettext_lazy("R2P Tracker")
    feed_copyright = gettext_lazy("Data: CC BY 4.0, R2P Tracker")

    def __call__(self, request, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Chromium shows application/atom+xml as plain text and applies no stylesheet to it; a
        # browser that asks for a page first gets the same document as application/xml.
        if request.get_preferred_type(["application/atom+xml", "text/html"]) == "text/html":
            response["Content-Type"] = "application/xml; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response

    def stylesheets(self) -> list[Stylesheet]:
        return [Stylesheet(static("feeds/atom.xsl"), mimetype="text/xsl", media="all")]

    def item_title(self, item: Change) -> str:
        return one_line(item.title)

    def item_description(self, item: Change) -> str:
        lines: list[str] = [
            escape(one_line(item.title)),
            *(escape(one_line(d)) for d in item.details),
        ]
        if item.row:
            lines.append(escape(one_line(item.row)))
        if item.source is not None:
            lines.append(_source_line(item.source))
        lines.extend(escape(line) for line in printable(item.reason).splitlines() if line.strip())
        return "<br>".join(lines)

    def item_categories(self, item: Change) -> tuple[str, ...]:
        return (item.resource, item.kind_label)

    def item_link(self, item: Change) -> str:
        return item.permalink

    def item_guid(self, item: Change) -> str:
        return tag_uri(f"change/{item.model_key}/{item.history_id}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: Change) -> datetime.datetime:
        return item.at

    def item_updateddate(self, item: Change) -> datetime.datetime:
        return item.at


class ChangesFeed(AtomChanges):
    """The newest changes to any fact, as Atom."""

    title = gettext_lazy("R2P Tracker: data changes")
    subtitle = gettext_lazy(
        "Every change to the sourced facts behind the ASEAN R2P scorecards, newest first."
    )

    def feed_guid(self) -> str:
        return tag_uri("changes")

    def link(self) -> str:
        return reverse("commitments:changes")

    def items(self) -> list[Change]:
        return describe(list(change_rows()[:FEED_LENGTH]))


class CountryChangesFeed(AtomChanges):
    """The newest changes to one state's facts, as Atom."""

    def get_object(self, request, iso3: str) -> State:
        state = State.objects.by_code(iso3).first()
        if state is None:
            raise Http404(_("No state with the code %(code)s.") % {"code": iso3.upper()})
        return state

    def feed_guid(self, obj: State) -> str:
        return tag_uri(f"changes/countries/{obj.iso3.lower()}")

    def title(self, obj: State) -> str:
        return _("R2P Tracker: data changes for %(state)s") % {"state": in_sentence(obj.short_name)}

    def subtitle(self, obj: State) -> str:
        return _("Every change to the sourced facts behind %(state)s scorecard.") % {
            "state": possessive(obj.short_name)
        }

    def link(self, obj: State) -> str:
        return obj.get_absolute_url()

    def items(self, obj: State) -> list[Change]:
        return describe(list(change_rows(state=obj)[:FEED_LENGTH]))


class TreatyChangesFeed(AtomChanges):
    """The newest changes to one treaty and to every state's actions and statuses under it."""

    def get_object(self, request, key: str) -> Treaty:
        treaty = Treaty.objects.filter(key=key).first()
        if treaty is None:
            raise Http404(_("No treaty with the key %(key)s.") % {"key": key})
        return treaty

    def feed_guid(self, obj: Treaty) -> str:
        return tag_uri(f"changes/treaties/{obj.key}")

    def title(self, obj: Treaty) -> str:
        return _("R2P Tracker: data changes for the %(treaty)s") % {
            "treaty": local_name(obj.short_name)
        }

    def subtitle(self, obj: Treaty) -> str:
        return _(
            "Every change to the treaty's record and to the ASEAN states' actions and statuses "
            "under it."
        )

    def link(self, obj: Treaty) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Treaty) -> list[Change]:
        return describe(list(change_rows(treaty=obj)[:FEED_LENGTH]))
