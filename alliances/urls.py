from django.urls import path

from . import views

app_name = "alliances"

urlpatterns = [
    path("alliantieraad/", views.AllianceListView.as_view(), name="alliance_list"),
    path("alliantieraad/<slug:slug>/", views.AllianceDetailView.as_view(), name="alliance_detail"),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisaties/<slug:slug>/", views.OrganisationDetailView.as_view(),
         name="organisation_detail"),
]
