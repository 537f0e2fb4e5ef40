from django.urls import path

from zuidwest.caching import public_page

from . import views

app_name = "alliances"

urlpatterns = [
    path("alliantieraad/", public_page(views.AllianceListView.as_view()), name="alliance_list"),
    path("alliantieraad/<slug:slug>/", public_page(views.AllianceDetailView.as_view()),
         name="alliance_detail"),
    path("organisaties/", public_page(views.OrganisationListView.as_view()),
         name="organisation_list"),
    path("organisaties/<slug:slug>/", public_page(views.OrganisationDetailView.as_view()),
         name="organisation_detail"),
]
