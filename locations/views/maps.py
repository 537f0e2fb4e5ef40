from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from zuidwest.ui.links import absolute_url

from ..forms.filters import PlaceFilterForm
from .places import next_opening_for, places_with_hours, with_status


def filtered_places(request):
    now = timezone.now()
    form = PlaceFilterForm(request.GET or None)
    places = with_status(list(form.filter(places_with_hours(timezone.localdate(now)), now)), now)
    return form, places


@require_GET
def map_view(request):
    """The map of all places, above the same list of places: without JavaScript the list is
    the page; map.js adds the map."""
    form, places = filtered_places(request)
    return render(request, "locations/map.html", {
        "filter_form": form,
        "places": places,
        "next_opening": next_opening_for(request, form, len(places), timezone.now()),
        "tile_url": settings.MAP_TILE_URL,
    })


@require_GET
@cache_control(public=True, max_age=300)
def places_geojson(request):
    """The places as a GeoJSON FeatureCollection, filtered like the list. A bad filter value is
    ignored, as on the list, so the map always gets markers."""
    _form, places = filtered_places(request)
    features = [
        {
            "type": "Feature",
            "id": place.slug,
            "geometry": {
                "type": "Point",
                # GeoJSON is longitude first (RFC 7946).
                "coordinates": [float(place.longitude), float(place.latitude)],
            },
            "properties": {
                "name": place.name,
                "url": absolute_url(place.get_absolute_url()),
                "kind": place.get_kind_display(),
                "neighbourhood": place.neighbourhood.name,
                "address": place.address,
                "status": place.opening_status.text,
                "is_open": place.opening_status.is_open,
                "is_demo": place.is_demo,
            },
        }
        for place in places
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
