from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "following"

urlpatterns = [
    path("volgen/", views.FollowView.as_view(), name="follow"),
    path("volgen/verstuurd/", TemplateView.as_view(template_name="following/sent.html"),
         name="sent"),
    path("volgen/gestopt/", TemplateView.as_view(template_name="following/stopped.html"),
         name="stopped"),
    # Tokens are URL-safe base64 (secrets.token_urlsafe): anything else, a NUL byte that
    # PostgreSQL refuses in a query among it, is no page at all (404).
    path("volgen/bevestigen/<slug:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("volgen/afmelden/<slug:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("volgen/<slug:token>/", views.ManageView.as_view(), name="manage"),
]
