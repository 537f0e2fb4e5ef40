"""Open data outside the language prefix: robots.txt, sitemap.xml and the 360Giving files
(stable URLs)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("open-data/360giving.json", views.grants_json, name="open_data_grants_json"),
    path("open-data/360giving.csv", views.grants_csv, name="open_data_grants_csv"),
]
