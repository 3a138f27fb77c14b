from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from r2p_tracker import health, language

handler500 = "r2p_tracker.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("commitments.api.urls")),
    path("en/", language.english_prefix_redirect),
    path("en/<path:path>", language.english_prefix_redirect),
    path("docs/translating.md", language.translating_guide, name="translating_guide"),
    # The public pages in every published language: English unprefixed, `/km/...` for Khmer.
    *i18n_patterns(path("", include("commitments.urls")), prefix_default_language=False),
]
