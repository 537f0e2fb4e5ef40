from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="open_data"),
]
