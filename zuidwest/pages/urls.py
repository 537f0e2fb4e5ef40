from django.urls import path

from zuidwest.search.views import SearchView

from . import views

app_name = "site"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("over-de-regio-deal/", views.AboutView.as_view(), name="about"),
    path("toegankelijkheid/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.StatementView.as_view(template_name="zuidwest/privacy.html"),
         name="privacy"),
    path("zoeken/", SearchView.as_view(), name="search"),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
