"""No lost updates: a change based on a version of a row that is no longer current is refused.

A row's version is its `updated_at`, which every save moves (the history keeps it with each
change). The admin's change forms carry the version they were drawn from in a hidden field and
compare it with the row, locked until the save ends; the API names each representation with an
ETag and honours `If-Match` on PUT, PATCH and DELETE. When a save is refused, `changes_since`
says what changed meanwhile, field by field, by whom.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from commitments import history


def row_version(instance: models.Model) -> str:
    """The version of a saved row, as the admin's hidden field holds it."""
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def parse_version(value: str) -> datetime.datetime | None:
    """The `updated_at` a form's version names; None for a value no save could have written."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None else None


def locked_version(instance: models.Model) -> datetime.datetime | None:
    """The row's `updated_at` now, with the row locked until the transaction ends (PostgreSQL;
    SQLite writes one transaction at a time). None when the row has been deleted."""
    rows = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
    return rows.values_list("updated_at", flat=True).first()


def etag(data: Mapping, media_format: str) -> str:
    """The strong ETag of one object's representation in a format (json, csv): it changes
    whenever anything the representation shows changes, the row's own fields, its source's
    address or its nested rows, and with nothing else."""
    content = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(f"{media_format}\n{content}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def if_match_passes(header: str, current: Iterable[str], exists: bool = True) -> bool:
    """Whether an `If-Match` header names the current representation: `*` when the object
    exists, else one of the `current` ETags.

    A tag's weak form (`W/"..."`) is taken for the tag itself: the tag names the row's content,
    not the bytes of one encoding, and a proxy that compresses the answer (nginx's gzip) marks
    it weak on the way out.
    """
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if not exists:
        return False
    if "*" in tags:
        return True
    current = set(current)
    return any(tag.removeprefix("W/") in current for tag in tags)


def changes_since(
    model: type[models.Model], pk, version: datetime.datetime | None
) -> list[history.Entry]:
    """The saves of row `pk` after `version`, oldest first, each with the fields it changed.

    Read from the history on the refused save only.
    """
    found = history.entries(model, history.records_of(model, id=pk), None)
    return [
        entry
        for entry in found
        if entry.kind != "+"
        and (version is None or (entry.updated_at is not None and entry.updated_at > version))
    ]
