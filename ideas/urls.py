from django.urls import path
from django.views.generic import TemplateView

from zuidwest.caching import public_page

from . import views

app_name = "ideas"

urlpatterns = [
    # Public pages, from the cache for anonymous visitors (zuidwest.caching).
    path("ideeen/", public_page(views.IdeaListView.as_view()), name="idea_list"),
    path("ideeen/ideeen.geojson", public_page(views.ideas_geojson), name="ideas_geojson"),
    # Sending, supporting and the private links: never cached.
    path("ideeen/nieuw/", views.IdeaCreateView.as_view(), name="idea_create"),
    path("ideeen/adres-zoeken/", views.address_search, name="address_search"),
    path("ideeen/verstuurd/<str:token>/", views.PrivateStatusView.as_view(sent=True),
         name="sent"),
    path("ideeen/status/<str:token>/", views.PrivateStatusView.as_view(),
         name="private_status"),
    path("ideeen/status/<str:token>/verwijderen/", views.DeleteDataView.as_view(),
         name="delete_data"),
    path("ideeen/gegevens-verwijderd/",
         TemplateView.as_view(template_name="ideas/data_deleted.html"), name="data_deleted"),
    path("ideeen/steun/<str:token>/", views.SupportConfirmView.as_view(),
         name="support_confirm"),
    path("ideeen/steun/<str:token>/verwijderen/", views.SupportDeleteView.as_view(),
         name="support_delete"),
    path("ideeen/<slug:slug>/", public_page(views.IdeaDetailView.as_view()),
         name="idea_detail"),
    path("ideeen/<slug:slug>/steunen/", views.SupportView.as_view(), name="support"),
]
