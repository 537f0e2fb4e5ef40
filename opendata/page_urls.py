from django.urls import path

from . import feeds, views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="open_data"),
    path("initiatieven/nieuws.atom", feeds.InitiativeNewsFeed(), name="news_feed"),
    path("initiatieven/<slug:slug>/nieuws.atom", feeds.OneInitiativeNewsFeed(),
         name="initiative_news_feed"),
    path("werk-en-leren/kansen.atom", feeds.OpportunityFeed(), name="opportunity_feed"),
    path("agenda/week.atom", feeds.AgendaWeekFeed(), name="agenda_week_feed"),
    path("ideeen/ideeen.atom", feeds.IdeaFeed(), name="ideas_feed"),
]
