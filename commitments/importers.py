"""Load the sourced dataset (a folder of CSV files) into the database.

The format is described in `data/asean/README.md` and in `manage.py load_dataset --help`. Loading
parses every row, validates it with the same model rules as the admin and the API, and upserts it by
its natural key, all inside one transaction: one bad row anywhere and nothing is written.

Loading never overwrites what researchers curated in the admin. A row that is new is added; a row
whose natural key is already in the database and whose other cells differ is left as the database
has it, and each differing cell is listed (file, row, column, file's value, database's value). With
`replace=True` the files' values are applied instead, each change recorded in the history with the
reason "Replaced from the dataset files". A row whose key was changed in the admin (an action's
date, a law's title), or that was deleted there, is recognised from the history: it is compared with
what it is now, and a deleted row is not added again (without `replace`). Running it twice changes
nothing the second time. Rows that exist in the database but not in the files are left alone and
counted.

Files are read row by row: memory grows with a few bytes per row (the keys that detect a repeated
row), not with the size of the file.
"""

from __future__ import annotations

import codecs
import copy
import csv
import datetime
import pickle
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import models, transaction

from commitments.dates import PartialDate
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
from commitments.status import _SAME_DAY_ORDER
from commitments.vocabularies import (
    Action,
    EngagementKind,
    Precision,
    ReviewStatus,
    TreatyScope,
    Vote,
)

CHANGE_REASON = "Loaded from the dataset files"
# The reason of every row that a load into a database without facts adds: the changes log shows
# that load as one entry (a `DatasetLoad`), not one per row.
INITIAL_LOAD_REASON = "Initial load of the dataset files"
REPLACE_REASON = "Replaced from the dataset files"

# The files in load order (later files refer to rows of earlier ones) and their required columns.
FILES: dict[str, list[str]] = {
    "sources.csv": ["url", "title", "publisher", "kind", "as_of", "as_of_precision"],
    "states.csv": ["iso3", "iso2", "short_name", "official_name", "asean_admission_date"],
    "treaties.csv": [
        "key",
        "short_name",
        "title",
        "adopted_on",
        "entry_into_force_on",
        "depositary",
        "untc_ref",
        "category",
        "url",
    ],
    "treaty_actions.csv": ["state_iso3", "treaty_key", "action", "date", "date_precision"],
    "status_observations.csv": [
        "state_iso3",
        "treaty_key",
        "status",
        "observed_as_of",
        "observed_as_of_precision",
    ],
    "nhris.csv": ["state_iso3", "name", "acronym", "established_on", "legal_basis"],
    "nhri_accreditations.csv": [
        "state_iso3",
        "nhri_acronym",
        "status",
        "decided_on",
        "date_precision",
    ],
    "focal_points.csv": ["state_iso3", "designated_on", "date_precision", "office", "network"],
    "laws.csv": ["state_iso3", "title", "number", "enacted_on", "date_precision", "category"],
    "institution_observations.csv": [
        "state_iso3",
        "indicator",
        "status",
        "observed_as_of",
        "observed_as_of_precision",
    ],
    "engagements.csv": ["state_iso3", "kind", "date", "date_precision", "title", "url"],
    "upr_recommendations.csv": [
        "state_iso3",
        "cycle",
        "review_date",
        "recommending_states",
        "recommendation",
        "target",
        "response",
        "response_date",
        "document",
        "paragraph",
    ],
    "national_mechanisms.csv": ["state_iso3", "kind", "date", "date_precision", "title"],
    "regional_events.csv": ["body", "kind", "date", "date_precision", "title"],
}
# Files a dataset may leave out. Without `sources.csv`, each fact row describes its own source
# (`source_title`, `source_publisher`, ... beside `source_url`).
OPTIONAL_FILES = frozenset(
    {
        "sources.csv",
        "institution_observations.csv",
        "engagements.csv",
        "upr_recommendations.csv",
        "national_mechanisms.csv",
        "regional_events.csv",
    }
)

NETWORKS = {"global network of r2p focal points": "global_network", "": "none", "none": "none"}


