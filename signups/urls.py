from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "signups"

# Never cached. The forms of opportunities and activities both live here: sign-ups are kept by
# this app, whatever they are for.
urlpatterns = [
    path("werk-en-leren/<slug:slug>/aanmelden/",
         views.SignupView.as_view(find_target=views.opportunity_for), name="opportunity_signup"),
    path("activiteiten/<slug:slug>/aanmelden/",
         views.SignupView.as_view(find_target=views.activity_for), name="activity_signup"),
    path("aanmelding/verwijderd/", TemplateView.as_view(template_name="signups/deleted.html"),
         name="deleted"),
    path("aanmelding/<slug:token>/", views.SignupConfirmationView.as_view(), name="confirmation"),
    path("aanmelding/<slug:token>/verwijderen/", views.SignupDeleteView.as_view(), name="delete"),
]
