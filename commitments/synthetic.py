"""A synthetic dataset for any number of states and treaties, for benchmarks and scale tests.

Nothing in it is real, and everything says so: every source is published by
"Synthetic data (not real)" at a `synthetic.example` address, every state's names start with
"Synthetic", every treaty key with `synthetic_`. States use real ISO 3166 codes (the model
validates them) drawn from pycountry, never ones already in the database.

The mix of facts follows the real ASEAN dataset: most state x treaty cells have events (signature
then ratification, accession, the occasional succession or acceptance), many have only a sourced
status observation (mostly "no action"), about one in twelve has nothing at all (unknown), and a
few hold the hard cases: denunciations that take effect a year after notice (some still pending),
instruments withdrawn before entry into force, withdrawn signatures, observations that contradict
the events. Dates are sometimes known only to the month or year. States get NHRIs with GANHRI
accreditation histories, R2P focal points (some replaced, some undated) and laws.

Every row is valid by construction: it passes `full_clean()` (a test checks a sample), which is what
lets `generate()` write with `bulk_create` instead of validating row by row. History rows are
written in bulk too, so the history tables grow as they would with real edits.

The generated data belongs in its own database (see docs/performance.md); `generate_synthetic`
refuses to run against one that holds the real dataset.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pycountry
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from commitments import versioning
from commitments.dates import PartialDate
from commitments.models import (
    Accreditation,
    Fact,
    FocalPoint,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.status import status_from_events
from commitments.vocabularies import (
    Action,
    Confidence,
    FocalPointNetwork,
    GanhriStatus,
    LawCategory,
    ObservedStatus,
    Precision,
    ReviewStatus,
    SourceKind,
    Status,
    TreatyCategory,
)

SYNTHETIC_PUBLISHER = "Synthetic data (not real)"
# The kind of document each level of confidence stands for in the synthetic record.
SOURCE_KIND: dict[str, SourceKind] = {
    Confidence.PRIMARY: SourceKind.DEPOSITARY,
    Confidence.SECONDARY: SourceKind.MONITOR,
    Confidence.INFERRED: SourceKind.OTHER,
}
SYNTHETIC_HOST = "synthetic.example"
NAME_PREFIX = "Synthetic "
TREATY_KEY_PREFIX = "synthetic_"
CHANGE_REASON = "Synthetic data generated"

# How a state x treaty cell's record reads, with its share of cells. Shares follow the ASEAN
# dataset: 8% unknown, about 44% known only through an observation, the rest from events.
STORIES: dict[str, float] = {
    "unknown": 0.08,
    "observed_no_action": 0.30,
    "observed_party": 0.10,
    "observed_signatory": 0.04,
    "signed_then_ratified": 0.17,
    "acceded": 0.12,
    "other_consent": 0.03,
    "signed_only": 0.07,
    "denounced": 0.03,
    "instrument_withdrawn": 0.02,
    "signature_withdrawn": 0.01,
    "contradicted": 0.03,
}
OTHER_CONSENT = [
    Action.SUCCESSION,
    Action.ACCEPTANCE,
    Action.APPROVAL,
    Action.DEFINITIVE_SIGNATURE,
]
# Share of event histories that a later source also confirms.
CONFIRMED_SHARE = 0.35
# Share of first events that a source dates only to the month or to the year.
MONTH_SHARE = 0.05
YEAR_SHARE = 0.10

FOCAL_POINT_OFFICES = [
    "Ministry of Foreign Affairs, Human Rights Department",
    "Office of the National Security Adviser",
    "Ministry of Justice, International Law Division",
    "Permanent Mission to the United Nations",
]
BATCH_SIZE = 2000
STATES_PER_WRITE = 20


class RealDataPresent(Exception):
    """The database holds facts that are not synthetic; generating into it is refused."""


@dataclass
class Report:
    """How many rows of each kind were written."""

    counts: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()]


@dataclass
class StateFacts:
    """One state and every fact about it, unsaved, in the order they must be written."""

    sources: list[Source] = field(default_factory=list)
    state: State | None = None
    actions: list[TreatyAction] = field(default_factory=list)
    observations: list[StatusObservation] = field(default_factory=list)
    nhris: list[NationalHumanRightsInstitution] = field(default_factory=list)
    accreditations: list[Accreditation] = field(default_factory=list)
    focal_points: list[FocalPoint] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)


def non_synthetic_rows() -> dict[str, int]:
    """Rows that are not synthetic, by kind; empty when the database holds only synthetic data.

    Every fact names a source, so a source from another publisher means real facts are present;
    states and treaties are checked by name as well.
    """
    found = {
        "sources": Source.objects.exclude(publisher=SYNTHETIC_PUBLISHER).count(),
        "states": State.objects.exclude(short_name__startswith=NAME_PREFIX).count(),
        "treaties": Treaty.objects.exclude(key__startswith=TREATY_KEY_PREFIX).count(),
    }
    return {name: count for name, count in found.items() if count}


def ensure_only_synthetic() -> None:
    """Raise RealDataPresent unless every source, state and treaty in the database is synthetic."""
    found = non_synthetic_rows()
    if found:
        listed = ", ".join(f"{count} {name}" for name, count in found.items())
        raise RealDataPresent(
            f"This database holds data that is not synthetic ({listed}). Synthetic data must "
            "never be mixed into the real dataset: point DATABASE_URL at a separate database, "
            "e.g. postgres://postgres@127.0.0.1:5432/r2p_bench."
        )


class Generator:
    """Builds unsaved, valid model instances from a seed; the same seed gives the same data."""

    def __init__(self, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.registry = self._source(
            "registry/states",
            "Synthetic registry of states",
            today,
            Confidence.PRIMARY,
        )
        self.focal_point_list = self._source(
            "focal-points",
            "Synthetic list of R2P focal points",
            today - datetime.timedelta(days=40),
            Confidence.SECONDARY,
        )
        self.accreditation_chart = self._source(
            "ganhri/chart",
            "Synthetic chart of NHRI accreditation status",
            today - datetime.timedelta(days=90),
            Confidence.PRIMARY,
        )

    # Dates

    def _date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return datetime.date.fromordinal(self.rng.randint(start.toordinal(), end.toordinal()))

    def _precision(self) -> str:
        roll = self.rng.random()
        if roll < YEAR_SHARE:
            return Precision.YEAR
        if roll < YEAR_SHARE + MONTH_SHARE:
            return Precision.MONTH
        return Precision.DAY

    @staticmethod
    def _days(n: int) -> datetime.timedelta:
        return datetime.timedelta(days=n)

    # Sources

    def _source(
        self, path: str, title: str, as_of: datetime.date | None, confidence: str
    ) -> Source:
        return Source(
            url=f"https://{SYNTHETIC_HOST}/{path}",
            title=title[:500],
            publisher=SYNTHETIC_PUBLISHER,
            kind=SOURCE_KIND[confidence],
            as_of=as_of,
            as_of_precision=Precision.DAY if as_of else Precision.UNKNOWN,
            notes="Generated for benchmarks and tests; not a real document.",
        )

    # Treaties

    def treaties(self, count: int) -> tuple[list[Source], list[Treaty]]:
        """`count` treaties adopted between 1948 and five years ago, each with its depositary."""
        categories = list(TreatyCategory.values)
        latest = self.today - self._days(5 * 366)
        sources, treaties = [], []
        for n in range(1, count + 1):
            adopted = self._date_between(datetime.date(1948, 1, 1), latest)
            in_force = adopted + self._days(self.rng.randint(200, 2500))
            key = f"{TREATY_KEY_PREFIX}{n:04d}"
            short_name = f"Synthetic Treaty {n}"
            source = self._source(
                f"depositary/{key}",
                f"Synthetic depositary record: {short_name}",
                self.today - self._days(self.rng.randint(0, 30)),
                Confidence.PRIMARY,
            )
            sources.append(source)
            treaties.append(
                Treaty(
                    key=key,
                    short_name=short_name,
                    title=f"Synthetic Convention number {n} (not a real treaty)",
                    category=categories[(n - 1) % len(categories)],
                    adopted_on=adopted,
                    entry_into_force_on=in_force if in_force <= self.today else None,
                    depositary="Synthetic depositary",
                    untc_ref=f"SYN-{n}",
                    url=f"https://{SYNTHETIC_HOST}/treaties/{key}",
                    source=source,
                )
            )
        return sources, treaties

    # States

    def state(self, country, treaties: list[Treaty]) -> StateFacts:
        """A state standing for `country`, its record on every treaty, and its institutions."""
        facts = StateFacts()
        name = getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None) or name
        state = State(
            iso3=country.alpha_3,
            iso2=country.alpha_2,
            short_name=f"{NAME_PREFIX}{name}"[:100],
            official_name=f"{NAME_PREFIX}{official}"[:200],
            asean_admission_date=None,
            source=self.registry,
            notes="Synthetic state for benchmarks and tests; its facts are not real.",
        )
        facts.state = state
        reports: dict[int, Source] = {}
        for treaty in treaties:
            self._cell(facts, state, treaty, reports)
        facts.sources.extend(reports.values())
        self._institutions(facts, state)
        return facts

    def _monitor_report(self, state: State, year: int, reports: dict[int, Source]) -> Source:
        """The (one) monitor's report on `state` for `year`, shared by that year's observations."""
        if year not in reports:
            as_of = min(datetime.date(year, 12, 31), self.today)
            reports[year] = self._source(
                f"monitor/{state.iso3.lower()}/{year}",
                f"Synthetic monitor report on {state.short_name}, {year}",
                as_of,
                Confidence.SECONDARY,
            )
        return reports[year]

    def _observed_precision(self) -> str:
        return self.rng.choice([Precision.DAY, Precision.DAY, Precision.MONTH])

    def _observe(
        self,
        state: State,
        treaty: Treaty,
        status: str,
        on: datetime.date | None,
        precision: str,
        reports: dict[int, Source],
    ) -> StatusObservation:
        """A monitor's statement; `on` is the first day of its period at `precision`."""
        if on is None:
            # Undated statements speak for the present; they come from this year's report.
            source = self._monitor_report(state, self.today.year, reports)
            precision = Precision.UNKNOWN
        else:
            source = self._monitor_report(state, on.year, reports)
        return StatusObservation(
            state=state,
            treaty=treaty,
            status=status,
            observed_on=on,
            observed_on_precision=precision,
            source=source,
        )

    def _observation_date(
        self, start: datetime.date, end: datetime.date
    ) -> tuple[datetime.date | None, str]:
        """A date from `start` to `end` at the precision a source gives (one in ten gives none)."""
        if self.rng.random() < 0.1:
            return None, Precision.UNKNOWN
        on = self._date_between(start, end)
        precision = self._observed_precision()
        truncated = PartialDate(on, precision).truncated(precision)
        if truncated < start:
            return on, Precision.DAY
        return truncated, precision

    def _action(
        self,
        state: State,
        treaty: Treaty,
        action: str,
        on: datetime.date,
        precision: str = Precision.DAY,
        effective_on: datetime.date | None = None,
    ) -> TreatyAction:
        return TreatyAction(
            state=state,
            treaty=treaty,
            action=action,
            date=PartialDate(on, precision).truncated(precision),
            date_precision=precision,
            effective_on=effective_on,
            source=treaty.source,
        )

    def _story(self) -> str:
        roll = self.rng.random()
        total = 0.0
        for story, share in STORIES.items():
            total += share
            if roll < total:
                return story
        return "unknown"

    def _cell(
        self, facts: StateFacts, state: State, treaty: Treaty, reports: dict[int, Source]
    ) -> None:
        """The record of one state on one treaty, as events and observations."""
        story = self._story()
        if story == "unknown":
            return
        today, days = self.today, self._days
        opened = treaty.adopted_on
        # Adoption is at least five years ago, so every story below has room for its events.
        if story.startswith("observed_"):
            status = story.removeprefix("observed_")
            on, precision = self._observation_date(opened, today)
            facts.observations.append(self._observe(state, treaty, status, on, precision, reports))
            return

        actions: list[TreatyAction] = []
        if story in ("signed_then_ratified", "signed_only", "signature_withdrawn", "contradicted"):
            signed = self._date_between(opened, opened + days(700))
            actions.append(self._action(state, treaty, Action.SIGNATURE, signed, self._precision()))
            if story in ("signed_then_ratified", "contradicted"):
                ratified = self._date_between(signed + days(370), today - days(400))
                actions.append(self._action(state, treaty, Action.RATIFICATION, ratified))
            elif story == "signature_withdrawn":
                withdrawn = self._date_between(signed + days(370), today)
                actions.append(
                    self._action(state, treaty, Action.WITHDRAWAL_OF_SIGNATURE, withdrawn)
                )
        elif story in ("acceded", "other_consent"):
            kind = Action.ACCESSION if story == "acceded" else self.rng.choice(OTHER_CONSENT)
            joined = self._date_between(opened, today)
            actions.append(self._action(state, treaty, kind, joined, self._precision()))
        elif story == "denounced":
            joined = self._date_between(opened, today - days(800))
            actions.append(self._action(state, treaty, Action.ACCESSION, joined))
            # A denunciation takes effect a year after notice; recent notices are still pending.
            notice = self._date_between(joined + days(365), today)
            effective = notice.replace(year=notice.year + 1, day=min(notice.day, 28))
            actions.append(
                self._action(state, treaty, Action.DENUNCIATION, notice, effective_on=effective)
            )
        elif story == "instrument_withdrawn":
            joined = self._date_between(opened, today - days(400))
            actions.append(self._action(state, treaty, Action.ACCESSION, joined))
            withdrawn = joined + days(self.rng.randint(10, 60))
            actions.append(self._action(state, treaty, Action.WITHDRAWAL_OF_INSTRUMENT, withdrawn))
        facts.actions.extend(actions)

        last = max(action.effective_on or action.date for action in actions)
        if story == "contradicted":
            # A secondary source, later than the ratification, still reads "no action".
            on = self._date_between(actions[-1].date + days(1), today)
            facts.observations.append(
                self._observe(state, treaty, ObservedStatus.NO_ACTION, on, Precision.DAY, reports)
            )
        elif self.rng.random() < CONFIRMED_SHARE and last < today:
            # A later source confirms what the events say on its date (or, undated, today).
            on, precision = self._observation_date(last, today)
            established = status_from_events(actions, on or today)
            status = established.status if established else Status.NO_ACTION
            facts.observations.append(self._observe(state, treaty, status, on, precision, reports))

    def _institutions(self, facts: StateFacts, state: State) -> None:
        rng, today = self.rng, self.today
        iso = state.iso2
        legislation = self._source(
            f"legislation/{state.iso3.lower()}",
            f"Synthetic legislation database: {state.short_name}",
            today - self._days(rng.randint(0, 365)),
            Confidence.SECONDARY,
        )
        facts.sources.append(legislation)

        if rng.random() < 0.7:
            institutions = [("HRC", "Human Rights Commission")]
            if rng.random() < 0.1:
                institutions.append(("OMB", "Ombudsman for Human Rights"))
            for suffix, kind in institutions:
                established = self._date_between(
                    datetime.date(1985, 1, 1), datetime.date(2015, 1, 1)
                )
                nhri = NationalHumanRightsInstitution(
                    state=state,
                    name=f"{NAME_PREFIX}{kind} of {state.short_name.removeprefix(NAME_PREFIX)}",
                    acronym=f"S{iso}{suffix}",
                    established_on=established,
                    legal_basis=f"Synthetic Act establishing the {kind}",
                    source=legislation,
                )
                facts.nhris.append(nhri)
                self._accreditations(facts, nhri, established)

        if rng.random() < 0.35:
            designated = (
                None if rng.random() < 0.1 else self._date_between(datetime.date(2010, 1, 1), today)
            )
            replaced = designated is not None and rng.random() < 0.3 and designated < today
            ended = (
                self._date_between(designated, today)
                if designated is not None and replaced
                else None
            )
            facts.focal_points.append(self._focal_point(state, designated, ended))
            if replaced:
                facts.focal_points.append(self._focal_point(state, ended, None))

        categories = list(LawCategory)
        for n in range(1, rng.randint(0, 5) + 1):
            category = rng.choice(categories)
            enacted = self._date_between(datetime.date(1995, 1, 1), today)
            precision = Precision.UNKNOWN if rng.random() < 0.05 else Precision.DAY
            facts.laws.append(
                Law(
                    state=state,
                    title=f"Synthetic Act No. {n} of {enacted.year} on {category.label}",
                    number=f"{n}/{enacted.year}",
                    enacted_on=None if precision == Precision.UNKNOWN else enacted,
                    enacted_on_precision=precision,
                    category=category.value,
                    source=legislation,
                )
            )

    def _focal_point(
        self, state: State, designated: datetime.date | None, ended: datetime.date | None
    ) -> FocalPoint:
        return FocalPoint(
            state=state,
            office=self.rng.choice(FOCAL_POINT_OFFICES),
            designated_on=designated,
            designated_on_precision=Precision.DAY if designated else Precision.UNKNOWN,
            ended_on=ended,
            network=(
                FocalPointNetwork.GLOBAL if self.rng.random() < 0.9 else FocalPointNetwork.NONE
            ),
            source=self.focal_point_list,
        )

    def _accreditations(
        self, facts: StateFacts, nhri: NationalHumanRightsInstitution, established: datetime.date
    ) -> None:
        """GANHRI reviews every five years or so; most keep their status, some move."""
        rng = self.rng
        status = rng.choice([GanhriStatus.A, GanhriStatus.A, GanhriStatus.B])
        on = established + self._days(rng.randint(365, 1100))
        # One undated decision per status at most: two would be the same fact twice.
        undated_statuses: set[str] = set()
        while on <= self.today:
            undated = rng.random() < 0.05 and status not in undated_statuses
            if undated:
                undated_statuses.add(status)
            facts.accreditations.append(
                Accreditation(
                    nhri=nhri,
                    status=status,
                    decided_on=None if undated else on.replace(day=1),
                    decided_on_precision=Precision.UNKNOWN if undated else Precision.MONTH,
                    source=self.accreditation_chart,
                )
            )
            roll = rng.random()
            if roll < 0.08:
                status = GanhriStatus.DEFERRED
            elif roll < 0.16:
                status = GanhriStatus.B if status == GanhriStatus.A else GanhriStatus.A
            elif roll < 0.18:
                status = rng.choice([GanhriStatus.SUSPENDED, GanhriStatus.REMOVED, GanhriStatus.C])
            elif status not in (GanhriStatus.A, GanhriStatus.B):
                status = GanhriStatus.B
            on += self._days(rng.randint(4 * 365, 6 * 365))


