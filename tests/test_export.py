"""`export_dataset`: the human-readable backup that `load_dataset` reads back without loss."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command

from commitments import exporters
from commitments.exporters import export_dataset
from commitments.importers import FILES, load_dataset
from commitments.models import FocalPoint, Law, Source, State, TreatyAction
from commitments.vocabularies import Confidence, LawCategory, Precision, ReviewStatus, SourceKind
from tests.helpers import facts_snapshot

pytestmark = pytest.mark.django_db


def read_files(directory) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in FILES}


def reload_from(directory, request) -> None:
    """Empty the database (the `empty_database` fixture), then load `directory` into it."""
    request.getfixturevalue("empty_database")
    assert State.objects.count() == 0
    load_dataset(directory)


@pytest.mark.slow
def test_round_trip_through_an_empty_database_gives_byte_identical_files(tmp_path, request):
    first, second = tmp_path / "first", tmp_path / "second"
    export_dataset(first)
    before = facts_snapshot()
    reload_from(first, request)
    export_dataset(second)
    assert read_files(second) == read_files(first)
    assert facts_snapshot() == before


@pytest.mark.slow
def test_facts_entered_in_the_admin_survive_the_round_trip(tmp_path, request):
    source = Source.objects.create(
        url="https://example.org/gazette?issue=7&lang=en",
        title='Official Gazette, "Issue 7", 2020',
        publisher="Ministry of Justice, Legal Affairs",
        as_of=datetime.date(2020, 3, 1),
        as_of_precision=Precision.MONTH,
        kind=SourceKind.OFFICIAL,
        origin_url="https://example.org/original | https://example.org/second",
        origin_title="The original gazette | Its second copy",
        notes="Line one.\nLine two, with a comma; and a tab\there.\r\nNgày 5 — ปี 2563",
    )
    khm = State.objects.get(iso3="KHM")
    Law.objects.create(
        state=khm,
        title="Law on the Prevention of Atrocity Crimes, 2020",
        number="NS/RKM/0320/007",
        enacted_on=datetime.date(2020, 1, 1),
        enacted_on_precision=Precision.YEAR,
        category=LawCategory.OTHER,
        source=source,
        notes='He said: "never again".\n\nSecond paragraph.',
        review_status=ReviewStatus.PUBLISHED,
    )
    FocalPoint.objects.create(
        state=khm,
        office="Ministry of Foreign Affairs",
        person_name="Sok Dara",
        designated_on=datetime.date(2018, 5, 4),
        ended_on=datetime.date(2021, 2, 1),
        review_status=ReviewStatus.PUBLISHED,
        source=source,
    )
    Source.objects.create(url="https://example.org/never-cited", title="Cited by no fact")
    action = TreatyAction.objects.filter(state=khm).first()
    action.confidence = Confidence.INFERRED
    action.save()
    first, second = tmp_path / "first", tmp_path / "second"
    export_dataset(first)
    before = facts_snapshot()
    reload_from(first, request)
    export_dataset(second)
    assert facts_snapshot() == before
    assert read_files(second) == read_files(first)


@pytest.mark.slow
def test_export_of_the_shipped_dataset_loads_back_into_the_same_facts(tmp_path, request):
    before = facts_snapshot()
    export_dataset(tmp_path)
    reload_from(tmp_path, request)
    assert facts_snapshot() == before
    assert State.objects.count() == 11


def test_rows_are_sorted_on_natural_keys_with_sources_on_every_row(tmp_path):
    export_dataset(tmp_path)
    lines = (tmp_path / "states.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("iso3,iso2,short_name,official_name,asean_admission_date,")
    codes = [line.split(",")[0] for line in lines[1:]]
    assert codes == sorted(codes)
    assert len(codes) == 11
    actions = (tmp_path / "treaty_actions.csv").read_text(encoding="utf-8")
    philippines = [
        line for line in actions.splitlines() if line.startswith("PHL,rome_statute_1998,")
    ]
    assert [line.split(",")[2:4] for line in philippines] == [
        ["signature", "2000-12-28"],
        ["ratification", "2011-08-30"],
        ["denunciation", "2018-03-17"],
    ]
    assert all(",https://" in line or ",http://" in line for line in philippines)


def test_two_exports_of_the_same_data_are_byte_identical(tmp_path):
    export_dataset(tmp_path / "a")
    export_dataset(tmp_path / "b")
    assert read_files(tmp_path / "a") == read_files(tmp_path / "b")


def test_export_of_an_empty_database_writes_headers_that_load(tmp_path, empty_database):
    export_dataset(tmp_path)
    assert (tmp_path / "laws.csv").read_text(encoding="utf-8").count("\n") == 1
    report = load_dataset(tmp_path)
    assert not report.changed


def test_command_writes_every_file_and_reports_row_counts(tmp_path, capsys):
    call_command("export_dataset", str(tmp_path / "out"))
    output = capsys.readouterr().out
    actions = TreatyAction.objects.count()
    assert f"treaty_actions.csv: {actions} rows" in output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)


def test_an_interrupted_export_leaves_the_previous_files_whole(tmp_path):
    export_dataset(tmp_path)
    before = read_files(tmp_path)

    laws = exporters.ROWS["laws.csv"]

    def failing_laws():
        yield from list(laws())[:3]
        raise OSError("disk full")

    with (
        mock.patch.dict(exporters.ROWS, {"laws.csv": failing_laws}),
        pytest.raises(OSError),
    ):
        export_dataset(tmp_path)
    assert read_files(tmp_path) == before
