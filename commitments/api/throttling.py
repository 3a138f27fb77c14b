from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Throttles anonymous clients at settings.REST_FRAMEWORK's `anon` rate, read per request.

    DRF's own class reads the rate once at import; reading it per request lets the rate change
    with the settings (and in tests, with `override_settings`).
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
