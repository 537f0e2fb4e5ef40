from django.urls import path

from zuidwest.caching import public_page

from . import views

app_name = "initiatives"

urlpatterns = [
    # Public pages, from the cache for anonymous visitors (zuidwest.caching).
    path("initiatieven/", public_page(views.InitiativeListView.as_view()),
         name="initiative_list"),
    path("initiatieven/<slug:slug>/", public_page(views.InitiativeDetailView.as_view()),
         name="initiative_detail"),
]
