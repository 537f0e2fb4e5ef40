from django.urls import path

from . import opportunity_views, views

app_name = "initiatives"

urlpatterns = [
    path("initiatieven/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatieven/<slug:slug>/", views.InitiativeDetailView.as_view(),
         name="initiative_detail"),
    path("geld/", views.FundingOverviewView.as_view(), name="funding"),
    path("werk-en-leren/", opportunity_views.OpportunityListView.as_view(),
         name="opportunity_list"),
    path("werk-en-leren/vragen/<int:step>/", opportunity_views.FinderView.as_view(),
         name="opportunity_finder"),
    path("werk-en-leren/<slug:slug>/", opportunity_views.OpportunityDetailView.as_view(),
         name="opportunity_detail"),
]
