from django.urls import path

from zuidwest.caching import public_page

from . import views

app_name = "funding"

urlpatterns = [
    path("geld/", public_page(views.FundingOverviewView.as_view()), name="overview"),
]
