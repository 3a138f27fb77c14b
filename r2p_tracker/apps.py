from django.apps import AppConfig
from django.core import checks

from r2p_tracker import checks as deploy_checks


class R2PTrackerConfig(AppConfig):
    """The project package: adds the deploy checks."""

    name = "r2p_tracker"
    verbose_name = "R2P Tracker"

    def ready(self) -> None:
        checks.register(deploy_checks.shared_cache, checks.Tags.caches, deploy=True)
        checks.register(deploy_checks.site_url, deploy=True)
