"""The bulk download: every table as CSV in one zip, a valid Frictionless tabular data package.

Inside the zip's one folder: a CSV per table; `datapackage.json`, whose table schemas give every
column's type, title, description and allowed values, each table's primary key and foreign keys;
`README.md`, the codebook, generated from the same metadata; `CITATION.cff`; `LICENSE.txt`, the
data licence; and `SHA256SUMS`. Column titles and descriptions come from the serializers, which
take them from `commitments.api.codebook`, so the API schema and the bundle say the same.

The live zip is built once per freshness (the data version and today's date,
commitments/versioning.py: its participation table speaks for the day it is built) and cached
under it, so a change to any fact, or a new day, makes the next download a new build: it is never
stale. A release (`commitments.release_models`) stores the zip built when it was cut.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers as drf_serializers

from commitments import scoring, versioning
from commitments.api import codebook, score_tables, serializers
from commitments.api.follow_through import FollowThroughs
from commitments.api.participation import ParticipationTable
from commitments.api.renderers import columns, derived_csv, serialized_csv
from commitments.filters import EARLIEST_AS_OF
from commitments.models import (
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
from commitments.release_models import Edition

TITLE = "R2P Tracker: ASEAN member states' Responsibility to Protect commitments"
DESCRIPTION = (
    "Sourced facts on how the eleven ASEAN member states keep their Responsibility to Protect "
    "commitments: the treaties they sign, ratify or leave, the laws that implement them, their "
    "national human rights institutions and GANHRI accreditation, and their R2P focal points; "
    "with the status each state holds towards each treaty, derived from the dated events; and "
    "their engagement with R2P at the UN, their promises in the Universal Periodic Review and "
    "what followed, their national mechanisms, and ASEAN's own regional commitments."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
LICENSE_TEXT = Path(settings.BASE_DIR) / "LICENSES" / "CC-BY-4.0.txt"
CITATION = (
    "R2P Tracker: ASEAN member states' Responsibility to Protect commitments, {edition}. "
    "Licensed CC BY 4.0."
)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    serializer: type[drf_serializers.Serializer]
    rows: Callable[[datetime.date], Iterable]
    primary_key: tuple[str, ...]
    # Rows that are plain values under the serializer's field names (derived tables).
    derived: bool = False


def _all(queryset: QuerySet) -> Callable[[datetime.date], Iterable]:
    return lambda today: queryset.all().iterator(chunk_size=1000)


def _upr_recommendations_on(today: datetime.date) -> Iterable:
    rows = UprRecommendation.objects.published().with_related().order_by("pk")
    return FollowThroughs(today, today).annotate(rows)


def _scores_on(today: datetime.date) -> Iterable:
    return (row.values() for row in score_tables.scorecards(None, today, today, scoring.CURRENT))


def _panel_to(today: datetime.date) -> Iterable:
    query = score_tables.PanelQuery(
        start=EARLIEST_AS_OF.year, end=today.year, method=scoring.CURRENT, today=today
    )
    return score_tables.indicator_rows(query)


def _participation_on(today: datetime.date) -> Iterable:
    rows = ParticipationTable(State.objects.all(), Treaty.objects.all(), today, today).rows()
    return (row.values() for row in rows)


TABLES = [
    Table(
        "sources",
        "Sources",
        "The documents and pages every fact was read from, with the date each speaks for.",
        serializers.SourceSerializer,
        _all(Source.objects.order_by("pk")),
        ("id",),
    ),
    Table(
        "states",
        "States",
        "The ASEAN member states.",
        serializers.StateSerializer,
        _all(State.objects.select_related("source").order_by("iso3")),
        ("iso3",),
    ),
    Table(
        "treaties",
        "Treaties",
        "The treaties tracked.",
        serializers.TreatySerializer,
        _all(Treaty.objects.select_related("source").order_by("key")),
        ("key",),
    ),
    Table(
        "treaty_actions",
        "Treaty actions",
        "The dated event log: each signature, consent, denunciation or withdrawal of a state.",
        serializers.TreatyActionSerializer,
        _all(TreatyAction.objects.published().with_related().order_by("pk")),
        ("id",),
    ),
    Table(
        "status_observations",
        "Status observations",
        "Sourced statements that a state's status to a treaty was S on a date, including "
        "sourced absences (no_action).",
        serializers.StatusObservationSerializer,
        _all(StatusObservation.objects.published().with_related().order_by("pk")),
        ("id",),
    ),
    Table(
        "participation",
        "Participation",
        "The status of every state to every treaty on the day the file was built, derived from "
        "the treaty actions and status observations, with the evidence it rests on.",
        serializers.ParticipationSerializer,
        _participation_on,
        ("state_iso3", "treaty_key"),
    ),
    Table(
        "scores",
        "Scores",
        "Each state's total, rank, coverage and group scores on the day the file was built, "
        "under the current scoring method (method_version); see docs/methodology.md.",
        score_tables.ScoreSerializer,
        _scores_on,
        ("state_iso3",),
        derived=True,
    ),
    Table(
        "panel",
        "Panel",
        "Each state's status and points on each indicator of the current scoring method, year "
        "by year from 1945: each year read on 31 December, the current year on the day the "
        "file was built. not_applicable before a treaty's adoption or a state's independence.",
        score_tables.PanelSerializer,
        _panel_to,
        ("state_iso3", "year", "indicator"),
        derived=True,
    ),
    Table(
        "focal_points",
        "R2P focal points",
        "National R2P focal point designations.",
        serializers.FocalPointSerializer,
        _all(FocalPoint.objects.published().select_related("state", "source").order_by("pk")),
        ("id",),
    ),
    Table(
        "nhris",
        "National human rights institutions",
        "National human rights institutions; their GANHRI decisions are in accreditations.",
        serializers.NHRISerializer,
        _all(
            NationalHumanRightsInstitution.objects.published()
            .select_related("state", "source")
            .with_accreditations()
            .order_by("pk")
        ),
        ("id",),
    ),
    Table(
        "accreditations",
        "GANHRI accreditations",
        "GANHRI decisions on the institutions' compliance with the Paris Principles.",
        serializers.AccreditationSerializer,
        _all(Accreditation.objects.published().select_related("source").order_by("pk")),
        ("id",),
    ),
    Table(
        "institution_observations",
        "Institution observations",
        "Sourced statements that a state's national human rights institution, R2P focal point, "
        "membership of the Group of Friends of R2P or law of a category stood at a status on a "
        "date, including sourced absences.",
        serializers.InstitutionObservationSerializer,
        _all(InstitutionObservation.objects.published().with_related().order_by("pk")),
        ("id",),
    ),
    Table(
        "laws",
        "Domestic laws",
        "Domestic laws relevant to atrocity prevention.",
        serializers.LawSerializer,
        _all(Law.objects.published().select_related("state", "source").order_by("pk")),
        ("id",),
    ),
    Table(
        "engagements",
        "Engagements with R2P at the UN",
        "Dated acts of engagement with R2P: statements at the General Assembly's dialogue or "
        "debate, group statements, recorded votes, the Group of Friends of R2P and the Global "
        "Network of R2P Focal Points.",
        serializers.EngagementSerializer,
        _all(Engagement.objects.published().with_related().order_by("pk")),
        ("id",),
    ),
    Table(
        "upr_recommendations",
        "UPR recommendations",
        "Recommendations received and pledges made in the UN Universal Periodic Review, one row "
        "per target, with the follow-through derived on the day the file was built.",
        serializers.UprRecommendationSerializer,
        _upr_recommendations_on,
        ("id",),
    ),
    Table(
        "national_mechanisms",
        "National mechanisms",
        "Milestones of national dialogues, peace and transitional-justice processes, early "
        "warning and atrocity-prevention bodies.",
        serializers.NationalMechanismSerializer,
        _all(NationalMechanism.objects.published().with_related().order_by("pk")),
        ("id",),
    ),
    Table(
        "regional_events",
        "ASEAN regional events",
        "Milestones of ASEAN's own commitments: AICHR, ACWC, AIPR, declarations, plans of action, "
        "the High-Level Advisory Panel and the ASEAN trafficking convention.",
        serializers.RegionalEventSerializer,
        _all(RegionalEvent.objects.published().select_related("source").order_by("pk")),
        ("id",),
    ),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}


def _field_type(field: drf_serializers.Field) -> dict:
    if isinstance(field, drf_serializers.BooleanField):
        return {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    if isinstance(field, drf_serializers.IntegerField | drf_serializers.PrimaryKeyRelatedField):
        return {"type": "integer"}
    if isinstance(field, drf_serializers.DateTimeField):
        return {"type": "datetime"}
    if isinstance(field, drf_serializers.DateField):
        return {"type": "date"}
    if isinstance(field, drf_serializers.URLField):
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def _required(field: drf_serializers.Field) -> bool:
    """Whether every row has a value: the field is never null, and never blank text."""
    return not field.allow_null and not getattr(field, "allow_blank", False)


def _csv_fields(
    serializer: drf_serializers.Serializer,
) -> list[tuple[str, str, drf_serializers.Field]]:
    """(column, field name, field) for each CSV column of `serializer`, in order."""
    fields = [
        (name, field)
        for name, field in serializer.fields.items()
        if not isinstance(field, drf_serializers.ListSerializer)
    ]
    return [
        (column, name, field)
        for column, (name, field) in zip(columns(serializer), fields, strict=True)
    ]


def table_schema(table: Table) -> dict:
    """The Frictionless table schema of a table: its columns, in order, with their types, titles,
    descriptions and constraints, its primary key and its foreign keys."""
    serializer = table.serializer()
    # Every table's serializer is `Documented`: its Meta names the codebook's resource.
    resource: str = cast(Any, serializer).Meta.resource
    described = []
    foreign_keys = []
    for column, name, field in _csv_fields(serializer):
        doc = codebook.field_doc(resource, name)
        entry = {
            "name": column,
            "title": str(field.label),
            "description": str(field.help_text),
            **_field_type(field),
        }
        constraints: dict = {}
        if column in table.primary_key or _required(field):
            constraints["required"] = True
        # A related field's `choices` would read its whole table; only fixed choices are listed.
        if isinstance(field, drf_serializers.ChoiceField) and field.choices:
            constraints["enum"] = [str(value) for value in field.choices if value != ""]
        if doc.pattern:
            constraints["pattern"] = doc.pattern
        if constraints:
            entry["constraints"] = constraints
        described.append(entry)
        if doc.references:
            target = TABLES_BY_NAME[doc.references]
            foreign_keys.append(
                {
                    "fields": column,
                    "reference": {"resource": target.name, "fields": target.primary_key[0]},
                }
            )
    schema = {
        "fields": described,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def codebook_markdown(package: dict) -> str:
    """The README of the bundle: what it holds, its conventions, and every column of every
    table, written from the package's own metadata."""
    lines = [
        f"# {package['title']}",
        "",
        package["description"],
        "",
        f"- Version: {package['version']}"
        + (f" (release {package['release']})" if package.get("release") else ""),
        f"- Data version: {package['data_version']}",
        f"- Built: {package['created']}",
        "- Licence: Creative Commons Attribution 4.0 International (CC BY 4.0), in LICENSE.txt.",
        f"- Cite as: {package['citation']} (CITATION.cff has the same in Citation File Format.)",
        "",
        "## Conventions",
        "",
        "- Every file is UTF-8 CSV with a header row. `datapackage.json` describes them as a "
        "Frictionless tabular data package; `SHA256SUMS` holds the checksum of every file "
        "(`sha256sum -c SHA256SUMS`).",
        "- An empty cell means that nothing is recorded: for a fact, that nobody has verified "
        "it. It never means *no action*: a sourced absence is a row that says so.",
        "- Dates known only to a month or a year: the date column holds the first day of the "
        "period and the `*_precision` column beside it says `day`, `month` or `year` (`unknown` "
        "when there is no date). Derived text dates (`since`, `event_date`, `last_verified`) are "
        "written as precisely as they are known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
        "- Times are UTC, in ISO 8601. Booleans are `true` or `false`.",
        "- Every fact names its source (`source_id`, a row of `sources.csv`, and `source_url`).",
        "",
        "## Tables",
    ]
    for resource in package["resources"]:
        schema = resource["schema"]
        lines += [
            "",
            f"### {resource['path']}: {resource['title']}",
            "",
            resource["description"],
            "",
            f"Primary key: {', '.join(f'`{name}`' for name in schema['primaryKey'])}.",
        ]
        references = [
            f"`{key['fields']}` → `{key['reference']['resource']}.{key['reference']['fields']}`"
            for key in schema.get("foreignKeys", [])
        ]
        if references:
            lines.append(f"Foreign keys: {', '.join(references)}.")
        lines += [
            "",
            "| Column | Type | Title | Description | Allowed values |",
            "|---|---|---|---|---|",
        ]
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            allowed = ", ".join(f"`{value}`" for value in constraints.get("enum", []))
            if "pattern" in constraints:
                allowed = allowed or "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`"
            lines.append(
                f"| `{field['name']}` | {field['type']} | {_cell(field['title'])} | "
                f"{_cell(field['description'])} | {allowed} |"
            )
    return "\n".join(lines) + "\n"


