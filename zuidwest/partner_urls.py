"""Everything under /partner/: accounts, the dashboard and the editing of partner pages.

Each app adds its own partner routes here with one include line. The partner pages have the
namespace "partner" (partner:dashboard, partner:initiative_edit, ...); the accounts keep their
own namespace "accounts" (settings.LOGIN_URL is "accounts:login").
"""

from django.urls import include, path

from initiatives import partner_views as initiatives
from locations import partner_views as locations

from . import partner_views

partner_patterns = [
    path("", partner_views.DashboardView.as_view(), name="dashboard"),
    path("initiatieven/nieuw/", initiatives.InitiativeEditView.as_view(),
         name="initiative_create"),
    path("initiatieven/<int:pk>/bewerken/", initiatives.InitiativeEditView.as_view(),
         name="initiative_edit"),
    path("initiatieven/<int:pk>/voorbeeld/", initiatives.InitiativePreviewView.as_view(),
         name="initiative_preview"),
    path("initiatieven/<int:pk>/indienen/", initiatives.InitiativeSubmitView.as_view(),
         name="initiative_submit"),
    path("plekken/nieuw/", locations.PlaceEditView.as_view(), name="place_create"),
    path("plekken/<int:pk>/bewerken/", locations.PlaceEditView.as_view(), name="place_edit"),
    path("plekken/<int:pk>/voorbeeld/", locations.PlacePreviewView.as_view(),
         name="place_preview"),
    path("plekken/<int:pk>/indienen/", locations.PlaceSubmitView.as_view(),
         name="place_submit"),
    path("activiteiten/nieuw/", locations.ActivityEditView.as_view(), name="activity_create"),
    path("activiteiten/<int:pk>/bewerken/", locations.ActivityEditView.as_view(),
         name="activity_edit"),
    path("activiteiten/<int:pk>/voorbeeld/", locations.ActivityPreviewView.as_view(),
         name="activity_preview"),
    path("activiteiten/<int:pk>/indienen/", locations.ActivitySubmitView.as_view(),
         name="activity_submit"),
]

urlpatterns = [
    path("", include("alliances.account_urls")),
    path("", include((partner_patterns, "partner"))),
]
