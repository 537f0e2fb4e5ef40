from django.urls import path

from zuidwest.caching import public_page

from . import views

app_name = "progress"

urlpatterns = [
    path("voortgang/", public_page(views.ProgressView.as_view()), name="overview"),
]
