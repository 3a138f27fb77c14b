"""Backups that restore: whatever the models' validation accepts (and so the admin and the API),
`export_dataset` then `load_dataset` into an empty database then `export_dataset` again gives
byte-identical files and the same facts."""

import datetime
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commitments.exporters import export_dataset
from commitments.importers import FILES, load_dataset
from commitments.models import (
    Accreditation,
    Engagement,
    Fact,
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
from commitments.vocabularies import (
    OBSERVABLE_STATUSES,
    Confidence,
    EngagementKind,
    FocalPointNetwork,
    GanhriStatus,
    LawCategory,
    MechanismKind,
    ObservedStatus,
    Precision,
    RegionalBody,
    RegionalEventKind,
    ReviewStatus,
    SourceKind,
    TreatyCategory,
    UprResponse,
    UprTargetKind,
    Vote,
    law_target,
)
from tests.helpers import empty_the_database, facts_snapshot

pytestmark = pytest.mark.django_db

# What a form or the API can hand to the models: no control characters but tab and line breaks,
# and no surrounding whitespace (both strip it, and so does the importer).
CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=["Cc", "Cs"], exclude_characters="\ufffe\uffff"
) | st.sampled_from('\t\n\r,"; ')
URLS = st.sampled_from(["https://example.org/report", "https://example.org/list?a=1&b=2"])
CONFIDENCES = st.sampled_from(["", *Confidence.values])


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, max_size=max_size).map(str.strip)


def names(*usual: str) -> st.SearchStrategy[str]:
    """Short names that often coincide (so that duplicates are tried), or any text."""
    return st.sampled_from(usual) | texts(40).filter(bool)


@st.composite
def known_dates(draw) -> tuple[datetime.date, str]:
    precision = draw(st.sampled_from([Precision.DAY, Precision.MONTH, Precision.YEAR]))
    day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2025, 12, 31)))
    return day, precision


@st.composite
def optional_dates(draw) -> tuple[datetime.date | None, str]:
    if draw(st.booleans()):
        return None, Precision.UNKNOWN
    return draw(known_dates())


def saved(instance) -> bool:
    """Saves `instance` if the models' validation accepts it, as the admin and the API would;
    a fact published, as an Editor's save publishes it (the files hold published facts only)."""
    try:
        instance.full_clean()
    except ValidationError:
        return False
    if isinstance(instance, Fact):
        instance.review_status = ReviewStatus.PUBLISHED
    instance.save()
    return True


