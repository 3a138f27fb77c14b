"""Loading the sourced dataset: idempotent, all-or-nothing, with errors naming file and row."""

import csv
import datetime
import io
import shutil
import tracemalloc
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commitments import quality
from commitments.importers import REPLACE_REASON, DatasetError, load_dataset
from commitments.models import (
    FACT_MODELS,
    InstitutionObservation,
    Law,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from tests.helpers import DATASET, write_small_dataset


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path, rows, fieldnames=None, encoding="utf-8"):
    fieldnames = fieldnames or list(rows[0])
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def edit_cell(path, row_number, column, value):
    """Change one cell; `row_number` counts like the importer's errors (the header is row 1)."""
    rows = read_rows(path)
    rows[row_number - 2][column] = value
    write_rows(path, rows)


@pytest.fixture
def copy(tmp_path):
    """A copy of the shipped dataset to spoil."""
    return shutil.copytree(DATASET, tmp_path / "asean")


def snapshot():
    """Rows and history entries of every fact table."""
    return {model.__name__: (model.objects.count(), model.history.count()) for model in FACT_MODELS}


def load_and_fail(directory) -> str:
    """Run the command, which must fail; return what it wrote to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load_dataset", str(directory), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


# Idempotence.


def test_loading_the_shipped_dataset_again_changes_nothing_and_says_so(dataset):
    before = snapshot()
    out = io.StringIO()
    call_command("load_dataset", str(DATASET), stdout=out)
    assert "Nothing changed: the database already matches" in out.getvalue()
    actions = len(read_rows(DATASET / "treaty_actions.csv"))
    assert f"treaty actions: 0 created, {actions} unchanged" in out.getvalue()
    assert snapshot() == before


def test_the_loader_function_reports_no_change_on_a_second_run(dataset):
    report = load_dataset(DATASET)
    assert not report.changed
    assert report.unchanged["status observations"] == len(
        read_rows(DATASET / "status_observations.csv")
    )


# All or nothing.


def test_a_bad_row_in_the_last_file_writes_nothing_into_an_empty_database(empty_database, copy):
    edit_cell(copy / "laws.csv", 5, "category", "sedition")
    assert set(snapshot().values()) == {(0, 0)}
    errors = load_and_fail(copy)
    assert "laws.csv, row 5: category: Value 'sedition' is not a valid choice." in errors
    assert set(snapshot().values()) == {(0, 0)}


def test_a_bad_row_keeps_the_edits_of_earlier_files_out(dataset, copy):
    edit_cell(copy / "states.csv", 2, "official_name", "Renamed State")
    edit_cell(copy / "laws.csv", 3, "enacted_on", "2099-01-01")
    before = snapshot()
    with pytest.raises(DatasetError) as failed:
        load_dataset(copy)
    assert failed.value.errors == [
        "laws.csv, row 3: enacted_on: 2099-01-01 is in the future; record facts only once "
        "they have happened."
    ]
    assert snapshot() == before
    assert not State.objects.filter(official_name="Renamed State").exists()


def spoil_state(copy):
    edit_cell(copy / "treaty_actions.csv", 4, "state_iso3", "XXX")


def spoil_treaty(copy):
    edit_cell(copy / "status_observations.csv", 3, "treaty_key", "geneva_1864")


def spoil_date(copy):
    edit_cell(copy / "laws.csv", 2, "enacted_on", "2010-13-45")


def spoil_precision(copy):
    rows = read_rows(copy / "treaty_actions.csv")
    number = next(i for i, row in enumerate(rows, start=2) if row["date_precision"] == "year")
    edit_cell(copy / "treaty_actions.csv", number, "date", rows[number - 2]["date"][:4] + "-03-01")
    return number


def drop_column(copy):
    path = copy / "status_observations.csv"
    rows = read_rows(path)
    write_rows(path, rows, [name for name in rows[0] if name != "status"])


def latin_1(copy):
    path = copy / "laws.csv"
    text = (
        path.read_text(encoding="utf-8")
        + 'VNM,Loi sur la sûreté,1,2010-01-01,day,other,https://example.org,""\n'
    )
    path.write_bytes(text.encode("latin-1", errors="replace"))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            spoil_state,
            "treaty_actions.csv, row 4: state_iso3: 'XXX' is not a state in states.csv",
        ),
        (
            spoil_treaty,
            "status_observations.csv, row 3: treaty_key: 'geneva_1864' is not a treaty in "
            "treaties.csv",
        ),
        (
            spoil_date,
            "laws.csv, row 2: enacted_on: '2010-13-45' is not a date of the form YYYY-MM-DD",
        ),
        (
            spoil_precision,
            "treaty_actions.csv, row {number}: date: {date} is not the first day of its year",
        ),
        (drop_column, "status_observations.csv: missing column(s): status"),
        (latin_1, "laws.csv: the file is not UTF-8"),
    ],
    ids=[
        "unknown state",
        "unknown treaty",
        "malformed date",
        "precision mismatch",
        "missing column",
        "not UTF-8",
    ],
)
def test_a_spoiled_file_gives_a_clear_error_and_changes_nothing(dataset, copy, spoil, message):
    number = spoil(copy)
    if number:
        date = read_rows(copy / "treaty_actions.csv")[number - 2]["date"]
        message = message.format(number=number, date=date)
    before = snapshot()
    errors = load_and_fail(copy)
    assert message in errors
    assert snapshot() == before


def test_a_missing_file_is_named(dataset, copy):
    (copy / "nhris.csv").unlink()
    with pytest.raises(DatasetError) as failed:
        load_dataset(copy)
    assert failed.value.errors == [f"{copy / 'nhris.csv'}: file not found"]


# Updates and sources.


def row_of(path, **cells) -> tuple[int, dict]:
    """The row number (as the importer counts) and cells of the one row with these cells."""
    [found] = [
        (number, row)
        for number, row in enumerate(read_rows(path), start=2)
        if all(row[k] == v for k, v in cells.items())
    ]
    return found


def phl_denunciation():
    return TreatyAction.objects.get(
        state__iso3="PHL", treaty__key="rome_statute_1998", action="denunciation"
    )


def test_an_edited_cell_of_the_files_is_listed_and_the_database_kept(dataset, copy):
    path = copy / "treaty_actions.csv"
    number, row = row_of(
        path, state_iso3="PHL", treaty_key="rome_statute_1998", action="denunciation"
    )
    edit_cell(path, number, "notes", "Notice deposited in New York")
    before = snapshot()

    report = load_dataset(copy)

    assert not report.changed
    assert report.differing == Counter({"treaty actions": 1})
    assert [str(d) for d in report.differences] == [
        f"treaty_actions.csv, row {number}, notes: file 'Notice deposited in New York', "
        f"database {row['notes']!r}"
    ]
    assert phl_denunciation().notes == row["notes"]
    assert snapshot() == before


def test_replace_applies_the_edited_cell_and_records_why(dataset, copy):
    path = copy / "treaty_actions.csv"
    number, _ = row_of(
        path, state_iso3="PHL", treaty_key="rome_statute_1998", action="denunciation"
    )
    edit_cell(path, number, "notes", "Notice deposited in New York")
    history_before = TreatyAction.history.count()

    report = load_dataset(copy, replace=True)

    assert report.replaced == Counter({"treaty actions": 1})
    assert sum(report.created.values()) == 0
    denunciation = phl_denunciation()
    assert denunciation.notes == "Notice deposited in New York"
    assert TreatyAction.history.count() == history_before + 1
    latest = denunciation.history.latest()
    assert (latest.history_type, latest.history_change_reason) == ("~", REPLACE_REASON)


def test_a_date_changed_in_the_admin_survives_make_run_until_replace(dataset):
    number, row = row_of(
        DATASET / "treaty_actions.csv",
        state_iso3="PHL",
        treaty_key="rome_statute_1998",
        action="denunciation",
    )
    action = phl_denunciation()
    corrected = action.date + datetime.timedelta(days=1)
    action.date = corrected
    action._change_reason = "Corrected from the depositary notification"
    action.save()
    actions = TreatyAction.objects.count()

    out = io.StringIO()
    call_command("load_dataset", str(DATASET), stdout=out)

    assert TreatyAction.objects.count() == actions
    assert phl_denunciation().date == corrected
    assert (
        f"treaty_actions.csv, row {number}, date: file {row['date']!r}, "
        f"database '{corrected.isoformat()}'" in out.getvalue()
    )
    assert "updated" not in out.getvalue()
    assert f"load_dataset --replace {DATASET}" in out.getvalue()

    call_command("load_dataset", str(DATASET), "--replace", stdout=io.StringIO())

    assert TreatyAction.objects.count() == actions
    restored = phl_denunciation()
    assert restored.date.isoformat() == row["date"]
    assert restored.history.latest().history_change_reason == REPLACE_REASON


def test_a_fact_deleted_in_the_admin_is_not_loaded_again(dataset):
    number, row = 2, read_rows(DATASET / "laws.csv")[0]
    Law.objects.get(state__iso3="KHM", title=row["title"]).delete()
    before = snapshot()

    report = load_dataset(DATASET)

    assert snapshot() == before
    assert [str(d) for d in report.differences] == [
        f"laws.csv, row {number}: deleted from the database on "
        f"{Law.history.latest().history_date.date().isoformat()}"
    ]


def test_facts_added_in_the_admin_are_kept_and_counted(dataset):
    khm = State.objects.get(iso3="KHM")
    Law.objects.create(
        state=khm,
        title="A law added in the admin",
        category="other",
        enacted_on_precision="unknown",
        source=khm.source,
    )
    out = io.StringIO()
    call_command("load_dataset", str(DATASET), stdout=out)
    assert Law.objects.filter(title="A law added in the admin").exists()
    laws = len(read_rows(DATASET / "laws.csv"))
    assert f"laws: 0 created, {laws} unchanged, 1 only in the database" in out.getvalue()


def test_every_fact_keeps_the_source_url_of_its_row(dataset):
    actions = {
        (r["state_iso3"], r["treaty_key"], r["action"], r["date"]): r["source_url"]
        for r in read_rows(DATASET / "treaty_actions.csv")
    }
    assert {
        (a.state.iso3, a.treaty.key, a.action, a.date.isoformat()): a.source.url
        for a in TreatyAction.objects.with_related()
    } == actions
    observations = Counter(
        (r["state_iso3"], r["treaty_key"], r["status"], r["source_url"])
        for r in read_rows(DATASET / "status_observations.csv")
    )
    assert (
        Counter(
            (o.state.iso3, o.treaty.key, o.status, o.source.url)
            for o in StatusObservation.objects.with_related()
        )
        == observations
    )
    laws = {(r["state_iso3"], r["title"]): r["source_url"] for r in read_rows(DATASET / "laws.csv")}
    assert {
        (law.state.iso3, law.title): law.source.url
        for law in Law.objects.select_related("state", "source")
    } == laws


# The cells the dataset's README lists as verified by no source (v0.2, "Coverage").
UNVERIFIED_CELLS = {
    ("BRN", "ap1_1977"),
    ("BRN", "ap2_1977"),
    ("MMR", "ap1_1977"),
    ("MMR", "ap2_1977"),
    ("PHL", "palermo_tip_2000"),
    ("TLS", "actip_2015"),
    ("TLS", "stateless_1961"),
    ("VNM", "ap2_1977"),
}


def test_the_eight_unverified_cells_stay_unknown(dataset, today):
    verified = {
        (r["state_iso3"], r["treaty_key"])
        for name in ("treaty_actions.csv", "status_observations.csv")
        for r in read_rows(DATASET / name)
    }
    unverified = {
        (s["iso3"], t["key"])
        for s in read_rows(DATASET / "states.csv")
        for t in read_rows(DATASET / "treaties.csv")
    } - verified
    assert unverified == UNVERIFIED_CELLS
    load_dataset(DATASET)
    cells = quality.cells(
        State.objects.for_scorecard(), list(Treaty.objects.select_related("source")), today
    )
    unknown = {(c.state.iso3, c.treaty.key) for c in quality.unknown_cells(cells)}
    assert unknown == UNVERIFIED_CELLS


# The source register (sources.csv).


def test_every_source_of_the_register_is_loaded_with_its_kind_and_origin(dataset):
    rows = read_rows(DATASET / "sources.csv")
    for row in rows:
        source = Source.objects.matching(row["url"], _date_or_none(row["as_of"])).get()
        assert (source.title, source.publisher, source.kind) == (
            row["title"],
            row["publisher"],
            row["kind"],
        )
        assert source.origin_url == row["origin_url"]
    copies = [row for row in rows if row["origin_title"]]
    assert copies and all(
        Source.objects.filter(url=r["url"]).exclude(origin_title="") for r in copies
    )


def _date_or_none(text: str):
    return datetime.date.fromisoformat(text) if text else None


def test_a_fact_citing_an_address_missing_from_the_register_is_an_error(empty_database, copy):
    edit_cell(copy / "laws.csv", 2, "source_url", "https://example.org/not-registered")
    errors = load_and_fail(copy)
    assert (
        "laws.csv, row 2: source_url: 'https://example.org/not-registered' is not in sources.csv"
        in errors
    )


def test_a_fact_dating_its_source_otherwise_cites_a_further_reading_of_it(empty_database, copy):
    url = read_rows(copy / "treaty_actions.csv")[0]["source_url"]
    edit_cell(copy / "treaty_actions.csv", 2, "source_as_of", "1999")
    load_dataset(copy)
    readings = Source.objects.filter(url=url).order_by("as_of")
    assert readings.count() == 2
    reading = readings.get(as_of=datetime.date(1999, 1, 1))
    registered = readings.exclude(pk=reading.pk).get()
    assert (reading.title, reading.kind) == (registered.title, registered.kind)
    assert reading.as_of_precision == "year"


def test_the_files_of_facts_beyond_treaties_do_not_stop_a_load(empty_database, copy):
    for name in ("engagements.csv", "upr_recommendations.csv", "regional_events.csv"):
        assert (copy / name).exists()
    load_dataset(copy)
    assert State.objects.count() == len(read_rows(copy / "states.csv"))


def test_states_carry_their_independence_and_un_admission_with_sources(dataset):
    timor = State.objects.get(iso3="TLS")
    assert timor.independent_on == datetime.date(2002, 5, 20)
    assert timor.un_member_since == datetime.date(2002, 9, 27)
    assert timor.independence_source.kind and timor.un_member_source.url.startswith("http")
    thailand = State.objects.get(iso3="THA")
    assert thailand.partial_independent_on.isoformat() == "1238"


def test_institution_observations_load_with_their_confidence(dataset):
    rows = read_rows(DATASET / "institution_observations.csv")
    assert InstitutionObservation.objects.count() == len(rows)
    cambodia = InstitutionObservation.objects.filter(
        state__iso3="KHM", indicator="nhri", status="none"
    )
    assert cambodia.count() == sum(
        1 for r in rows if (r["state_iso3"], r["indicator"], r["status"]) == ("KHM", "nhri", "none")
    )
    assert {o.confidence for o in cambodia} <= {"primary", "secondary", "inferred"}


def test_an_institution_status_that_does_not_fit_its_indicator_is_an_error(empty_database, copy):
    edit_cell(copy / "institution_observations.csv", 2, "status", "designated")
    errors = load_and_fail(copy)
    assert any(
        line.startswith("institution_observations.csv, row 2: status: For national human rights")
        for line in errors.splitlines()
    ), errors


def test_the_three_year_precision_rows_dated_before_the_adoption_day_load(empty_database, copy):
    adopted = {t["key"]: t["adopted_on"] for t in read_rows(copy / "treaties.csv")}
    early = [
        r
        for r in read_rows(copy / "treaty_actions.csv")
        if r["date_precision"] == "year" and r["date"] < adopted[r["treaty_key"]]
    ]
    assert len(early) == 3

    load_dataset(copy)

    for row in early:
        action = TreatyAction.objects.get(
            state__iso3=row["state_iso3"], treaty__key=row["treaty_key"], action=row["action"]
        )
        assert action.partial_date.isoformat() == row["date"][:4]
        assert action.date < action.treaty.adopted_on


def test_a_month_precision_date_loads_as_its_first_day(dataset):
    rows = [r for r in read_rows(DATASET / "treaty_actions.csv") if r["date_precision"] == "month"]
    for row in rows:
        action = TreatyAction.objects.get(
            state__iso3=row["state_iso3"],
            treaty__key=row["treaty_key"],
            action=row["action"],
            date=datetime.date.fromisoformat(row["date"]),
        )
        assert action.partial_date.isoformat() == row["date"][:7]


# Long cells and large files.


def test_a_cell_longer_than_its_column_allows_is_an_error_with_file_and_row(
    empty_database, tmp_path
):
    folder = write_small_dataset(
        tmp_path,
        [{"title": "T" * 501}, {"title": "Penal Code", "notes": "n" * 200_000}],
    )
    with pytest.raises(DatasetError) as refused:
        load_dataset(folder)
    assert refused.value.errors == [
        "laws.csv, row 2: title: Ensure this value has at most 500 characters (it has 501).",
        "laws.csv, row 3: a cell is longer than 131,072 characters, more than any column holds; "
        "nothing after it in this file was read",
    ]
    assert not Law.objects.exists()


ROWS = 100
NOTES = 80_000  # characters per row: the file is about 8 MB.


@pytest.mark.slow
def test_a_large_file_loads_in_memory_that_does_not_grow_with_the_file(empty_database, tmp_path):
    folder = write_small_dataset(
        tmp_path, [{"title": f"Law {n}", "notes": f"{n} " + "x" * NOTES} for n in range(ROWS)]
    )
    size = (folder / "laws.csv").stat().st_size
    tracemalloc.start()
    try:
        report = load_dataset(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.created["laws"] == ROWS
    assert size > 7_500_000
    # Reading the file whole would hold it at least twice (bytes and text).
    assert peak < size / 4


@pytest.mark.slow
def test_a_large_treaty_actions_file_is_sorted_without_holding_it(empty_database, tmp_path):
    folder = write_small_dataset(tmp_path, [])
    with (folder / "treaty_actions.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for n in range(ROWS):
            # Dates in reverse order, so the rows must be sorted before they are checked.
            writer.writerow(
                ["KHM", "no_such_treaty", "signature", f"{2020 - n % 30}-01-01", "year"]
                + ["", "https://example.org/gazette", "", "", "x" * NOTES]
            )
    size = (folder / "treaty_actions.csv").stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(DatasetError) as refused:
            load_dataset(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(refused.value.errors) == ROWS
    assert refused.value.errors[0] == (
        "treaty_actions.csv, row 2: treaty_key: 'no_such_treaty' is not a treaty in treaties.csv"
    )
    assert peak < size / 4
