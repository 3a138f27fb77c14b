from django.urls import path

from commitments import feeds, views

app_name = "commitments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("countries/<str:iso3>/embed/", views.country_embed, name="country_embed"),
    path("countries/<str:iso3>/feed/", feeds.CountryChangesFeed(), name="country_feed"),
    path("treaties/<slug:key>/", views.treaty, name="treaty"),
    path("methodology/", views.methodology, name="methodology"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", feeds.ChangesFeed(), name="changes_feed"),
    path("data/", views.data, name="data"),
]
