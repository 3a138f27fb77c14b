from django.urls import path

from commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("treaties/<slug:key>/", views.treaty, name="treaty"),
]