# The file's column where it differs from the model field's name (the error and difference lists
# name columns, which is what a researcher edits).
COLUMNS_OF_FIELDS = {
    "source": "source_url",
    "independence_source": "independence_source_url",
    "un_member_source": "un_member_source_url",
    "observed_on_precision": "observed_as_of_precision",
    "decided_on_precision": "date_precision",
    "designated_on_precision": "date_precision",
    "enacted_on_precision": "date_precision",
}


class RowError(Exception):
    """A problem with one cell or row, reported with its file and row number."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


class Skipped(Exception):  # noqa: N818 (not an error: the row is listed, not refused)
    """A row that needs a row deleted from the database since it was loaded; it is not added."""


@dataclass(frozen=True)
class Difference:
    """A cell of the files that disagrees with the database."""

    file: str
    row: int
    column: str
    file_value: str
    database_value: str

    def __str__(self) -> str:
        if not self.column:
            return f"{self.file}, row {self.row}: {self.database_value}"
        return (
            f"{self.file}, row {self.row}, {self.column}: "
            f"file {self.file_value!r}, database {self.database_value!r}"
        )


@dataclass
class ImportReport:
    """What a load did, per kind of fact (the model's plural name).

    `differing` counts rows whose natural key is in the database but whose cells differ: kept as
    the database has them, or with `replace`, `replaced` by the files' values. `only_in_database`
    counts rows that no file row matches (added in the admin, or removed from the files).
    """

    replace: bool = False
    created: Counter = field(default_factory=Counter)
    replaced: Counter = field(default_factory=Counter)
    differing: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    only_in_database: Counter = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.replaced.values()))

    @property
    def kept(self) -> int:
        """Differences left as the database has them (all of them, unless `replace`)."""
        return 0 if self.replace else len(self.differences)

    def lines(self) -> list[str]:
        counters = (self.created, self.differing, self.unchanged, self.only_in_database)
        names = sorted(set().union(*counters))
        lines = []
        for name in names:
            parts = [f"{self.created[name]} created"]
            if self.replaced[name]:
                parts.append(f"{self.replaced[name]} replaced from the files")
            if kept := self.differing[name] - self.replaced[name]:
                parts.append(f"{kept} differ from the files (database kept)")
            parts.append(f"{self.unchanged[name]} unchanged")
            if self.only_in_database[name]:
                parts.append(f"{self.only_in_database[name]} only in the database")
            lines.append(f"{name}: {', '.join(parts)}")
        return lines


class DatasetError(Exception):
    """The dataset has errors; nothing was written. `errors` lists them, one per bad cell."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s); nothing was written.\n" + "\n".join(errors))


def _date(text: str, column: str) -> datetime.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise RowError(f"{column}: {text!r} is not a date of the form YYYY-MM-DD") from None


def _dated(row: dict, column: str, precision_column: str) -> tuple[datetime.date | None, str]:
    value = _date(row.get(column, ""), column)
    precision = (row.get(precision_column) or "").strip() or (
        Precision.DAY if value else Precision.UNKNOWN
    )
    if precision not in Precision.values:
        raise RowError(
            f"{precision_column}: {precision!r} is not one of {', '.join(Precision.values)}"
        )
    if value is None and precision != Precision.UNKNOWN:
        raise RowError(f"{column}: empty, but {precision_column} says {precision!r}")
    if value is not None and precision == Precision.UNKNOWN:
        raise RowError(f"{precision_column}: 'unknown', but {column} is {row[column]!r}")
    if value is not None and PartialDate(value, precision).truncated(precision) != value:
        raise RowError(
            f"{column}: {value.isoformat()} is not the first day of its {precision}; "
            f"store a {precision}-precision date as the first day of the period"
        )
    return value, precision


