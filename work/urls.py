from django.urls import path

from zuidwest.caching import public_page

from . import views

app_name = "work"

urlpatterns = [
    path("werk-en-leren/", public_page(views.OpportunityListView.as_view()),
         name="opportunity_list"),
    path("werk-en-leren/vragen/<int:step>/", public_page(views.FinderView.as_view()),
         name="opportunity_finder"),
    path("werk-en-leren/<slug:slug>/", public_page(views.OpportunityDetailView.as_view()),
         name="opportunity_detail"),
]
