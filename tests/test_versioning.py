"""The data version: moved by every change to a fact, in commit order, and read cheaply."""

import datetime
import threading
import time

import psycopg
import pytest
from django.db import connection, transaction

from commitments import versioning
from commitments.models import Law, State, TreatyAction
from tests.factories import LawFactory


def test_every_save_and_delete_of_a_fact_moves_the_version(dataset):
    first = versioning.current()
    law = LawFactory()
    created = versioning.current()
    law.title = "Renamed"
    law.save()
    changed = versioning.current()
    law.delete()
    deleted = versioning.current()

    assert first.number < created.number < changed.number < deleted.number
    assert first.changed_at <= created.changed_at <= changed.changed_at <= deleted.changed_at
    assert len({first.series, created.series, changed.series, deleted.series}) == 1


def test_a_queryset_delete_and_its_cascade_move_the_version(dataset):
    before = versioning.current()
    State.objects.filter(iso3="KHM").delete()
    assert versioning.current().number > before.number
    assert not TreatyAction.objects.filter(state__iso3="KHM").exists()


def test_a_change_rolled_back_leaves_the_version_as_it_was(dataset):
    before = versioning.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Law.objects.first().delete()
        raise RuntimeError
    assert versioning.current() == before


def test_the_version_prints_as_the_date_of_the_change_and_its_number(dataset):
    version = versioning.current()
    assert version.label == f"{version.changed_at:%Y-%m-%d}.{version.number}"


CHANGED = versioning.Version(7, datetime.datetime(2026, 11, 26, 15, 0, tzinfo=datetime.UTC), "s")


def test_an_answer_about_today_is_named_differently_the_next_day(rf):
    request = rf.get("/countries/khm/")
    today = versioning.Freshness(CHANGED, datetime.date(2026, 11, 27))
    tomorrow = versioning.Freshness(CHANGED, datetime.date(2026, 11, 28))
    assert today.etag(request) != tomorrow.etag(request)
    assert today.token != tomorrow.token


def test_answers_about_today_were_last_modified_at_the_change_or_at_midnight():
    same_day = versioning.Freshness(CHANGED, datetime.date(2026, 11, 26))
    next_day = versioning.Freshness(CHANGED, datetime.date(2026, 11, 27))
    assert same_day.last_modified == CHANGED.changed_at
    assert next_day.last_modified == datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC)


def test_the_etag_names_the_request_that_chose_the_answer(rf):
    fresh = versioning.Freshness(CHANGED, datetime.date(2026, 11, 27))
    tags = {
        fresh.etag(rf.get("/api/v1/states/")),
        fresh.etag(rf.get("/api/v1/states/", HTTP_ACCEPT="text/csv")),
        fresh.etag(rf.get("/api/v1/states/?page=2")),
        fresh.etag(rf.get("/api/v1/states/", secure=True)),
        fresh.etag(rf.get("/api/v1/states/", HTTP_ORIGIN="https://thinktank.example")),
    }
    assert len(tags) == 5
    assert all(tag.startswith('"2026-11-26.7-') for tag in tags)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_each_move_the_version_in_commit_order(dataset):
    """Two writers at once: each change gets its own number, in the order they commit, however
    long the first one's transaction stays open."""
    first, second = Law.objects.order_by("pk")[:2]
    start = versioning.current().number
    first_saved = threading.Event()
    numbers = []

    def slow_writer():
        with transaction.atomic():
            first.title = "Saved first, committed first"
            first.save()
            # The number this change moved the version to, as its transaction sees it.
            numbers.append(versioning.current().number)
            first_saved.set()
            time.sleep(0.5)
        connection.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert first_saved.wait(10)
    # This save waits for the first writer's lock on the counter, then counts after it.
    second.title = "Saved second"
    second.save()
    numbers.append(versioning.current().number)
    writer.join(10)

    assert numbers == [start + 1, start + 2]
    assert versioning.current().number == start + 2


def wait_for(read, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = read()
        if found:
            return found
        time.sleep(0.02)
    pytest.fail("nothing within the time allowed")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_listening_process_learns_of_another_process_change_without_reading_it(dataset):
    versioning.watch.start()
    try:
        before = wait_for(versioning.watch.version)
        # Another process's change: its own connection, its own transaction.
        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
        ) as other:
            other.execute(
                "UPDATE commitments_dataversion SET number = number + 1, changed_at = now()"
            )
            other.execute("SELECT pg_notify(%s, '')", [versioning.CHANNEL])
            # Nothing is learned before that process commits.
            time.sleep(0.3)
            assert versioning.watch.version() == before
        learned = wait_for(
            lambda: (v := versioning.watch.version()) and v.number > before.number and v
        )
        assert learned == versioning.current()
        assert versioning.known() == learned
    finally:
        versioning.watch.stop()
    assert versioning.watch.version() is None
