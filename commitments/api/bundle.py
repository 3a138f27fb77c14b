"""The bulk download: every table as CSV in one zip, described by a Frictionless data package.

The zip is built once per freshness (the data version and today's date, commitments/versioning.py:
its participation table speaks for the day it was made) and cached under it, so a change to any
fact, or a new day, makes the next download a new build: it is never stale.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers as drf_serializers

from commitments import versioning
from commitments.api import serializers
from commitments.api.participation import ParticipationTable
from commitments.api.renderers import columns, serialized_csv
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

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CITATION = (
    "R2P Tracker: ASEAN member states' Responsibility to Protect commitments, dataset version "
    "{version}, licensed CC BY 4.0."
)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    serializer: type[drf_serializers.Serializer]
    rows: Callable[[datetime.date], Iterable]
    primary_key: str


def _all(queryset: QuerySet) -> Callable[[datetime.date], Iterable]:
    return lambda today: queryset.all().iterator(chunk_size=1000)


def _participation_today(today: datetime.date) -> Iterable:
    rows = ParticipationTable(State.objects.all(), Treaty.objects.all(), today, today).rows()
    return (row.values() for row in rows)


TABLES = [
    Table(
        "sources",
        "Sources every fact cites",
        serializers.SourceSerializer,
        _all(Source.objects.order_by("pk")),
        "id",
    ),
    Table(
        "states",
        "ASEAN member states",
        serializers.StateSerializer,
        _all(State.objects.select_related("source").order_by("iso3")),
        "state_iso3",
    ),
    Table(
        "treaties",
        "Treaties tracked",
        serializers.TreatySerializer,
        _all(Treaty.objects.select_related("source").order_by("key")),
        "key",
    ),
    Table(
        "treaty_actions",
        "Treaty actions: the dated event log",
        serializers.TreatyActionSerializer,
        _all(TreatyAction.objects.with_related().order_by("pk")),
        "id",
    ),
    Table(
        "status_observations",
        "Sourced statements of a state's status to a treaty on a date",
        serializers.StatusObservationSerializer,
        _all(StatusObservation.objects.with_related().order_by("pk")),
        "id",
    ),
    Table(
        "participation",
        "Derived status of every state to every treaty on the day the file was generated",
        serializers.ParticipationSerializer,
        _participation_today,
        "",
    ),
    Table(
        "focal_points",
        "R2P focal point designations",
        serializers.FocalPointSerializer,
        _all(FocalPoint.objects.select_related("state", "source").order_by("pk")),
        "id",
    ),
    Table(
        "nhris",
        "National human rights institutions",
        serializers.NHRISerializer,
        _all(
            NationalHumanRightsInstitution.objects.select_related("state", "source")
            .prefetch_related("accreditations__source")
            .order_by("pk")
        ),
        "id",
    ),
    Table(
        "accreditations",
        "GANHRI accreditation decisions",
        serializers.AccreditationSerializer,
        _all(Accreditation.objects.select_related("source").order_by("pk")),
        "id",
    ),
    Table(
        "laws",
        "Domestic laws",
        serializers.LawSerializer,
        _all(Law.objects.select_related("state", "source").order_by("pk")),
        "id",
    ),
]


def _field_type(field: drf_serializers.Field) -> dict:
    if isinstance(field, drf_serializers.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, drf_serializers.IntegerField | drf_serializers.PrimaryKeyRelatedField):
        return {"type": "integer"}
    if isinstance(field, drf_serializers.DateTimeField):
        return {"type": "datetime", "format": "any"}
    if isinstance(field, drf_serializers.DateField):
        return {"type": "date"}
    if isinstance(field, drf_serializers.URLField):
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def table_schema(table: Table) -> dict:
    """The Frictionless table schema of a table: its CSV columns, in order, with their types."""
    serializer = table.serializer()
    fields = {
        name: field
        for name, field in serializer.fields.items()
        if not isinstance(field, drf_serializers.ListSerializer)
    }
    described = []
    for column, field in zip(columns(serializer), fields.values(), strict=True):
        entry = {"name": column, **_field_type(field)}
        if field.help_text:
            entry["description"] = str(field.help_text)
        # A related field's `choices` would read its whole table; only fixed choices are listed.
        if isinstance(field, drf_serializers.ChoiceField) and field.choices:
            entry["constraints"] = {"enum": [str(value) for value in field.choices]}
        described.append(entry)
    schema = {"fields": described}
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    return schema


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def build_dataset(fresh: versioning.Freshness, generated: datetime.datetime) -> bytes:
    """The zip of every table, `datapackage.json` and `SHA256SUMS`, as bytes."""
    label = fresh.version.label
    today = fresh.today
    changed = fresh.version.changed_at
    members: dict[str, bytes] = {}
    resources = []
    for table in TABLES:
        content = "".join(serialized_csv(table.serializer(), table.rows(today))).encode()
        path = f"{table.name}.csv"
        members[path] = content
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": f"sha256:{sha256(content)}",
                "schema": table_schema(table),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "r2p-tracker-asean",
        "title": "R2P Tracker: ASEAN states' Responsibility to Protect commitments",
        "version": label,
        "data_last_updated": changed.isoformat() if changed else None,
        "created": generated.isoformat(),
        "licenses": [LICENSE],
        "citation": CITATION.format(version=label),
        "resources": resources,
    }
    members["datapackage.json"] = json.dumps(package, indent=2, ensure_ascii=False).encode()
    sums = "".join(f"{sha256(content)}  {name}\n" for name, content in members.items())
    members["SHA256SUMS"] = sums.encode()

    buffer = io.BytesIO()
    stamp = generated.astimezone(datetime.UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(f"r2p-tracker-{label}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def dataset_zip(fresh: versioning.Freshness) -> bytes:
    """The bundle for this freshness, built on first request and cached under it."""
    if not fresh.is_known:
        return build_dataset(fresh, timezone.now())
    key = f"r2p:dataset-zip:{fresh.token}"
    content = cache.get(key)
    if content is None:
        content = build_dataset(fresh, timezone.now())
        cache.set(key, content, settings.CACHE_TIMEOUT)
    return content


def dataset_filename(version: versioning.Version) -> str:
    return f"r2p-tracker-{version.label}.zip"
