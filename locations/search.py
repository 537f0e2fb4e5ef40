"""Neighbourhoods, places and activities in the site search (zuidwest.search)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Activity, Neighbourhood, Place

NEIGHBOURHOODS = SearchType(
    key="neighbourhoods",
    position=5,
    label=_("Wijken"),
    list_url_name="locations:neighbourhood_list",
    list_label=_("Alle wijken bekijken"),
    public_queryset=Neighbourhood.objects.all,
    title_field="name",
    weighted_fields={"name": "A", "description": "C"},
    snippet=lambda neighbourhood: neighbourhood.description,
)

PLACES = SearchType(
    key="places",
    position=10,
    label=_("Plekken"),
    list_url_name="locations:place_list",
    list_label=_("Alle plekken bekijken"),
    public_queryset=Place.objects.published,
    title_field="name",
    weighted_fields={"name": "A", "neighbourhood__name": "B", "street": "B",
                     "description": "C"},
    select_related=("neighbourhood",),
    snippet=lambda place: place.description or f"{place.street}, {place.neighbourhood.name}",
)

ACTIVITIES = SearchType(
    key="activities",
    position=20,
    label=_("Activiteiten"),
    list_url_name="locations:agenda_week",
    list_label=_("De agenda van deze week bekijken"),
    public_queryset=Activity.objects.published,
    title_field="title",
    weighted_fields={"title": "A", "summary": "B", "place__name": "B", "description": "C"},
    select_related=("place",),
    snippet=lambda activity: f"{activity.summary} ({activity.place.name})",
)
