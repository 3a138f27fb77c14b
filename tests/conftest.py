"""Shared fixtures.

The test database is created once per session with the real ASEAN dataset loaded through the
project's importer, so every test can rely on it; each test runs in a transaction that is rolled
back. Tests that need an empty database ask for `empty_database`.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from commitments.importers import load_dataset

DATASET = Path(settings.BASE_DIR) / "data" / "asean"
TODAY = datetime.date(2026, 11, 27)


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip on SQLite; with REQUIRE_POSTGRES=1 (CI) they fail instead.

    CI runs them in its PostgreSQL pass and deselects them (-m "not postgres") in its SQLite pass.
    """
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        mark = pytest.mark.usefixtures("_fail_without_postgres")
    else:
        mark = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(mark)


@pytest.fixture
def _fail_without_postgres():
    pytest.fail("REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_dataset(DATASET)


@pytest.fixture
def empty_database(db):
    """Deletes every fact inside the test's transaction (restored when the test ends)."""
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

    for model in (
        Accreditation,
        NationalHumanRightsInstitution,
        FocalPoint,
        Law,
        StatusObservation,
        TreatyAction,
        State,
        Treaty,
        Source,
    ):
        model.objects.all().delete()
        model.history.all().delete()


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache.

    The database is rolled back after every test but the cache is not: without this, a page
    cached by one test, or its rate-limit counters, would leak into the next.
    """
    from django.core.cache import cache

    from r2p_tracker.cache import reset_backoff

    reset_backoff()
    cache.clear()


@pytest.fixture
def dataset(db):
    """The ASEAN dataset, reloaded when a transactional test that ran earlier flushed it."""
    from commitments.models import State

    if not State.objects.exists():
        load_dataset(DATASET)