def available_countries(count: int, rng: random.Random) -> list:
    """`count` ISO countries whose codes are not yet used by a state in the database."""
    taken_iso3 = set(State.objects.values_list("iso3", flat=True))
    taken_iso2 = set(State.objects.values_list("iso2", flat=True))
    free = sorted(
        (
            country
            for country in pycountry.countries
            if country.alpha_3 not in taken_iso3 and country.alpha_2 not in taken_iso2
        ),
        key=lambda country: country.alpha_3,
    )
    if count > len(free):
        raise ValueError(
            f"Only {len(free)} ISO 3166 countries are not yet in the database; "
            f"asked for {count} states."
        )
    return sorted(rng.sample(free, count), key=lambda country: country.alpha_3)


def _write(model, objects: list, report: Report) -> None:
    if objects:
        if issubclass(model, Fact):
            for fact in objects:
                fact.review_status = ReviewStatus.PUBLISHED
        bulk_create_with_history(
            objects, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON
        )
        report.counts[str(model._meta.verbose_name_plural)] += len(objects)


def _batches(generator: Generator, countries: list, treaties: list[Treaty]) -> Iterator[list]:
    batch = []
    for country in countries:
        batch.append(generator.state(country, treaties))
        if len(batch) == STATES_PER_WRITE:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(states: int, treaties: int, seed: int, today: datetime.date) -> Report:
    """Write `states` synthetic states with their record on `treaties` synthetic treaties.

    It adds to whatever is in the database, taking only ISO codes and treaty keys not yet used;
    the caller decides whether the database may receive synthetic data (`ensure_only_synthetic`).
    Everything is written in one transaction: on any error nothing is.
    """
    if states < 0 or treaties < 0:
        raise ValueError("The numbers of states and treaties cannot be negative.")
    existing = Treaty.objects.filter(key__startswith=TREATY_KEY_PREFIX).count()
    if existing:
        raise ValueError(
            f"The database already holds {existing} synthetic treaties; generate into an "
            "empty database (e.g. after `manage.py flush`)."
        )
    generator = Generator(seed, today)
    report = Report()
    with transaction.atomic():
        countries = available_countries(states, generator.rng)
        treaty_sources, treaty_rows = generator.treaties(treaties)
        _write(
            Source,
            [
                generator.registry,
                generator.focal_point_list,
                generator.accreditation_chart,
                *treaty_sources,
            ],
            report,
        )
        _write(Treaty, treaty_rows, report)
        for batch in _batches(generator, countries, treaty_rows):
            # Parents before children: bulk_create fills in primary keys, and each child's
            # foreign key is read from its (now saved) parent when the child is written.
            _write(Source, [s for facts in batch for s in facts.sources], report)
            _write(State, [facts.state for facts in batch], report)
            _write(TreatyAction, [a for facts in batch for a in facts.actions], report)
            _write(StatusObservation, [o for facts in batch for o in facts.observations], report)
            _write(
                NationalHumanRightsInstitution, [n for facts in batch for n in facts.nhris], report
            )
            _write(Accreditation, [a for facts in batch for a in facts.accreditations], report)
            _write(FocalPoint, [f for facts in batch for f in facts.focal_points], report)
            _write(Law, [law for facts in batch for law in facts.laws], report)
        # bulk_create sends no save signals: the change is announced here, in its transaction.
        versioning.announce_change()
    return report
