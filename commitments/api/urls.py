from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from commitments.api import panel, release_views, scores, views
from commitments.vocabularies import Resource

app_name = "api"

FACTS = {
    Resource.STATES: views.StateViewSet,
    Resource.TREATIES: views.TreatyViewSet,
    Resource.TREATY_ACTIONS: views.TreatyActionViewSet,
    Resource.STATUS_OBSERVATIONS: views.StatusObservationViewSet,
    Resource.FOCAL_POINTS: views.FocalPointViewSet,
    Resource.NHRIS: views.NHRIViewSet,
    Resource.ACCREDITATIONS: views.AccreditationViewSet,
    Resource.LAWS: views.LawViewSet,
    Resource.INSTITUTION_OBSERVATIONS: views.InstitutionObservationViewSet,
    Resource.SOURCES: views.SourceViewSet,
}

router = DefaultRouter()
router.APIRootView = views.ApiRootView
for resource, viewset in FACTS.items():
    router.register(resource.value, viewset, basename=resource.value)
router.register("participation", views.ParticipationViewSet, basename="participation")
router.register("scores", scores.ScoreViewSet, basename="scores")
router.register("panel", panel.PanelViewSet, basename="panel")
router.register("deletions", views.DeletionViewSet, basename="deletions")
router.register("releases", release_views.ReleaseViewSet, basename="releases")

urlpatterns = [
    path("dataset.zip", views.DatasetView.as_view(), name="dataset"),
    path(
        "releases/<str:version>/dataset.zip",
        release_views.ReleaseDatasetView.as_view(),
        name="release-dataset",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
