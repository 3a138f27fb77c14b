from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from commitments.api import views

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.ApiRootView
router.register("states", views.StateViewSet, basename="states")
router.register("treaties", views.TreatyViewSet, basename="treaties")
router.register("treaty-actions", views.TreatyActionViewSet, basename="treaty-actions")
router.register(
    "status-observations", views.StatusObservationViewSet, basename="status-observations"
)
router.register("participation", views.ParticipationViewSet, basename="participation")
router.register("focal-points", views.FocalPointViewSet, basename="focal-points")
router.register("nhris", views.NHRIViewSet, basename="nhris")
router.register("accreditations", views.AccreditationViewSet, basename="accreditations")
router.register("laws", views.LawViewSet, basename="laws")
router.register("sources", views.SourceViewSet, basename="sources")

urlpatterns = [
    path("dataset.zip", views.DatasetView.as_view(), name="dataset"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
