"""The public change log: every recorded change to a fact, newest first, and its Atom feeds.

The log reads the django-simple-history tables of all fact models as one UNION query with the same
columns for every model, so a page of the log costs the same few queries whatever the number of
models, rows or changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db import models
from django.db.models import F, Max, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.api.deletions import COLLECTIONS
from commitments.models import (
    FACT_MODELS,
    Accreditation,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.vocabularies import Action, GanhriStatus, IndicatorStatus, ObservedStatus

FEED_LENGTH = 50

CHANGE_KINDS = {
    "+": gettext_lazy("Added"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}

# A typed NULL: PostgreSQL cannot match an untyped NULL column with bigint columns in a UNION.
_NONE = Cast(Value(None), output_field=models.BigIntegerField())

# Per model: the columns naming the state, the treaty, the source, a label and a date.
_COLUMNS = {
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
}
assert set(_COLUMNS) == set(FACT_MODELS)


def _history_rows(model: type[models.Model], state: State | None) -> models.QuerySet:
    columns = _COLUMNS[model]
    rows = model.history.model.objects.order_by().values(
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
    if state is not None:
        rows = rows.filter(state_id_=state.pk)
    return rows


def _label(model: type[models.Model]):
    return Coalesce(_COLUMNS[model]["label"], Value(""), output_field=models.TextField())


def _previous_versions(rows: Sequence[dict]) -> dict[tuple[int, int], dict]:
    """The label, date and source each row's record had just before that change, in one query.

    Keyed by (model index, history id); rows whose record had no earlier version are left out.
    """
    wanted: dict[int, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["model_index"], []).append(row["history_pk"])
    parts = []
    for index, history_ids in wanted.items():
        model = FACT_MODELS[index]
        history = model.history.model
        latest_before = (
            history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
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


def change_rows(state: State | None = None) -> models.QuerySet:
    """Every change to every fact model (or those about `state`), newest first: one query.

    Sources and treaties concern no single state, so a state's log leaves them out.
    """
    models_ = [m for m in FACT_MODELS if state is None or m not in (Source, Treaty)]
    parts = [_history_rows(model, state) for model in models_]
    return parts[0].union(*parts[1:], all=True).order_by("-at", "-history_pk")


@dataclass(frozen=True)
class Change:
    """One row of the log, ready to print."""

    at: datetime.datetime
    kind: str
    model_name: str
    subject: str
    reason: str
    anchor: str
    link: str
    source: Source | None
    state: State | None
    details: tuple[str, ...] = ()
    # The changed row's collection in the API and its id there.
    resource: str = ""
    object_id: int | None = None

    @property
    def kind_label(self) -> str:
        return str(CHANGE_KINDS.get(self.kind, self.kind))

    @property
    def title(self) -> str:
        if self.kind == "-":
            # The row is gone: its id is what a copy of the data can still find it by.
            return f"{self.kind_label}: {self.model_name} {self.object_id}: {self.subject}"
        return f"{self.kind_label}: {self.model_name}: {self.subject}"

    @property
    def row(self) -> str:
        """The row the change concerns, as the API names it; a deletion's is listed in
        /api/v1/deletions/ with the same collection and id."""
        return _("%(resource)s id %(id)s") % {"resource": self.resource, "id": self.object_id}


_LABELS = {
    TreatyAction: dict(Action.choices),
    StatusObservation: dict(ObservedStatus.choices),
    Accreditation: dict(GanhriStatus.choices),
    InstitutionObservation: dict(IndicatorStatus.choices),
}


def describe(rows: Sequence[dict]) -> list[Change]:
    """Names, sources and what each update changed for a page of `change_rows`: four queries,
    whatever the page holds (none when it is empty).

    Rows may name states, treaties or sources deleted since; those print without a link.
    """
    rows = list(rows)
    if not rows:
        return []
    previous = _previous_versions(rows)
    states = {s.pk: s for s in State.objects.only("pk", "iso3", "short_name")}
    treaties = {t.pk: t for t in Treaty.objects.only("pk", "key", "short_name")}
    sources = Source.objects.in_bulk({row["source_id_"] for row in rows if row["source_id_"]})
    changes = []
    for row in rows:
        model = FACT_MODELS[row["model_index"]]
        state = states.get(row["state_id_"])
        treaty = treaties.get(row["treaty_id_"])
        label = str(_LABELS.get(model, {}).get(row["label"], row["label"]))
        parts = []
        if row["state_id_"] is not None and model is not State:
            parts.append(state.short_name if state else _("a state no longer listed"))
        if row["treaty_id_"] is not None and model is not Treaty:
            parts.append(treaty.short_name if treaty else _("a treaty no longer listed"))
        parts.append(f"{label} ({row['on'].isoformat()})" if row["on"] else label)
        if model is State and state:
            link = state.get_absolute_url()
        elif model is Treaty and treaty:
            link = treaty.get_absolute_url()
        elif state is not None:
            link = state.get_absolute_url()
        else:
            link = ""
        changes.append(
            Change(
                at=row["at"],
                kind=row["change_kind"],
                model_name=str(model._meta.verbose_name),
                subject=" · ".join(parts),
                reason=row["reason"],
                anchor=f"change-{model._meta.model_name}-{row['history_pk']}",
                link=link,
                source=sources.get(row["source_id_"]),
                state=state,
                details=tuple(
                    _what_changed(model, row, previous.get((row["model_index"], row["history_pk"])))
                ),
                resource=str(COLLECTIONS[model][0]),
                object_id=row["object_id"],
            )
        )
    return changes


class ChangesFeed(Feed):
    """The newest changes to any fact, as Atom."""

    feed_type = Atom1Feed
    title = gettext_lazy("R2P Tracker: data changes")
    subtitle = gettext_lazy(
        "Every change to the sourced facts behind the ASEAN R2P scorecards, newest first."
    )

    def link(self) -> str:
        return reverse("commitments:changes")

    def items(self) -> list[Change]:
        return describe(list(change_rows()[:FEED_LENGTH]))

    def item_title(self, item: Change) -> str:
        return item.title

    def item_description(self, item: Change) -> str:
        lines = [item.title, *item.details, item.row]
        if item.source is not None:
            lines.append(
                _("Source: %(source)s <%(url)s>")
                % {
                    "source": item.source.label,
                    "url": item.source.url,
                }
            )
        if item.reason:
            lines.append(item.reason)
        return "\n".join(lines)

    def item_categories(self, item: Change) -> tuple[str, ...]:
        return (item.resource, item.kind_label)

    def item_link(self, item: Change) -> str:
        return f"{reverse('commitments:changes')}#{item.anchor}"

    def item_guid(self, item: Change) -> str:
        return f"{reverse('commitments:changes')}#{item.anchor}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Change) -> datetime.datetime:
        return item.at

    def item_updateddate(self, item: Change) -> datetime.datetime:
        return item.at


class CountryChangesFeed(ChangesFeed):
    """The newest changes to one state's facts, as Atom."""

    def get_object(self, request, iso3: str) -> State:
        state = State.objects.by_code(iso3).first()
        if state is None:
            raise Http404(_("No state with the code %(code)s.") % {"code": iso3.upper()})
        return state

    def title(self, obj: State) -> str:
        return _("R2P Tracker: data changes for %(state)s") % {"state": obj.short_name}

    def subtitle(self, obj: State) -> str:
        return _("Every change to the sourced facts behind %(state)s's scorecard.") % {
            "state": obj.short_name
        }

    def link(self, obj: State) -> str:
        return obj.get_absolute_url()

    def items(self, obj: State) -> list[Change]:
        return describe(list(change_rows(obj)[:FEED_LENGTH]))
