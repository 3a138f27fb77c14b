from django.urls import path, register_converter

from commitments import converters, feeds, views

app_name = "commitments"

register_converter(converters.Iso3Converter, "iso3")
register_converter(converters.KeyConverter, "key")
register_converter(converters.ModelNameConverter, "model")
register_converter(converters.IdConverter, "id")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("countries/", views.countries, name="countries"),
    path("countries/<iso3:iso3>/", views.country, name="country"),
    path("countries/<iso3:iso3>/embed/", views.country_embed, name="country_embed"),
    path("countries/<iso3:iso3>/feed/", feeds.CountryChangesFeed(), name="country_feed"),
    path("countries/<iso3:iso3>/preview.png", views.country_preview, name="country_preview"),
    path("treaties/", views.treaties, name="treaties"),
    path("treaties/<key:key>/", views.treaty, name="treaty"),
    path("treaties/<key:key>/feed/", feeds.TreatyChangesFeed(), name="treaty_feed"),
    path("methodology/", views.methodology, name="methodology"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", feeds.ChangesFeed(), name="changes_feed"),
    path("changes/<model:model>/<id:history_id>/", views.change, name="change"),
    path("data/", views.data, name="data"),
    path("preview.png", views.site_preview, name="site_preview"),
]
