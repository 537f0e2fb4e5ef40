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
    path("volgen/bevestigen/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("volgen/afmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("volgen/<str:token>/", views.ManageView.as_view(), name="manage"),
]