def _partial(text: str, column: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise RowError(f"{column}: {exc}") from None


class Loader:
    """Adds rows by natural key, validating each with `full_clean()` before it is saved; lists
    (or, with `replace`, applies) the cells that differ from the database."""

    def __init__(self, replace: bool = False, initial: bool = False) -> None:
        self.replace = replace
        self.added_reason = INITIAL_LOAD_REASON if initial else CHANGE_REASON
        self.report = ImportReport(replace=replace)
        self.states: dict[str, State] = {s.iso3: s for s in State.objects.all()}
        self.treaties: dict[str, Treaty] = {t.key: t for t in Treaty.objects.all()}
        self.nhris: dict[tuple[str, str], NationalHumanRightsInstitution] = {
            (n.state.iso3, n.acronym): n
            for n in NationalHumanRightsInstitution.objects.select_related("state")
        }
        self.sources: dict[tuple, Source] = {}
        # The sources of `sources.csv` by address, once it is read (see `source()`).
        self.has_register = False
        self.register: dict[str, list[Source]] = {}
        self.registered: set[int] = set()
        # The file and row being loaded, and where each fact was first seen: a file that states
        # the same fact twice is ambiguous (which version holds?), so the second row is an error.
        self.file = ""
        self.row = 0
        self.seen: dict[tuple, int] = {}
        # The rows of each model that a file row matched, to count those only in the database.
        self.matched: dict[type[FactModel], set[int]] = defaultdict(set)
        # A natural key can have left the database only if the model had history before the load.
        self.had_history = {model: model.history.exists() for model in FACT_MODELS}
        # Rows of the files deleted from the database and not added again: (model, key).
        self.gone: set[tuple[type[models.Model], Any]] = set()

    def state(self, code: str) -> State:
        code = code.strip().upper()
        if (State, code) in self.gone:
            raise Skipped(f"state {code} was deleted from the database; the row is not added")
        try:
            return self.states[code]
        except KeyError:
            raise RowError(f"state_iso3: {code!r} is not a state in states.csv") from None

    def treaty(self, key: str) -> Treaty:
        key = key.strip()
        if (Treaty, key) in self.gone:
            raise Skipped(f"treaty {key} was deleted from the database; the row is not added")
        try:
            return self.treaties[key]
        except KeyError:
            raise RowError(f"treaty_key: {key!r} is not a treaty in treaties.csv") from None

    def source(self, row: dict, url_column: str = "source_url", as_of_column: str | None = None):
        """The source a fact row cites: its address and, where the file has the column, the date
        it speaks for.

        With a register (`sources.csv`), the row names one of its sources: the one with the same
        address and date; or, when the row gives no date or one that agrees with the register's at
        their shared precision, the register's own entry for the address. A row that dates the
        address where the register does not (or otherwise) cites a further reading of it, made
        with the register's title, publisher and kind. Without a register the row describes its
        source in `source_title`, `source_publisher`, `source_kind` and `source_notes`.
        """
        url = (row.get(url_column) or "").strip()
        if not url:
            raise RowError(f"{url_column}: every fact needs a source")
        as_of = _partial(row.get(as_of_column) or "", as_of_column) if as_of_column else None
        if self.has_register:
            return self._registered(url, as_of, url_column)
        return self._described(row, url, as_of)

    def _registered(self, url: str, as_of: PartialDate | None, column: str) -> Source:
        readings = self.register.get(url)
        if not readings and (Source, url) in self.gone:
            raise Skipped(f"source {url} was deleted from the database; the row is not added")
        if not readings:
            raise RowError(f"{column}: {url!r} is not in sources.csv")
        exact = [s for s in readings if s.partial_as_of == as_of]
        if exact:
            return exact[0]
        if as_of is None:
            # An undated row cites the register's own entry, not a further reading that an
            # earlier row dated otherwise.
            own = [s for s in readings if s.pk in self.registered]
            if len(own) == 1:
                return own[0]
            raise RowError(
                f"{column}: sources.csv has {len(own)} sources with this address; "
                "give source_as_of to say which"
            )
        agreeing = [s for s in readings if s.partial_as_of and _agree(s.partial_as_of, as_of)]
        if len(agreeing) == 1:
            return agreeing[0]
        model = readings[0]
        reading = self.upsert(
            Source,
            {"url": url, "as_of": as_of.value},
            {
                "as_of_precision": as_of.precision,
                "title": model.title,
                "publisher": model.publisher,
                "kind": model.kind,
                "origin_url": model.origin_url,
                "origin_title": model.origin_title,
            },
        )
        if reading is None:
            raise Skipped(
                f"source {url} ({as_of}) was deleted from the database; the row is not added"
            )
        readings.append(reading)
        return reading

    def _described(self, row: dict, url: str, as_of: PartialDate | None) -> Source:
        key = (url, as_of)
        if key in self.sources:
            return self.sources[key]
        values = {
            name: (row.get(f"source_{name}") or "").strip()
            for name in ("title", "publisher", "kind", "notes")
            if (row.get(f"source_{name}") or "").strip()
        }
        source = self.upsert(
            Source,
            {"url": url, "as_of": as_of.value if as_of else None},
            {"as_of_precision": as_of.precision if as_of else Precision.UNKNOWN, **values},
        )
        if source is None:
            raise Skipped(f"source {url} was deleted from the database; the row is not added")
        self.sources[key] = source
        return source

    def upsert(self, model: type[FactModel], lookup: dict, values: dict) -> Any:
        """Add the row matching `lookup` with `values`, after `full_clean()`; count the outcome.

        When the row exists and `values` differ from it, the file's version is validated and the
        differing cells are listed; the row is changed only with `replace`.
        """
        name = model._meta.verbose_name_plural
        if model is not Source:
            identity = (model, tuple((k, getattr(v, "pk", v)) for k, v in sorted(lookup.items())))
            if identity in self.seen:
                raise RowError(
                    f"repeats row {self.seen[identity]}: the same {', '.join(lookup)} "
                    "may appear only once"
                )
            self.seen[identity] = self.row
        stored = model._default_manager.filter(**lookup).first()
        if stored is None:
            record = self._left(model, lookup)
            if record is None:
                instance = model(**lookup, **values)
                self._save(instance, self.added_reason)
                self.report.created[name] += 1
                self.matched[model].add(instance.pk)
                return instance
            # Changed in the database since it was loaded: compare with what it is now.
            stored = model._default_manager.filter(pk=record.id).first()
            if stored is None:
                return self._deleted(model, lookup, values, record)
        self.matched[model].add(stored.pk)
        expected = {**lookup, **values}
        differing = [k for k, v in expected.items() if _stored(stored, k) != getattr(v, "pk", v)]
        if not differing:
            self.report.unchanged[name] += 1
            return stored
        proposed = copy.copy(stored)
        for key, value in expected.items():
            setattr(proposed, key, value)
        self.report.differing[name] += 1
        self.report.differences.extend(
            Difference(
                self.file,
                self.row,
                COLUMNS_OF_FIELDS.get(key, key),
                _shown(expected[key]),
                _shown(getattr(stored, key)),
            )
            for key in differing
        )
        if not self.replace:
            _validate(proposed)
            return stored
        self._save(proposed, REPLACE_REASON)
        self.report.replaced[name] += 1
        return proposed

    def _left(self, model: type[FactModel], lookup: dict) -> Any:
        """The latest history record of a row that had this natural key and has it no more
        (changed or deleted in the admin since it was loaded), or None."""
        if not self.had_history[model]:
            return None
        return model.history.filter(**lookup).order_by("-history_date", "-history_id").first()

    def _deleted(self, model: type[FactModel], lookup: dict, values: dict, record) -> Any:
        """A row of the files deleted from the database: listed, and added again only with
        `replace`. Returns the row added, or None."""
        name = model._meta.verbose_name_plural
        latest = model.history.filter(id=record.id).order_by("-history_date", "-history_id")[0]
        when = latest.history_date.date().isoformat()
        self.report.differing[name] += 1
        self.report.differences.append(
            Difference(self.file, self.row, "", "", f"deleted from the database on {when}")
        )
        if not self.replace:
            return None
        instance = model(**lookup, **values)
        self._save(instance, REPLACE_REASON)
        self.report.replaced[name] += 1
        self.matched[model].add(instance.pk)
        return instance

    @staticmethod
    def _save(instance: models.Model, reason: str) -> None:
        _validate(instance)
        if isinstance(instance, Fact):
            # The dataset files are reviewed data: what they hold is published as loaded.
            instance.review_status = ReviewStatus.PUBLISHED
        # django-simple-history reads the reason from the instance it saves.
        setattr(instance, "_change_reason", reason)  # noqa: B010
        with transaction.atomic():
            instance.save()

    def count_only_in_database(self) -> None:
        for model in FACT_MODELS:
            extra = model.objects.count() - len(self.matched[model])
            if extra:
                self.report.only_in_database[model._meta.verbose_name_plural] = extra

    # One method per file: parse a row, resolve its references, upsert it.

    def sources_csv(self, row: dict) -> None:
        self.has_register = True
        url = row["url"].strip()
        as_of, precision = _dated(row, "as_of", "as_of_precision")
        identity = (Source, url, as_of)
        if identity in self.seen:
            raise RowError(
                f"repeats row {self.seen[identity]}: a source's url and as_of may appear only once"
            )
        self.seen[identity] = self.row
        source = self.upsert(
            Source,
            {"url": url, "as_of": as_of},
            {
                "as_of_precision": precision,
                "title": row["title"].strip(),
                "publisher": row["publisher"].strip(),
                "kind": row["kind"].strip(),
                "origin_url": (row.get("origin_url") or "").strip(),
                "origin_title": (row.get("origin_title") or "").strip(),
                "notes": (row.get("notes") or "").strip(),
            },
        )
        if source is None:
            self.gone.add((Source, url))
        else:
            self.register.setdefault(url, []).append(source)
            self.registered.add(source.pk)

    def states_csv(self, row: dict) -> None:
        iso3 = row["iso3"].strip()
        admitted = _date(row["asean_admission_date"], "asean_admission_date")
        independent, precision = _dated(row, "independent_on", "independent_on_precision")
        un_member = _date(row.get("un_member_since", ""), "un_member_since")
        state = self.upsert(
            State,
            {"iso3": iso3},
            {
                "iso2": row["iso2"].strip(),
                "short_name": row["short_name"].strip(),
                "official_name": row["official_name"].strip(),
                "asean_admission_date": admitted,
                "source": self.source(row, as_of_column="source_as_of"),
                "independent_on": independent,
                "independent_on_precision": precision,
                "independence_source": (
                    self.source(row, "independence_source_url", "independence_source_as_of")
                    if independent
                    else None
                ),
                "un_member_since": un_member,
                "un_member_source": (
                    self.source(row, "un_member_source_url", "un_member_source_as_of")
                    if un_member
                    else None
                ),
                "notes": (row.get("notes") or "").strip(),
            },
        )
        if state is None:
            self.gone.add((State, iso3))
        else:
            self.states[state.iso3] = state

    def treaties_csv(self, row: dict) -> None:
        url = row["url"].strip()
        treaty = self.upsert(
            Treaty,
            {"key": row["key"].strip()},
            {
                "short_name": row["short_name"].strip(),
                "title": row["title"].strip(),
                "category": row["category"].strip(),
                "scope": (row.get("scope") or "").strip() or TreatyScope.UNIVERSAL,
                "adopted_on": _date(row["adopted_on"], "adopted_on"),
                "entry_into_force_on": _date(row["entry_into_force_on"], "entry_into_force_on"),
                "depositary": row["depositary"].strip(),
                "untc_ref": row["untc_ref"].strip(),
                "url": url,
                "source": self.source(
                    {**row, "source_url": row.get("source_url") or url}, as_of_column="source_as_of"
                ),
            },
        )
        if treaty is None:
            self.gone.add((Treaty, row["key"].strip()))
        else:
            self.treaties[treaty.key] = treaty

    def treaty_actions_csv(self, row: dict) -> None:
        action = row["action"].strip()
        if action not in Action.values:
            raise RowError(f"action: {action!r} is not one of {', '.join(Action.values)}")
        date, precision = _dated(row, "date", "date_precision")
        if date is None:
            raise RowError("date: a treaty action needs a date")
        self.upsert(
            TreatyAction,
            {
                "state": self.state(row["state_iso3"]),
                "treaty": self.treaty(row["treaty_key"]),
                "action": action,
                "date": date,
            },
            {
                "date_precision": precision,
                "effective_on": _date(row.get("effective_on", ""), "effective_on"),
                "reservations": (row.get("reservations") or "").strip(),
                "notes": (row.get("notes") or "").strip(),
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
            },
        )

    def status_observations_csv(self, row: dict) -> None:
        observed, precision = _dated(row, "observed_as_of", "observed_as_of_precision")
        self.upsert(
            StatusObservation,
            {
                "state": self.state(row["state_iso3"]),
                "treaty": self.treaty(row["treaty_key"]),
                "status": row["status"].strip(),
                "observed_on": observed,
                "source": self.source(row, as_of_column="source_as_of"),
            },
            {
                "observed_on_precision": precision,
                "confidence": _confidence(row),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def institution_observations_csv(self, row: dict) -> None:
        observed, precision = _dated(row, "observed_as_of", "observed_as_of_precision")
        self.upsert(
            InstitutionObservation,
            {
                "state": self.state(row["state_iso3"]),
                "indicator": row["indicator"].strip(),
                "status": row["status"].strip(),
                "observed_on": observed,
                "source": self.source(row, as_of_column="source_as_of"),
            },
            {
                "observed_on_precision": precision,
                "confidence": _confidence(row),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def nhris_csv(self, row: dict) -> None:
        state = self.state(row["state_iso3"])
        nhri = self.upsert(
            NationalHumanRightsInstitution,
            {"state": state, "acronym": row["acronym"].strip()},
            {
                "name": row["name"].strip(),
                "established_on": _date(row["established_on"], "established_on"),
                "legal_basis": row["legal_basis"].strip(),
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
                "notes": (row.get("notes") or "").strip(),
            },
        )
        if nhri is None:
            self.gone.add((NationalHumanRightsInstitution, (state.iso3, row["acronym"].strip())))
        else:
            self.nhris[(state.iso3, nhri.acronym)] = nhri

    def nhri_accreditations_csv(self, row: dict) -> None:
        state = self.state(row["state_iso3"])
        acronym = row["nhri_acronym"].strip()
        nhri = self.nhris.get((state.iso3, acronym))
        if (NationalHumanRightsInstitution, (state.iso3, acronym)) in self.gone:
            raise Skipped(
                f"institution {acronym} of {state.iso3} was deleted from the database; "
                "the row is not added"
            )
        if nhri is None:
            raise RowError(f"nhri_acronym: {acronym!r} is not an institution of {state.iso3}")
        decided, precision = _dated(row, "decided_on", "date_precision")
        self.upsert(
            Accreditation,
            {
                "nhri": nhri,
                "status": row["status"].strip(),
                "decided_on": decided,
                "source": self.source(row, as_of_column="source_as_of"),
            },
            {
                "decided_on_precision": precision,
                "confidence": _confidence(row),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def focal_points_csv(self, row: dict) -> None:
        designated, precision = _dated(row, "designated_on", "date_precision")
        network = row["network"].strip()
        network = NETWORKS.get(network.lower(), network)
        self.upsert(
            FocalPoint,
            {
                "state": self.state(row["state_iso3"]),
                "office": row["office"].strip(),
                "designated_on": designated,
            },
            {
                "designated_on_precision": precision,
                "person_name": (row.get("person_name") or "").strip(),
                "ended_on": _date(row.get("ended_on", ""), "ended_on"),
                "network": network,
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def laws_csv(self, row: dict) -> None:
        enacted, precision = _dated(row, "enacted_on", "date_precision")
        self.upsert(
            Law,
            {"state": self.state(row["state_iso3"]), "title": row["title"].strip()},
            {
                "number": row["number"].strip(),
                "enacted_on": enacted,
                "enacted_on_precision": precision,
                "category": row["category"].strip(),
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def event(
        self,
        model: type[Engagement | NationalMechanism | RegionalEvent],
        row: dict,
        keys: dict,
        **values,
    ) -> None:
        """Upsert a dated event (an engagement, a mechanism's milestone, a regional event),
        identified by `keys`, its kind, title and date."""
        date, precision = _dated(row, "date", "date_precision")
        self.upsert(
            model,
            {**keys, "kind": row["kind"].strip(), "title": row["title"].strip(), "date": date},
            {
                **values,
                "date_precision": precision,
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
                "notes": (row.get("notes") or "").strip(),
            },
        )

    def engagements_csv(self, row: dict) -> None:
        self.event(
            Engagement,
            row,
            {"state": self.state(row["state_iso3"])},
            url=row["url"].strip(),
            vote=_vote(row, row["kind"].strip()),
        )

    def national_mechanisms_csv(self, row: dict) -> None:
        self.event(NationalMechanism, row, {"state": self.state(row["state_iso3"])})

    def regional_events_csv(self, row: dict) -> None:
        self.event(RegionalEvent, row, {"body": row["body"].strip()})

    def upr_recommendations_csv(self, row: dict) -> None:
        cycle = row["cycle"].strip()
        if not cycle.isdigit():
            raise RowError(f"cycle: {cycle!r} is not a whole number")
        self.upsert(
            UprRecommendation,
            {
                "state": self.state(row["state_iso3"]),
                "cycle": int(cycle),
                "document": row["document"].strip(),
                "paragraph": row["paragraph"].strip(),
                "target": row["target"].strip(),
            },
            {
                "review_date": _date(row["review_date"], "review_date"),
                "recommending_states": row["recommending_states"].strip(),
                "recommendation": row["recommendation"].strip(),
                "response": row["response"].strip(),
                "response_date": _date(row["response_date"], "response_date"),
                "confidence": _confidence(row),
                "source": self.source(row, as_of_column="source_as_of"),
                "notes": (row.get("notes") or "").strip(),
            },
        )


def _vote(row: dict, kind: str) -> str:
    """A recorded vote's value: the `vote` column, or (as the published dataset writes it) the
    first word of `notes`. Other engagements have none."""
    if "vote" in row:
        return row["vote"].strip()
    if kind != EngagementKind.UNGA_VOTE:
        return ""
    first = (row.get("notes") or "").strip().split(" ", 1)[0].rstrip(".,;:").lower()
    if first not in Vote.values:
        raise RowError(
            f"notes: a recorded vote's notes start with its value ({', '.join(Vote.values)}), "
            f"not {first!r}"
        )
    return first


def _validate(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise RowError(_describe(exc)) from None


def _stored(instance: models.Model, name: str) -> Any:
    """A field's value as stored, a reference as its id (reading it does not query)."""
    field = instance._meta.get_field(name)
    assert isinstance(field, models.Field)
    return getattr(instance, field.attname)


def _shown(value: Any) -> str:
    """A value as the files write it."""
    if value is None:
        return ""
    if isinstance(value, Source):
        as_of = value.partial_as_of
        return f"{value.url} ({as_of.isoformat()})" if as_of else value.url
    if isinstance(value, State):
        return value.iso3
    if isinstance(value, Treaty):
        return value.key
    if isinstance(value, NationalHumanRightsInstitution):
        return value.acronym
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _confidence(row: dict) -> str:
    return (row.get("confidence") or "").strip()


def _agree(first: PartialDate, second: PartialDate) -> bool:
    """Whether two dates may be the same day: equal at the coarser of their precisions."""
    return not first.is_before(second) and not second.is_before(first)


def _describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for e in errors for m in e.messages)}"
            if name != "__all__"
            else " ".join(str(m) for e in errors for m in e.messages)
            for name, errors in exc.error_dict.items()
        )
    return " ".join(exc.messages)


def _lines(handle: BinaryIO) -> Iterator[str]:
    """The file's lines, decoded one at a time so that a bad byte is reported with its line.

    Lines are split on "\\n" only and keep their ends, so a line break inside a quoted cell
    ("\\r\\n" or a lone "\\r") reaches the cell as it was written.
    """
    for number, line in enumerate(handle, start=1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RowError(
                f"the file is not UTF-8 (line {number}, byte {exc.start + 1}): save it as UTF-8"
            ) from None
        if "\x00" in text:
            raise RowError(
                f"the file contains NUL bytes (line {number}): it is not a text CSV file"
            )
        yield text


def _read(handle: BinaryIO, required: list[str]) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV file with their row numbers (the header is row 1), read one at a time."""
    reader = csv.DictReader(_lines(handle))
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise RowError(_csv_problem(exc), row=1) from None
    missing = [column for column in required if column not in columns]
    if missing:
        raise RowError(f"missing column(s): {', '.join(missing)}")
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RowError(_csv_problem(exc), row=number + 1) from None
        number += 1
        yield number, {key: value if value is not None else "" for key, value in row.items()}


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters, more than any column "
            "holds; nothing after it in this file was read"
        )
    return f"{exc}; nothing after it in this file was read"


def _in_date_order(rows: Iterator[tuple[int, dict]]) -> Iterator[tuple[int, dict]]:
    """Treaty actions in date order, so that a withdrawal finds the consent it withdraws.

    The rows wait in a temporary file while they are sorted: memory holds their sort keys only.
    """
    with tempfile.TemporaryFile() as spill:
        keys = []
        for number, row in rows:
            order = _SAME_DAY_ORDER.get((row.get("action") or "").strip(), 9)
            keys.append((row.get("date") or "", order, number, spill.tell()))
            pickle.dump(row, spill)
        keys.sort()
        for *_, number, offset in keys:
            spill.seek(offset)
            yield number, pickle.load(spill)


def load_dataset(directory: Path, replace: bool = False) -> ImportReport:
    """Validate and load every file in `directory`; on error write nothing, raise DatasetError.

    Rows already in the database are left as they are and their differing cells listed in the
    report, unless `replace`, which applies the files' values and records why in the history.
    """
    directory = Path(directory)
    missing = [
        name for name in FILES if name not in OPTIONAL_FILES and not (directory / name).is_file()
    ]
    if missing:
        raise DatasetError([f"{directory / name}: file not found" for name in missing])
    errors: list[str] = []
    with transaction.atomic():
        initial = not any(model.objects.exists() for model in FACT_MODELS)
        loader = Loader(replace=replace, initial=initial)
        for name, required in FILES.items():
            path = directory / name
            if name in OPTIONAL_FILES and not path.is_file():
                continue
            handler: Callable[[dict], None] = getattr(loader, name.replace(".", "_"))
            loader.file = name
            try:
                with path.open("rb") as handle:
                    rows = _read(handle, required)
                    if name == "treaty_actions.csv":
                        rows = _in_date_order(rows)
                    for number, row in rows:
                        loader.row = number
                        try:
                            if None in row:
                                raise RowError("more cells than columns")
                            handler(row)
                        except RowError as exc:
                            errors.append(f"{name}, row {number}: {exc}")
                        except Skipped as exc:
                            loader.report.differences.append(
                                Difference(name, number, "", "", str(exc))
                            )
            except RowError as exc:
                errors.append(f"{name}, row {exc.row}: {exc}" if exc.row else f"{name}: {exc}")
        if errors:
            raise DatasetError(sorted(errors, key=_error_order))
        loader.count_only_in_database()
        added = sum(loader.report.created.values())
        if initial and added:
            DatasetLoad.objects.create(
                directory=directory.name, edition=_edition(directory), rows=added
            )
    return loader.report


def _edition(directory: Path) -> str:
    """The version the files' README names in its title (`v0.2`), or an empty string."""
    readme = directory / "README.md"
    if not readme.is_file():
        return ""
    with readme.open(encoding="utf-8", errors="replace") as handle:
        title = handle.readline()
    found = re.search(r"\bv\d+(?:\.\d+)+\b", title)
    return found.group(0) if found else ""


def _error_order(message: str) -> tuple:
    name, _, rest = message.partition(", row ")
    number = rest.split(":", 1)[0]
    return (
        list(FILES).index(name) if name in FILES else -1,
        int(number) if number.isdigit() else 0,
    )
