from django.urls import path

from zuidwest.caching import public_page
from zuidwest.search.views import SearchView

from . import views

app_name = "site"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("over-de-regio-deal/", public_page(views.AboutView.as_view()), name="about"),
    path("toegankelijkheid/", public_page(views.AccessibilityStatementView.as_view()),
         name="accessibility"),
    path("privacy/", public_page(views.StatementView.as_view(
        template_name="site_pages/privacy.html")), name="privacy"),
    path("zoeken/", public_page(SearchView.as_view()), name="search"),
    path("contact/", public_page(views.ContactView.as_view()), name="contact"),
]
