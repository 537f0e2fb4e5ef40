from django.urls import path

from . import views

app_name = "locations"

urlpatterns = [
    path("plekken/", views.PlaceListView.as_view(), name="place_list"),
    path("plekken/<slug:slug>/", views.PlaceDetailView.as_view(), name="place_detail"),
]
