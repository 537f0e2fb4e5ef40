from django.urls import path

from zuidwest.caching import public_page

from .views import agenda, feeds, maps, neighbourhoods, places

app_name = "locations"

# Every page here is public: from the cache for anonymous visitors (zuidwest.caching).
urlpatterns = [
    path("wijken/", public_page(neighbourhoods.NeighbourhoodListView.as_view()),
         name="neighbourhood_list"),
    path("wijken/<slug:slug>/", public_page(neighbourhoods.NeighbourhoodDetailView.as_view()),
         name="neighbourhood_detail"),
    path("plekken/", public_page(places.PlaceListView.as_view()), name="place_list"),
    path("plekken/kaart/", public_page(maps.map_view), name="map"),
    path("plekken/plekken.geojson", public_page(maps.places_geojson), name="places_geojson"),
    path("plekken/<slug:slug>/", public_page(places.PlaceDetailView.as_view()),
         name="place_detail"),
    path("plekken/<slug:slug>/afdrukken/", public_page(feeds.place_print), name="place_print"),
    path("plekken/<slug:slug>/agenda.ics", public_page(feeds.place_calendar),
         name="place_calendar"),
    path("agenda/", public_page(agenda.AgendaTodayView.as_view()), name="agenda_today"),
    path("agenda/week/", public_page(agenda.AgendaWeekView.as_view()), name="agenda_week"),
    path("agenda/<int:year>-<int:month>-<int:day>/", public_page(agenda.AgendaDayView.as_view()),
         name="agenda_day"),
    path("agenda/agenda.ics", public_page(feeds.agenda_calendar), name="agenda_calendar"),
    path("activiteiten/<slug:slug>/", public_page(agenda.ActivityDetailView.as_view()),
         name="activity_detail"),
    path("activiteiten/<slug:slug>/agenda.ics", public_page(feeds.activity_calendar),
         name="activity_calendar"),
    path("activiteiten/<slug:slug>/<int:year>-<int:month>-<int:day>.ics",
         public_page(feeds.activity_date_calendar), name="activity_date_calendar"),
]
