"""Every fixture that more than one test module uses; one copy of each.

The test database is created once per session with the real ASEAN dataset loaded through the
project's importer, so every test can rely on it; each test runs in a transaction that is rolled
back. Tests that need an empty database ask for `empty_database`. Passwords are hashed with the
fast MD5 hasher throughout. Helpers that are not fixtures are in tests/helpers.py.
"""

import copy
import datetime
import os
from itertools import chain
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIClient

from commitments.importers import load_dataset
from tests.helpers import DATASET, DESKTOP, PASSWORD, empty_the_database, group

TODAY = datetime.date(2026, 11, 27)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def _dataset_models() -> list:
    """The app's models and their history models: everything the dataset writes."""
    from django.apps import apps

    return list(apps.get_app_config("commitments").get_models())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Loads the dataset once, and keeps a serialized copy to restore it after a flush."""
    from django.core import serializers

    with django_db_blocker.unblock():
        load_dataset(DATASET)
        rows = chain.from_iterable(m._default_manager.order_by("pk") for m in _dataset_models())
        return serializers.serialize("json", rows)


def restore_dataset(snapshot: str) -> None:
    """Puts the dataset and the Researchers/Editors groups back after a transactional test
    flushed the database (a flush empties every table, the migration's groups included)."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import transaction

    from commitments import roles
    from commitments.models import State

    if State.objects.exists():
        return
    with transaction.atomic():
        for row in serializers.deserialize("json", snapshot):
            row.save()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), _dataset_models()):
                cursor.execute(sql)
        group(roles.RESEARCHERS)


_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _dataset_in_place(request):
    """Every database test starts with the dataset, even after a flush by an earlier
    transactional test in the same worker (pytest-xdist does not run those last)."""
    uses_database = request.node.get_closest_marker("django_db") or (
        _DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_database:
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in (request.fixturenames)
        or bool(marker and marker.kwargs.get("transaction"))
    )
    snapshot = request.getfixturevalue("django_db_setup")
    request.getfixturevalue("transactional_db" if transactional else "db")
    restore_dataset(snapshot)


@pytest.fixture
def empty_database(db):
    """Deletes every fact inside the test's transaction (restored when the test ends)."""
    empty_the_database()


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(scope="session", autouse=True)
def _a_cache_of_its_own():
    """Each test process (pytest-xdist worker) keeps its cache keys under its own prefix and
    empties only those.

    The workers share one Redis database (CACHE_URL), and django-redis empties the whole database
    on `cache.clear()`: one worker starting a test would wipe the answers, the data generation and
    the rate-limit counters another worker's test is in the middle of using.
    """
    from django.test import override_settings
    from django_redis.cache import RedisCache

    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with (
        override_settings(CACHES=caches),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(RedisCache, "clear", lambda cache: cache.delete_pattern("*"))
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches and no kept ASEAN medians.

    The database is rolled back after every test but the caches are not: without this, a page
    kept by one test, or its rate-limit counters, would leak into the next.
    """
    from commitments import medians, state_parts, version_parts, versioning
    from r2p_tracker import cache

    cache.clear()
    state_parts.forget()
    medians.clear()
    version_parts.clear()
    versioning.forget_state_numbers()


@pytest.fixture
def dataset(db, django_db_setup):
    """The ASEAN dataset, reloaded when a transactional test that ran earlier flushed it."""
    restore_dataset(django_db_setup)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Passwords hashed with MD5 in every test: hashing is not what any test measures."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def api(dataset):
    """An anonymous API client, with the ASEAN dataset in place."""
    return APIClient()


def _staff_member(django_user_model, username: str, group_name: str):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(group(group_name))
    return user


@pytest.fixture
def researcher(dataset, django_user_model):
    """A staff user in the Researchers group, with the password `helpers.PASSWORD`."""
    return _staff_member(django_user_model, "rachel", "Researchers")


@pytest.fixture
def editor(dataset, django_user_model):
    """A staff user in the Editors group, with the password `helpers.PASSWORD`."""
    return _staff_member(django_user_model, "edgar", "Editors")


@pytest.fixture
def researcher_client(client, researcher):
    client.force_login(researcher)
    return client


@pytest.fixture
def editor_client(client, editor):
    """Signed in as an Editor, whose changes are published at once."""
    client.force_login(editor)
    return client


# A real Chromium on a live server (tests/test_browser.py and the admin's CSP check).


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through Playwright. Skips without /usr/bin/chromium, fails with
    REQUIRE_BROWSER=1 (CI). Playwright's sync API keeps an event loop in this thread while it
    runs; the tests' ORM calls are still synchronous, so Django's guard against async use is
    lifted for as long as the browser is open."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address. Each live-server test flushes the database when it ends;
    `_dataset_in_place` puts the dataset back before the next."""
    return live_server.url


def _tab(browser, viewport: dict):
    """A tab in a context of its own that records the content security policy's complaints."""
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.csp_errors = []
    tab.on(
        "console",
        lambda message: (
            tab.csp_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return context, tab


@pytest.fixture
def page(browser):
    """A desktop-sized tab that records the content security policy's complaints."""
    context, tab = _tab(browser, DESKTOP)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A tab as wide as a small phone (375 px), recording CSP complaints like `page`."""
    context, tab = _tab(browser, {"width": 375, "height": 812})
    yield tab
    context.close()
