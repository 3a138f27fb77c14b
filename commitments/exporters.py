"""Write the whole dataset as the folder of CSV files that `load_dataset` reads.

The export is the human-readable backup and the way corrections made in the admin flow back into
`data/asean/`: `export_dataset DIR` then `load_dataset DIR` on an empty database gives back the same
facts, and exporting that database again gives byte-identical files.

`sources.csv` lists every source, cited or not, with its title, publisher, kind and the date it
speaks for; every fact row names its source by address and date (`source_url`, `source_as_of`),
which is a source's identity, and says how directly the source records it (`confidence`). Output
is deterministic: rows are sorted on their natural keys (never on database ids), dates are ISO
8601, files are UTF-8 with `\\n` line ends and minimal quoting: a cell is quoted when it holds a
comma, a quote or a line break (`\\r` included, which Python's csv writer leaves bare when lines
end in `\\n`, so a reader would split the row there). The history tables (who changed what, when)
are not part of the files; the PostgreSQL backup keeps them (docs/operations.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Model

from commitments.importers import FILES
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

SOURCE_COLUMNS = ["source_url", "source_as_of"]

# Columns of each file: the ones `load_dataset` requires, then the optional ones it reads.
COLUMNS: dict[str, list[str]] = {
    "sources.csv": [*FILES["sources.csv"], "origin_url", "origin_title", "notes"],
    "states.csv": [
        *FILES["states.csv"],
        "independent_on",
        "independent_on_precision",
        "un_member_since",
        "notes",
        *SOURCE_COLUMNS,
        "independence_source_url",
        "independence_source_as_of",
        "un_member_source_url",
        "un_member_source_as_of",
    ],
    "treaties.csv": [*FILES["treaties.csv"], "scope", *SOURCE_COLUMNS],
    "treaty_actions.csv": [
        *FILES["treaty_actions.csv"],
        "effective_on",
        "reservations",
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "status_observations.csv": [
        *FILES["status_observations.csv"],
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "nhris.csv": [*FILES["nhris.csv"], "notes", "confidence", *SOURCE_COLUMNS],
    "nhri_accreditations.csv": [
        *FILES["nhri_accreditations.csv"],
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "focal_points.csv": [
        *FILES["focal_points.csv"],
        "person_name",
        "ended_on",
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "laws.csv": [*FILES["laws.csv"], "notes", "confidence", *SOURCE_COLUMNS],
    "institution_observations.csv": [
        *FILES["institution_observations.csv"],
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "engagements.csv": [
        *FILES["engagements.csv"],
        "vote",
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "upr_recommendations.csv": [
        *FILES["upr_recommendations.csv"],
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "national_mechanisms.csv": [
        *FILES["national_mechanisms.csv"],
        "notes",
        "confidence",
        *SOURCE_COLUMNS,
    ],
    "regional_events.csv": [*FILES["regional_events.csv"], "notes", "confidence", *SOURCE_COLUMNS],
}


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _as_of(source: Source | None) -> str:
    as_of = source.partial_as_of if source is not None else None
    return as_of.isoformat() if as_of else ""


def _key(source: Source) -> tuple:
    """A source's identity: its address and the date it speaks for."""
    return (source.url, _as_of(source))


def _cell(obj: Model, path: str) -> str:
    value: Any = obj
    for name in path.split("."):
        value = getattr(value, name)
        if value is None:
            return ""
    if isinstance(value, Source):
        return _as_of(value)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


@dataclass(frozen=True)
class Table:
    """How one file is read from the database: which rows, in which order.

    Each column holds the model attribute of the same name, unless `attributes` names another
    (a dotted path for references: `state.iso3`).
    """

    name: str
    rows: Callable[[], Iterable[Model]]
    order: Callable[[Any], tuple]
    attributes: dict[str, str] = field(default_factory=dict)

    def __call__(self) -> Iterator[dict]:
        columns = COLUMNS[self.name]
        for obj in sorted(self.rows(), key=self.order):
            yield {c: _cell(obj, self.attributes.get(c, c)) for c in columns}


# Every fact names its source by address and date (the date is `_cell`'s for a Source).
CITES = {"source_url": "source.url", "source_as_of": "source"}
STATE_TREATY = {"state_iso3": "state.iso3", "treaty_key": "treaty.key", **CITES}