def build_facts(draw) -> None:
    sources = []
    for _ in range(draw(st.integers(1, 4))):
        as_of, precision = draw(optional_dates())
        source = Source(
            url=draw(URLS),
            as_of=as_of,
            as_of_precision=precision,
            title=draw(texts(60)),
            publisher=draw(texts(30)),
            kind=draw(st.sampled_from(["", *SourceKind.values])),
            origin_url=draw(st.sampled_from(["", "https://example.org/original"])),
            origin_title=draw(texts(30)),
            notes=draw(texts(200)),
        )
        if saved(source):
            sources.append(source)
    if not sources:
        return
    cited = st.sampled_from(sources)
    states = []
    for iso3, iso2 in (("KHM", "KH"), ("THA", "TH")):
        state = State(
            iso3=iso3,
            iso2=iso2,
            short_name=draw(names("Cambodia", "Thailand")),
            official_name=draw(names("Kingdom")),
            asean_admission_date=draw(st.none() | st.just(datetime.date(1999, 4, 30))),
            source=draw(cited),
            notes=draw(texts(80)),
        )
        if saved(state):
            states.append(state)
    treaty = Treaty(
        key="a_treaty_1990",
        short_name=draw(names("Convention")),
        title=draw(names("A Convention on Something")),
        category=draw(st.sampled_from(TreatyCategory.values)),
        adopted_on=datetime.date(1990, 1, 1),
        source=draw(cited),
    )
    if not states or not saved(treaty):
        return
    in_a_state = st.sampled_from(states)
    for _ in range(draw(st.integers(0, 3))):
        date, precision = draw(known_dates())
        saved(
            TreatyAction(
                state=draw(in_a_state),
                treaty=treaty,
                action=draw(st.sampled_from(["signature", "accession"])),
                date=date,
                date_precision=precision,
                reservations=draw(texts(60)),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(80)),
            )
        )
    for _ in range(draw(st.integers(0, 3))):
        observed, precision = draw(optional_dates())
        saved(
            StatusObservation(
                state=draw(in_a_state),
                treaty=treaty,
                status=draw(st.sampled_from(ObservedStatus.values)),
                observed_on=observed,
                observed_on_precision=precision,
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(80)),
            )
        )
    for _ in range(draw(st.integers(0, 3))):
        designated, precision = draw(optional_dates())
        saved(
            FocalPoint(
                state=draw(in_a_state),
                office=draw(names("Ministry of Foreign Affairs", "not stated")),
                person_name=draw(texts(30)),
                designated_on=designated,
                designated_on_precision=precision,
                network=draw(st.sampled_from(FocalPointNetwork.values)),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(80)),
            )
        )
    for _ in range(draw(st.integers(0, 3))):
        enacted, precision = draw(optional_dates())
        saved(
            Law(
                state=draw(in_a_state),
                title=draw(names("Penal Code", "Law on Human Rights")),
                number=draw(texts(20)),
                enacted_on=enacted,
                enacted_on_precision=precision,
                category=draw(st.sampled_from(LawCategory.values)),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(80)),
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        nhri = NationalHumanRightsInstitution(
            state=draw(in_a_state),
            name=draw(names("Human Rights Commission")),
            acronym=draw(names("NHRC", "CHR")),
            established_on=draw(st.none() | st.dates(datetime.date(1990, 1, 1))),
            legal_basis=draw(texts(60)),
            confidence=draw(CONFIDENCES),
            source=draw(cited),
        )
        if saved(nhri):
            decided, precision = draw(optional_dates())
            saved(
                Accreditation(
                    nhri=nhri,
                    status=draw(st.sampled_from(GanhriStatus.values)),
                    decided_on=decided,
                    decided_on_precision=precision,
                    confidence=draw(CONFIDENCES),
                    source=draw(cited),
                    notes=draw(texts(60)),
                )
            )
    for _ in range(draw(st.integers(0, 2))):
        indicator = draw(st.sampled_from(sorted(OBSERVABLE_STATUSES)))
        observed, precision = draw(optional_dates())
        saved(
            InstitutionObservation(
                state=draw(in_a_state),
                indicator=indicator,
                status=draw(st.sampled_from(sorted(OBSERVABLE_STATUSES[indicator]))),
                observed_on=observed,
                observed_on_precision=precision,
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(60)),
            )
        )

    build_engagement(draw, in_a_state, cited, treaty)


