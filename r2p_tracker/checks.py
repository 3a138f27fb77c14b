"""System checks that `manage.py check --deploy` runs in addition to Django's own."""

from django.conf import settings
from django.core import checks


def shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Several web processes should share one cache: for the API's rate limit, and so that an
    answer is computed once for all of them."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The cache is process-local memory: with more than one web process, each "
                "counts the API's rate limit on its own and computes every answer itself.",
                hint="Set CACHE_URL=redis://host:6379/0 (see docs/deployment.md).",
                id="r2p_tracker.W001",
            )
        ]
    return []
