from django.urls import path

from .views import agenda, feeds, maps, neighbourhoods, places

app_name = "locations"

urlpatterns = [
    path("wijken/", neighbourhoods.NeighbourhoodListView.as_view(), name="neighbourhood_list"),
    path("wijken/<slug:slug>/", neighbourhoods.NeighbourhoodDetailView.as_view(),
         name="neighbourhood_detail"),
    path("plekken/", places.PlaceListView.as_view(), name="place_list"),
    path("plekken/kaart/", maps.map_view, name="map"),
    path("plekken/plekken.geojson", maps.places_geojson, name="places_geojson"),
    path("plekken/<slug:slug>/", places.PlaceDetailView.as_view(), name="place_detail"),
    path("plekken/<slug:slug>/afdrukken/", feeds.place_print, name="place_print"),
    path("plekken/<slug:slug>/agenda.ics", feeds.place_calendar, name="place_calendar"),
    path("agenda/", agenda.AgendaTodayView.as_view(), name="agenda_today"),
    path("agenda/week/", agenda.AgendaWeekView.as_view(), name="agenda_week"),
    path("agenda/<int:year>-<int:month>-<int:day>/", agenda.AgendaDayView.as_view(),
         name="agenda_day"),
    path("agenda/agenda.ics", feeds.agenda_calendar, name="agenda_calendar"),
    path("activiteiten/<slug:slug>/", agenda.ActivityDetailView.as_view(),
         name="activity_detail"),
    path("activiteiten/<slug:slug>/agenda.ics", feeds.activity_calendar,
         name="activity_calendar"),
]