def build_engagement(draw, in_a_state, cited, treaty: Treaty) -> None:
    """Engagements, UPR recommendations, national mechanisms and regional events."""
    for _ in range(draw(st.integers(0, 2))):
        on, precision = draw(optional_dates())
        kind = draw(st.sampled_from(EngagementKind.values))
        saved(
            Engagement(
                state=draw(in_a_state),
                kind=kind,
                date=on,
                date_precision=precision,
                title=draw(names("Statement at the UNGA dialogue")),
                url=draw(st.sampled_from(["", "https://example.org/statement"])),
                vote=draw(st.sampled_from(Vote.values)) if kind == EngagementKind.UNGA_VOTE else "",
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(60)),
            )
        )
    targets = [treaty.key, *UprTargetKind.values, *map(law_target, LawCategory.values)]
    for _ in range(draw(st.integers(0, 2))):
        reviewed = draw(st.none() | st.dates(datetime.date(2008, 1, 1), datetime.date(2025, 1, 1)))
        answered = None
        if reviewed and draw(st.booleans()):
            answered = reviewed + datetime.timedelta(days=draw(st.integers(0, 200)))
        saved(
            UprRecommendation(
                state=draw(in_a_state),
                cycle=draw(st.integers(1, 4)),
                review_date=reviewed,
                recommending_states=draw(names("Norway; Brazil", "(voluntary pledge by Cambodia)")),
                recommendation=draw(texts(200)),
                target=draw(st.sampled_from(targets)),
                response=draw(st.sampled_from(UprResponse.values)),
                response_date=answered,
                document=draw(texts(20)),
                paragraph=draw(texts(8)),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(60)),
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        on, precision = draw(optional_dates())
        saved(
            NationalMechanism(
                state=draw(in_a_state),
                kind=draw(st.sampled_from(MechanismKind.values)),
                date=on,
                date_precision=precision,
                title=draw(names("National dialogue opens")),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(60)),
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        on, precision = draw(optional_dates())
        saved(
            RegionalEvent(
                body=draw(st.sampled_from(RegionalBody.values)),
                kind=draw(st.sampled_from(RegionalEventKind.values)),
                date=on,
                date_precision=precision,
                title=draw(names("AICHR established")),
                confidence=draw(CONFIDENCES),
                source=draw(cited),
                notes=draw(texts(60)),
            )
        )


def files_of(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in FILES}


def round_trip() -> tuple[dict, dict, dict, dict]:
    """Export, empty the database, load the export, export again: both exports and the facts
    before and after."""
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first", Path(folder) / "second"
        export_dataset(first)
        before = facts_snapshot()
        empty_the_database()
        load_dataset(first)
        export_dataset(second)
        return files_of(first), files_of(second), before, facts_snapshot()


@pytest.mark.slow
# Each example writes, exports and reloads a database: no shrinking (it would take minutes); a
# failure prints every value drawn.
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_validation_accepts_exports_loads_and_exports_identically(empty_database, data):
    with transaction.atomic():
        build_facts(data.draw)
        first, second, before, after = round_trip()
        transaction.set_rollback(True)
    assert second == first
    assert after == before


def test_two_sources_with_one_address_keep_their_dates_titles_and_notes(empty_database):
    url = "https://example.org/annual-report"
    Source.objects.create(
        url=url,
        as_of=datetime.date(2019, 1, 1),
        as_of_precision=Precision.YEAR,
        title="Annual report 2019",
        notes="Read in 2020.",
    )
    Source.objects.create(
        url=url,
        as_of=datetime.date(2021, 6, 1),
        as_of_precision=Precision.MONTH,
        title="Annual report, June 2021 edition",
        notes="Replaces the 2019 text.",
    )
    Source.objects.create(url=url, title="The page, undated", notes="Cited by no fact.")

    first, second, _, _ = round_trip()

    assert second == first
    assert sorted(
        Source.objects.filter(url=url).values_list("as_of", "as_of_precision", "title", "notes"),
        key=repr,
    ) == sorted(
        [
            (datetime.date(2019, 1, 1), "year", "Annual report 2019", "Read in 2020."),
            (
                datetime.date(2021, 6, 1),
                "month",
                "Annual report, June 2021 edition",
                "Replaces the 2019 text.",
            ),
            (None, "unknown", "The page, undated", "Cited by no fact."),
        ],
        key=repr,
    )


def test_two_focal_points_with_one_state_office_and_unknown_date_cannot_be_saved(dataset):
    state = State.objects.get(iso3="KHM")
    values = {
        "state": state,
        "office": "Ministry of Foreign Affairs",
        "designated_on": None,
        "designated_on_precision": Precision.UNKNOWN,
        "source": state.source,
    }
    FocalPoint.objects.create(**values)
    second = FocalPoint(**values)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert refused.value.messages == [
        "This designation is already recorded for this state, office and date."
    ]
