"""Load the sourced dataset (a folder of CSV files) into the database.

The format is described in `data/asean/README.md` and in `manage.py load_dataset --help`. Loading
parses every row, validates it with the same model rules as the admin and the API, and upserts it by
its natural key, all inside one transaction: one bad row anywhere and nothing is written. Running it
twice changes nothing the second time. Rows that exist in the database but not in the files are left
alone, because researchers add facts in the admin.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from commitments.dates import PartialDate
from commitments.models import (
    Accreditation,
    Fact,
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
from commitments.status import _SAME_DAY_ORDER
from commitments.vocabularies import Action, Precision, ReviewStatus, TreatyScope

CHANGE_REASON = "Loaded from the dataset files"

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
}
# Files a dataset may leave out. Without `sources.csv`, each fact row describes its own source
# (`source_title`, `source_publisher`, ... beside `source_url`).
OPTIONAL_FILES = frozenset({"sources.csv", "institution_observations.csv"})

NETWORKS = {"global network of r2p focal points": "global_network", "": "none", "none": "none"}


class RowError(Exception):
    """A problem with one cell or row, reported with its file and row number."""


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]


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
    """Upserts rows by natural key, validating each with `full_clean()` before it is saved."""

    def __init__(self) -> None:
        self.report = ImportReport()
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
        # The row being loaded, and where each fact was first seen: a file that states the same
        # fact twice is ambiguous (which version holds?), so the second row is an error.
        self.row = 0
        self.seen: dict[tuple, int] = {}

    def state(self, code: str) -> State:
        try:
            return self.states[code.strip().upper()]
        except KeyError:
            raise RowError(f"state_iso3: {code!r} is not a state in states.csv") from None

    def treaty(self, key: str) -> Treaty:
        try:
            return self.treaties[key.strip()]
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
        if not readings:
            raise RowError(f"{column}: {url!r} is not in sources.csv")
        exact = [s for s in readings if s.partial_as_of == as_of]
        if exact:
            return exact[0]
        if as_of is None:
            if len(readings) == 1:
                return readings[0]
            raise RowError(
                f"{column}: sources.csv has {len(readings)} sources with this address; "
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
        self.sources[key] = source
        return source

    def upsert(self, model: type[models.Model], lookup: dict, values: dict) -> Any:
        """Create or update the row matching `lookup`, after `full_clean()`; count the outcome."""
        name = model._meta.verbose_name_plural
        if model is not Source:
            identity = (model, tuple((k, getattr(v, "pk", v)) for k, v in sorted(lookup.items())))
            if identity in self.seen:
                raise RowError(
                    f"repeats row {self.seen[identity]}: the same {', '.join(lookup)} "
                    "may appear only once"
                )
            self.seen[identity] = self.row
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            outcome = self.report.created
        else:
            if all(getattr(instance, k) == v for k, v in values.items()):
                self.report.unchanged[name] += 1
                return instance
            for key, value in values.items():
                setattr(instance, key, value)
            outcome = self.report.updated
        try:
            instance.full_clean()
        except ValidationError as exc:
            raise RowError(_describe(exc)) from None
        if isinstance(instance, Fact):
            # The dataset files are reviewed data: what they hold is published as loaded.
            instance.review_status = ReviewStatus.PUBLISHED
        instance._change_reason = CHANGE_REASON
        with transaction.atomic():
            instance.save()
        outcome[name] += 1
        return instance

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
        self.register.setdefault(url, []).append(source)

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
        self.nhris[(state.iso3, nhri.acronym)] = nhri

    def nhri_accreditations_csv(self, row: dict) -> None:
        state = self.state(row["state_iso3"])
        acronym = row["nhri_acronym"].strip()
        nhri = self.nhris.get((state.iso3, acronym))
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


def _read(path: Path, required: list[str]) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV file with their line numbers (the header is line 1)."""
    try:
        # Decoded from bytes: a text-mode read would turn line breaks inside cells into "\n".
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowError(f"the file is not UTF-8 (byte {exc.start}): save it as UTF-8") from None
    if "\x00" in text:
        raise RowError("the file contains NUL bytes: it is not a text CSV file")
    # Quoted cells may span lines (notes with line breaks), so the reader sees the text whole.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in required if column not in (reader.fieldnames or [])]
    if missing:
        raise RowError(f"missing column(s): {', '.join(missing)}")
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise RowError(f"row {number}: more cells than columns")
        yield number, {key: value if value is not None else "" for key, value in row.items()}


def _action_order(numbered: tuple[int, dict]) -> tuple:
    # Actions load in date order so that a withdrawal finds the consent it withdraws.
    row = numbered[1]
    return (row.get("date", ""), _SAME_DAY_ORDER.get(row.get("action", "").strip(), 9))


def load_dataset(directory: Path) -> ImportReport:
    """Validate and load every file in `directory`; on error write nothing, raise DatasetError."""
    directory = Path(directory)
    missing = [
        name for name in FILES if name not in OPTIONAL_FILES and not (directory / name).is_file()
    ]
    if missing:
        raise DatasetError([f"{directory / name}: file not found" for name in missing])
    errors: list[str] = []
    with transaction.atomic():
        loader = Loader()
        for name, required in FILES.items():
            if name in OPTIONAL_FILES and not (directory / name).is_file():
                continue
            handler: Callable[[dict], None] = getattr(loader, name.replace(".", "_"))
            try:
                rows = list(_read(directory / name, required))
            except RowError as exc:
                errors.append(f"{name}: {exc}")
                continue
            if name == "treaty_actions.csv":
                rows.sort(key=_action_order)
            for number, row in rows:
                loader.row = number
                try:
                    handler(row)
                except RowError as exc:
                    errors.append(f"{name}, row {number}: {exc}")
        if errors:
            raise DatasetError(sorted(errors, key=_error_order))
    return loader.report


def _error_order(message: str) -> tuple:
    name, _, rest = message.partition(", row ")
    number = rest.split(":", 1)[0]
    return (
        list(FILES).index(name) if name in FILES else -1,
        int(number) if number.isdigit() else 0,
    )
