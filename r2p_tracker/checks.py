"""System checks that `manage.py check --deploy` runs in addition to Django's own."""

from django.conf import settings
from django.core import checks


def shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Several web processes should share one cache: for the API's rate limit, and so that an
    answer is computed once for all of them."""
    backend = str(settings.CACHES["default"]["BACKEND"])
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


def site_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Releases and the bundle name the site's address in their citation; it must be known."""
    if not settings.SITE_URL:
        return [
            checks.Warning(
                "SITE_URL is not set: the dataset's CITATION.cff and releases will name no "
                "address, and the API schema no server.",
                hint="Set SITE_URL=https://your.host (see .env.example).",
                id="r2p_tracker.W002",
            )
        ]
    return []
