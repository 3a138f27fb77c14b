"""Every page and every API list costs the same number of SQL queries at any size of data.

Each path is counted with the ASEAN dataset (11 states, 21 treaties), then again after the
synthetic generator adds states, treaties and their events, observations, NHRIs, focal points and
laws. The counts themselves are pinned, query by query, in test_api_queries.py and test_pages.py;
here only their independence from the data is asserted, for every route at once, so a new N+1
anywhere fails CI. bench/run.py measures the same at 200 states x 150 treaties.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import State, Treaty, TreatyAction
from commitments.synthetic import generate

PAGES = [
    "/",
    "/?as_of=2015-01-01",
    "/countries/",
    "/countries/khm/",
    "/countries/phl/?as_of=2015-01-01",
    "/countries/khm/embed/",
    "/countries/khm/feed/",
    "/countries/phl/preview.png",
    "/treaties/",
    "/treaties/rome_statute_1998/",
    "/treaties/rome_statute_1998/feed/",
    "/methodology/",
    "/changes/",
    "/changes/feed/",
    "/data/",
    "/api/v1/",
]
API_LISTS = [
    "/api/v1/states/",
    "/api/v1/treaties/",
    "/api/v1/treaty-actions/",
    "/api/v1/status-observations/",
    "/api/v1/participation/",
    "/api/v1/participation/?as_of=2015-01-01&page_size=1000",
    "/api/v1/participation/?status=party",
    "/api/v1/focal-points/",
    "/api/v1/nhris/",
    "/api/v1/accreditations/",
    "/api/v1/laws/",
    "/api/v1/sources/",
]
CSV_EXPORTS = [
    f"{path}{'&' if '?' in path else '?'}format=csv"
    for path in API_LISTS
    if "page_size" not in path
]


def queries_for(client, path: str) -> int:
    """SQL queries of one anonymous GET, the body read to its end (exports stream)."""
    # A first request fills per-process caches (content types, templates); the cache of
    # answers is emptied so that the counted request does all of its work.
    for _counted in (False, True):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, (path, response.status_code, body[:300])
    return len(queries.captured_queries)


def add_synthetic_data(today):
    states, treaties = State.objects.count(), Treaty.objects.count()
    actions = TreatyAction.objects.count()
    generate(states=20, treaties=15, seed=6, today=today)
    # The generator added real volume: more states, treaties and events than the dataset holds.
    assert State.objects.count() == states + 20
    assert Treaty.objects.count() == treaties + 15
    assert TreatyAction.objects.count() > 2 * actions


@pytest.mark.parametrize("path", PAGES + API_LISTS + CSV_EXPORTS)
def test_query_count_does_not_grow_with_states_treaties_and_events(dataset, client, today, path):
    with_asean = queries_for(client, path)

    add_synthetic_data(today)

    assert queries_for(client, path) == with_asean
