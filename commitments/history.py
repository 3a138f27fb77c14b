"""The history of a row, or of a state with every fact about it, as the admin's History page
lists it: newest first, each change with its user, reason and the fields it changed.

Read from django-simple-history's tables in one query per kind of fact, whatever the number of
changes; each change's fields are found by comparing it with the previous record of the same row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    STATE_FACTS,
    FactModel,
    NationalHumanRightsInstitution,
    State,
    Treaty,
)

KINDS = {"+": _("added"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One change to one row."""

    at: datetime.datetime
    model: type[models.Model]
    row_id: int
    label: str
    kind: str
    user: str
    reason: str
    fields: list[FieldChange]
    record_id: int
    # The row's version after this change (commitments/concurrency.py).
    updated_at: datetime.datetime | None = None

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))

    @property
    def model_name(self) -> str:
        return str(self.model._meta.model_name)

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)


def _shown(value, related: dict | None = None) -> str:
    if value in (None, ""):
        return "—"
    if related is not None and value in related:
        return str(related[value])
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def _label(record, model: type[models.Model], known: dict[str, dict] | None) -> str:
    """The row's own name, its state, treaty and institution taken from `known`, not queried."""
    if known is None:
        return ""
    instance = record.instance
    for name, rows in known.items():
        key = getattr(instance, f"{name}_id", None)
        if key is None:
            continue
        if key not in rows:
            return f"{model._meta.verbose_name} {record.id}"
        setattr(instance, name, rows[key])
    return str(instance)


def _related_model(model: type[models.Model], name: str) -> type[models.Model]:
    related = model._meta.get_field(name).related_model
    assert isinstance(related, type), name
    return related


def _related_rows(model: type[models.Model], deltas: list) -> dict[str, dict]:
    """The rows that changed foreign keys name, by field: one query per related model."""
    wanted: dict[str, set] = defaultdict(set)
    for delta in deltas:
        for change in delta.changes:
            if model._meta.get_field(change.field).is_relation:
                wanted[change.field] |= {change.old, change.new} - {None}
    return {
        name: _related_model(model, name)._default_manager.in_bulk(ids)
        for name, ids in wanted.items()
    }


def entries(
    model: type[models.Model], records: Iterable, known: dict[str, dict] | None
) -> list[Entry]:
    """The changes in `records` (one model's history, oldest first), each with what it changed
    since the previous record of its row. With `known` (related rows by key), each is labelled
    with the row's name."""
    previous: dict[int, object] = {}
    pairs = []
    for record in records:
        before = previous.get(record.id)
        changed = before is not None and record.history_type == "~"
        pairs.append((record, record.diff_against(before) if changed else None))
        previous[record.id] = record
    related = _related_rows(model, [delta for _record, delta in pairs if delta is not None])
    found = []
    for record, delta in pairs:
        fields = [
            FieldChange(
                str(getattr(model._meta.get_field(change.field), "verbose_name", change.field)),
                _shown(change.old, related.get(change.field)),
                _shown(change.new, related.get(change.field)),
            )
            for change in (delta.changes if delta is not None else [])
            if change.field != "updated_at"
        ]
        found.append(
            Entry(
                at=record.history_date,
                model=model,
                row_id=record.id,
                label=_label(record, model, known),
                kind=record.history_type,
                user=str(record.history_user) if record.history_user_id else "",
                reason=record.history_change_reason or "",
                fields=fields,
                record_id=record.history_id,
                updated_at=record.updated_at,
            )
        )
    return found


def records_of(model: type[models.Model], **lookup) -> models.QuerySet:
    """The history of `model` (one of the fact models, each history-tracked) matching `lookup`."""
    return (
        cast("type[FactModel]", model)
        .history.filter(**lookup)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def newest_first(found: list[Entry]) -> list[Entry]:
    return sorted(found, key=lambda entry: (entry.at, entry.record_id), reverse=True)


def of_row(model: type[models.Model], pk) -> list[Entry]:
    """The changes to one row, deleted or not, newest first."""
    return newest_first(entries(model, records_of(model, id=pk), None))


def of_state(state: State) -> list[Entry]:
    """The changes to a state and to every fact about it, newest first: one query per kind of
    fact, one for the treaties and one for the state's institutions."""
    treaties = Treaty.objects.in_bulk()
    institutions = NationalHumanRightsInstitution.objects.filter(state=state).in_bulk()
    for institution in institutions.values():
        institution.state = state
    known: dict[str, dict] = {"state": {state.pk: state}, "treaty": treaties, "nhri": institutions}
    found = entries(State, records_of(State, id=state.pk), {})
    for model, lookup in STATE_FACTS.items():
        # A fact's history names its state (or institution) by id, deleted facts included.
        if lookup == "state":
            records = records_of(model, state_id=state.pk)
        else:
            ids = NationalHumanRightsInstitution.history.filter(state_id=state.pk).values("id")
            records = records_of(model, nhri_id__in=ids)
        found.extend(entries(model, records, known))
    return newest_first(found)
