"""The review queue: every fact waiting for an Editor, with what would change, field by field.

A pending new fact shows each of its values; a change proposed to a published fact shows each
changed field's published and proposed values. Related rows named by a proposal (a new source,
another state) are read in one query per related model, so the queue costs a constant number of
queries: one per fact model, plus one per related model that proposals name.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from commitments.models import FACT_MODELS, Fact, Source

# The fact models under review, in the order of the queue.
REVIEWED_MODELS: list[type[Fact]] = [m for m in FACT_MODELS if issubclass(m, Fact)]


@dataclass(frozen=True)
class FieldChange:
    """One field of a pending fact: its label, its published value (empty for a new fact) and
    the value proposed."""

    label: str
    published: str
    proposed: str


@dataclass(frozen=True)
class PendingFact:
    """A fact waiting for review: new (`is_new`), or published with a change proposed to it."""

    fact: Fact
    is_new: bool
    changes: tuple[FieldChange, ...]
    source: Source | None

    @property
    def model_key(self) -> str:
        return cast(str, self.fact._meta.model_name)

    @property
    def model_name(self) -> str:
        return str(self.fact._meta.verbose_name)


def _related(model: type[Fact]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.name != "proposed_by"
    ]


def _related_model(model: type[models.Model], name: str) -> type[models.Model]:
    return cast(type[models.Model], model._meta.get_field(name).related_model)


def _joined(model: type[Fact]) -> list[str]:
    """What a fact's row in the queue prints: its related rows, and their states (an
    accreditation is named after its institution's state)."""
    names = _related(model)
    return names + [
        f"{name}__state"
        for name in names
        if any(f.name == "state" for f in _related_model(model, name)._meta.fields)
    ]


def _display(field: models.Field, value, related: dict) -> str:
    """A field's value as a reviewer reads it: a choice's label, a related row's name, a date in
    ISO form."""
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        found = related.get((field.related_model, value))
        return str(found) if found is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def pending(models_: list[type[Fact]] | None = None) -> list[PendingFact]:
    """Everything awaiting review, oldest proposal first within each kind of fact."""
    by_model = {
        model: list(model.objects.awaiting_review().select_related("proposed_by", *_joined(model)))
        for model in models_ or REVIEWED_MODELS
    }
    # Related rows that proposals name and the loaded facts do not hold, per related model.
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for model, facts in by_model.items():
        for fact in facts:
            for name, value in fact.proposed_changes.items():
                field = model._meta.get_field(name)
                if isinstance(field, models.ForeignKey) and value is not None:
                    wanted[field.related_model].add(field.to_python(value))
    related: dict[tuple[type[models.Model], object], models.Model] = {}
    for related_model, keys in wanted.items():
        for key, row in related_model._default_manager.in_bulk(keys).items():
            related[(related_model, key)] = row
    for facts in by_model.values():
        for fact in facts:
            for name in _related(type(fact)):
                foreign_key = cast(models.ForeignKey, fact._meta.get_field(name))
                cached = foreign_key.get_cached_value(fact, default=None)
                if cached is not None:
                    related[(_related_model(type(fact), name), cached.pk)] = cached
    queue = []
    for model, facts in by_model.items():
        for fact in facts:
            queue.append(_pending(model, fact, related))
    return queue


def _pending(model: type[Fact], fact: Fact, related: dict) -> PendingFact:
    is_new = not fact.is_published
    changes = []
    source = fact.source
    if is_new:
        for field in model.content_fields():
            value = getattr(fact, field.attname)
            if value in (None, ""):
                continue
            changes.append(
                FieldChange(str(field.verbose_name), "", _display(field, value, related))
            )
    else:
        for name, raw in fact.proposed_changes.items():
            field = cast(models.Field, model._meta.get_field(name))
            value = field.to_python(raw)
            changes.append(
                FieldChange(
                    str(field.verbose_name),
                    _display(field, getattr(fact, field.attname), related),
                    _display(field, value, related),
                )
            )
            if name == "source" and value is not None:
                source = related.get((Source, value), source)
    return PendingFact(fact, is_new, tuple(changes), source)
