from django.apps import AppConfig
from django.core import checks

from r2p_tracker import checks as deploy_checks


class R2PTrackerConfig(AppConfig):
    """The project package: connects the response cache to the data and adds deploy checks."""

    name = "r2p_tracker"
    verbose_name = "R2P Tracker"

    def ready(self) -> None:
        from r2p_tracker.cache import connect_signals

        connect_signals()
        checks.register(deploy_checks.shared_cache, checks.Tags.caches, deploy=True)
        checks.register(deploy_checks.site_url, deploy=True)
