from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatieven/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatieven/<slug:slug>/", views.InitiativeDetailView.as_view(),
         name="initiative_detail"),
    path("geld/", views.FundingOverviewView.as_view(), name="funding"),
]
