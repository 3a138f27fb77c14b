from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from r2p_tracker import health

handler500 = "r2p_tracker.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("commitments.api.urls")),
    path("", include("commitments.urls")),
]
