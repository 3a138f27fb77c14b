"""SQL queries per request for every page and API list, counted in-process; prints JSON.

Run by bench/run.py with DATABASE_URL pointing at the benchmark database and the cache disabled
(CACHE_URL=dummy://), so every request does its full work. Streamed answers are read to the end
inside the count, because a streamed export runs its queries while it is being sent.
"""

from __future__ import annotations

import json
import os
import sys


def count(paths: list[str]) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "r2p_tracker.settings")
    django.setup()

    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from commitments.models import State, Treaty

    setup_test_environment()
    # A state with every kind of fact, so that every prefetch runs at every size; a prefetch
    # with nothing to read (no institutions, so no accreditations) is skipped by Django.
    complete = State.objects.filter(
        treaty_actions__isnull=False,
        status_observations__isnull=False,
        focal_points__isnull=False,
        nhris__accreditations__isnull=False,
        laws__isnull=False,
    )
    state = complete.order_by("iso3").first() or State.objects.order_by("iso3").first()
    treaty = Treaty.objects.order_by("key").first()
    assert state is not None and treaty is not None, "the database has no state or no treaty"
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        _log_the_same_kinds_of_change()
        results = _counted(client, paths, state, treaty)
        # The counting leaves the benchmark's database as it found it.
        transaction.set_rollback(True)
    return {
        "iso3": state.iso3.lower(),
        "treaty": treaty.key,
        "states": State.objects.count(),
        "treaties": Treaty.objects.count(),
        "paths": results,
    }


def _log_the_same_kinds_of_change() -> None:
    """Saves a page's worth of treaty actions again, then corrects a source they cite, so that
    the first page of the changes log holds the same kinds of entry at every size.

    Loaded with `load_dataset`, a database's log is one entry (its first load); generated with
    `generate_synthetic`, one entry per row. The log's queries depend on what its page holds
    (changes to scored facts, a corrected source), not on how much data there is: that is what
    is compared.
    """
    from commitments.models import TreatyAction

    actions = list(TreatyAction.objects.select_related("source").order_by("pk")[:60])
    for action in actions:
        action.save()
    source = next(a.source for a in actions if a.source is not None)
    source.save()


def _counted(client, paths: list[str], state, treaty) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for template in paths:
        path = template.format(iso3=state.iso3.lower(), key=treaty.key)
        # A first request warms per-process caches (templates, translations, URL resolver, the
        # ASEAN medians of a scorecard).
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            # Iterating a response gives its body, streamed or not.
            size = sum(len(chunk) for chunk in response)
        results[template] = {
            "path": path,
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "bytes": size,
        }
    return results


if __name__ == "__main__":
    print(json.dumps(count(sys.argv[1:])))
