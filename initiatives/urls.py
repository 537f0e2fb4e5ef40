from django.urls import path
from django.views.generic import TemplateView

from zuidwest.caching import public_page

from . import opportunity_views, signup_views, views

app_name = "initiatives"

urlpatterns = [
    # Public pages, from the cache for anonymous visitors (zuidwest.caching).
    path("initiatieven/", public_page(views.InitiativeListView.as_view()),
         name="initiative_list"),
    path("initiatieven/<slug:slug>/", public_page(views.InitiativeDetailView.as_view()),
         name="initiative_detail"),
    path("geld/", public_page(views.FundingOverviewView.as_view()), name="funding"),
    path("voortgang/", public_page(views.ProgressView.as_view()), name="progress"),
    path("werk-en-leren/", public_page(opportunity_views.OpportunityListView.as_view()),
         name="opportunity_list"),
    path("werk-en-leren/vragen/<int:step>/",
         public_page(opportunity_views.FinderView.as_view()), name="opportunity_finder"),
    path("werk-en-leren/<slug:slug>/",
         public_page(opportunity_views.OpportunityDetailView.as_view()),
         name="opportunity_detail"),
    # Signing up (signup_views.py), never cached. The activity's form lives here too: sign-ups
    # are kept by this app, whatever they are for.
    path("werk-en-leren/<slug:slug>/aanmelden/",
         signup_views.SignupView.as_view(find_target=signup_views.opportunity_for),
         name="opportunity_signup"),
    path("activiteiten/<slug:slug>/aanmelden/",
         signup_views.SignupView.as_view(find_target=signup_views.activity_for),
         name="activity_signup"),
    path("aanmelding/verwijderd/", TemplateView.as_view(template_name="signups/deleted.html"),
         name="signup_deleted"),
    path("aanmelding/<str:token>/", signup_views.SignupConfirmationView.as_view(),
         name="signup_confirmation"),
    path("aanmelding/<str:token>/verwijderen/", signup_views.SignupDeleteView.as_view(),
         name="signup_delete"),
]