# Sort keys are natural keys, never database ids, so a reloaded database exports identically.
TABLES = [
    Table("sources.csv", lambda: Source.objects.all(), _key),
    Table(
        "states.csv",
        lambda: State.objects.select_related("source", "independence_source", "un_member_source"),
        lambda s: (s.iso3,),
        {
            **CITES,
            "independence_source_url": "independence_source.url",
            "independence_source_as_of": "independence_source",
            "un_member_source_url": "un_member_source.url",
            "un_member_source_as_of": "un_member_source",
        },
    ),
    Table(
        "treaties.csv",
        lambda: Treaty.objects.select_related("source"),
        lambda t: (t.adopted_on, t.key),
        CITES,
    ),
    Table(
        "treaty_actions.csv",
        lambda: TreatyAction.objects.published().with_related(),
        lambda a: (a.state.iso3, a.treaty.key, a.date, a.action),
        STATE_TREATY,
    ),
    Table(
        "status_observations.csv",
        lambda: StatusObservation.objects.published().with_related(),
        lambda o: (o.state.iso3, o.treaty.key, _iso(o.observed_on), o.status, _key(o.source)),
        {
            **STATE_TREATY,
            "observed_as_of": "observed_on",
            "observed_as_of_precision": "observed_on_precision",
        },
    ),
    Table(
        "nhris.csv",
        lambda: NationalHumanRightsInstitution.objects.published().select_related(
            "state", "source"
        ),
        lambda n: (n.state.iso3, n.acronym),
        {"state_iso3": "state.iso3", **CITES},
    ),
    Table(
        "nhri_accreditations.csv",
        lambda: Accreditation.objects.published().select_related("nhri__state", "source"),
        lambda a: (
            a.nhri.state.iso3,
            a.nhri.acronym,
            _iso(a.decided_on),
            a.status,
            _key(a.source),
        ),
        {
            "state_iso3": "nhri.state.iso3",
            "nhri_acronym": "nhri.acronym",
            "date_precision": "decided_on_precision",
            **CITES,
        },
    ),
    Table(
        "focal_points.csv",
        lambda: FocalPoint.objects.published().select_related("state", "source"),
        lambda f: (f.state.iso3, _iso(f.designated_on), f.office),
        {"state_iso3": "state.iso3", "date_precision": "designated_on_precision", **CITES},
    ),
    Table(
        "laws.csv",
        lambda: Law.objects.published().select_related("state", "source"),
        lambda w: (w.state.iso3, w.title),
        {"state_iso3": "state.iso3", "date_precision": "enacted_on_precision", **CITES},
    ),
    Table(
        "institution_observations.csv",
        lambda: InstitutionObservation.objects.published().with_related(),
        lambda o: (o.state.iso3, o.indicator, _iso(o.observed_on), o.status, _key(o.source)),
        {
            "state_iso3": "state.iso3",
            "observed_as_of": "observed_on",
            "observed_as_of_precision": "observed_on_precision",
            **CITES,
        },
    ),
    Table(
        "engagements.csv",
        lambda: Engagement.objects.published().with_related(),
        lambda e: (e.state.iso3, _iso(e.date), e.kind, e.title),
        {"state_iso3": "state.iso3", **CITES},
    ),
    Table(
        "upr_recommendations.csv",
        lambda: UprRecommendation.objects.published().with_related(),
        lambda r: (r.state.iso3, r.cycle, r.document, r.paragraph, r.target),
        {"state_iso3": "state.iso3", **CITES},
    ),
    Table(
        "national_mechanisms.csv",
        lambda: NationalMechanism.objects.published().with_related(),
        lambda m: (m.state.iso3, _iso(m.date), m.kind, m.title),
        {"state_iso3": "state.iso3", **CITES},
    ),
    Table(
        "regional_events.csv",
        lambda: RegionalEvent.objects.published().select_related("source"),
        lambda e: (e.body, _iso(e.date), e.kind, e.title),
        CITES,
    ),
]
ROWS: dict[str, Table] = {table.name: table for table in TABLES}


def _line(cells: Iterable[str]) -> str:
    """One CSV row: cells holding a comma, a quote or a line break are quoted."""
    return (
        ",".join(
            '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell
            for cell in cells
        )
        + "\n"
    )


def export_dataset(directory: Path) -> dict[str, int]:
    """Write one CSV file per table into `directory` (created if needed); return rows per file.

    Each file is written under a temporary name and renamed when complete, so an interrupted
    export never leaves a half-written file where a complete one was.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in ROWS.items():
        partial = directory / f".{name}.partial"
        with partial.open("w", encoding="utf-8", newline="") as handle:
            handle.write(_line(COLUMNS[name]))
            counts[name] = 0
            for row in rows():
                handle.write(_line(row.values()))
                counts[name] += 1
        partial.replace(directory / name)
    return counts