def citation_cff(edition: Edition, generated: datetime.datetime) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the bundle."""
    released = edition.released_on or (edition.version.changed_at or generated).date()
    fields = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": TITLE,
        "abstract": DESCRIPTION,
        "version": edition.label,
        "date-released": released.isoformat(),
        "license": LICENSE["name"],
        "authors": [{"name": "R2P Tracker"}],
        "keywords": ["Responsibility to Protect", "ASEAN", "atrocity prevention", "treaties"],
    }
    if settings.SITE_URL:
        fields["url"] = f"{settings.SITE_URL}/data/"
        if edition.release:
            fields["repository-artifact"] = (
                f"{settings.SITE_URL}/api/v1/releases/{edition.release}/dataset.zip"
            )
    # JSON's strings and lists are valid YAML, which keeps every value quoted as written.
    lines = []
    for key, value in fields.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first, *rest = item.items()
                lines.append(f"  - {first[0]}: {json.dumps(first[1])}")
                lines += [f"    {k}: {json.dumps(v)}" for k, v in rest]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def consistent_reads() -> Iterator[None]:
    """Every query inside reads the same snapshot of the database, so the tables of one bundle
    agree with each other (each foreign key finds its row) even while researchers save.

    SQLite gives a transaction one snapshot; PostgreSQL needs REPEATABLE READ for it. Inside a
    transaction already begun the isolation cannot change, and the caller's stands."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def build_dataset(edition: Edition, generated: datetime.datetime, today: datetime.date) -> bytes:
    """The zip of every table, `datapackage.json`, the codebook, the citation, the licence and
    `SHA256SUMS`, as bytes. Call it inside `consistent_reads()`."""
    members: dict[str, bytes] = {}
    resources = []
    for table in TABLES:
        write = derived_csv if table.derived else serialized_csv
        content = "".join(write(table.serializer(), table.rows(today))).encode()
        path = f"{table.name}.csv"
        members[path] = content
        resources.append(
            {
                "name": table.name,
                "profile": "tabular-data-resource",
                "title": table.title,
                "description": table.description,
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
        "title": TITLE,
        "description": DESCRIPTION,
        "version": edition.label,
        "data_version": edition.version.label,
        "release": edition.release,
        "created": generated.astimezone(datetime.UTC).isoformat(),
        "licenses": [LICENSE],
        "citation": CITATION.format(edition=edition.describe()),
        "resources": resources,
    }
    if settings.SITE_URL:
        package["homepage"] = f"{settings.SITE_URL}/data/"
    members["datapackage.json"] = json.dumps(package, indent=2, ensure_ascii=False).encode()
    members["README.md"] = codebook_markdown(package).encode()
    members["CITATION.cff"] = citation_cff(edition, generated).encode()
    members["LICENSE.txt"] = LICENSE_TEXT.read_bytes()
    sums = "".join(f"{sha256(content)}  {name}\n" for name, content in members.items())
    members["SHA256SUMS"] = sums.encode()

    buffer = io.BytesIO()
    stamp = generated.astimezone(datetime.UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(f"r2p-tracker-{edition.label}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def dataset_zip(fresh: versioning.Freshness) -> bytes:
    """The bundle for this freshness, built on first request and cached under it."""
    if not fresh.is_known:
        with consistent_reads():
            return build_dataset(Edition(fresh.version), timezone.now(), fresh.today)
    key = f"r2p:dataset-zip:{fresh.token}"
    content = cache.get(key)
    if content is None:
        with consistent_reads():
            content = build_dataset(Edition(fresh.version), timezone.now(), fresh.today)
        cache.set(key, content, settings.CACHE_TIMEOUT)
    return content


def dataset_filename(label: str) -> str:
    return f"r2p-tracker-{label}.zip"
