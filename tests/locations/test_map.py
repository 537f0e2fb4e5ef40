"""The map page and its GeoJSON: same filters as the list, light, and no CDN."""

import datetime
import json
import re
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from locations.models import Place
from tests.factories import NeighbourhoodFactory, OpeningHoursFactory, PlaceFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a Monday
MAP_URL = reverse("locations:map")
GEOJSON_URL = reverse("locations:places_geojson")
VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "leaflet"


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield NOW


@pytest.fixture
def places():
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    vrederust = NeighbourhoodFactory(name="Vrederust", slug="vrederust")
    room = PlaceFactory(name="Buurtkamer Moerwijk", neighbourhood=moerwijk, is_demo=True,
                        latitude="52.051234", longitude="4.281234")
    OpeningHoursFactory(place=room, weekday=0)
    PlaceFactory(name="Wijkbedrijf Vrederust", neighbourhood=vrederust,
                 kind=Place.Kind.NEIGHBOURHOOD_ENTERPRISE, free_entry=False)
    return room


def geojson(client, params=None):
    response = client.get(GEOJSON_URL, params or {})
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_geojson_is_a_feature_collection_of_points_longitude_first(client, places, frozen_now):
    response, data = geojson(client)
    assert response["Content-Type"] == "application/geo+json"
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 2
    feature = next(f for f in data["features"] if f["properties"]["name"] == "Buurtkamer Moerwijk")
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [4.281234, 52.051234]}
    properties = feature["properties"]
    assert properties["url"] == settings.SITE_URL + places.get_absolute_url()
    assert properties["kind"] == "buurtkamer"
    assert properties["neighbourhood"] == "Moerwijk"
    assert properties["status"] == "Nu open, tot 17:00"
    assert properties["is_demo"] is True


def test_geojson_honours_the_filters_of_the_list(client, places, frozen_now):
    _response, data = geojson(client, {"neighbourhood": "vrederust"})
    assert [f["properties"]["name"] for f in data["features"]] == ["Wijkbedrijf Vrederust"]
    _response, data = geojson(client, {"open_now": "on"})
    assert [f["properties"]["name"] for f in data["features"]] == ["Buurtkamer Moerwijk"]
    _response, data = geojson(client, {"free_entry": "on", "kind": "wijkbedrijf"})
    assert data["features"] == []


def test_geojson_ignores_unknown_filter_values(client, places):
    _response, data = geojson(client, {"neighbourhood": "<b>", "kind": "kasteel"})
    assert len(data["features"]) == 2


def test_geojson_may_be_cached_for_five_minutes(client, places):
    response, _data = geojson(client)
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_the_map_page_lists_the_places_and_points_the_map_at_filtered_geojson(
    client, places, frozen_now
):
    response = client.get(MAP_URL, {"neighbourhood": "moerwijk", "pagina": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Buurtkamer Moerwijk" in html and "Wijkbedrijf Vrederust" not in html
    assert "1 plek gevonden" in html
    assert f'data-geojson-url="{GEOJSON_URL}?neighbourhood=moerwijk"' in html
    assert "service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857" in html
    assert "Kaartgegevens © Kadaster" in html
    assert re.search(r'<form method="get" action="/plekken/kaart/"', html)


def test_leaflet_and_map_js_load_deferred_and_only_on_pages_with_a_map(client, places):
    pages = {
        "map": client.get(MAP_URL).content.decode(),
        "place": client.get(places.get_absolute_url()).content.decode(),
        "list": client.get(reverse("locations:place_list")).content.decode(),
    }
    for name in ("map", "place"):
        assert re.search(r'<script src="[^"]*/vendor/leaflet/leaflet\.js" defer>', pages[name])
        assert re.search(r'<script src="[^"]*/js/map\.js" defer>', pages[name])
        assert "vendor/leaflet/leaflet.css" in pages[name]
    assert "leaflet" not in pages["list"] and "map.js" not in pages["list"]


def test_no_script_or_stylesheet_comes_from_another_site(client, places):
    for url in (MAP_URL, places.get_absolute_url()):
        html = client.get(url).content.decode()
        assert not re.search(r'<script[^>]+src="(https?:)?//', html), url
        assert not re.search(r'<link rel="stylesheet" href="(https?:)?//', html), url


def test_the_place_page_has_an_address_and_map_link_without_javascript(client, places):
    html = client.get(places.get_absolute_url()).content.decode()
    assert "<address" in html
    assert f'href="{MAP_URL}?neighbourhood=moerwijk"' in html
    assert 'data-latitude="52.051234"' in html and 'data-longitude="4.281234"' in html


def test_leaflet_is_vendored_with_its_licence_and_version():
    for name in ("leaflet.js", "leaflet.css", "LICENSE", "VERSION", "images/marker-icon.png"):
        assert (VENDOR / name).is_file(), name
    assert "version: 1.9." in (VENDOR / "VERSION").read_text()
    script = (Path(settings.BASE_DIR) / "static" / "js" / "map.js").read_text()
    assert "scrollWheelZoom: false" in script and "dragging: !L.Browser.mobile" in script


def test_map_and_geojson_cost_the_same_queries_with_ten_times_the_places(client, frozen_now):
    neighbourhood = NeighbourhoodFactory(slug="moerwijk")

    def grow(count):
        for place in PlaceFactory.create_batch(count, neighbourhood=neighbourhood):
            OpeningHoursFactory(place=place, weekday=0)

    grow(3)
    urls = [MAP_URL, GEOJSON_URL, GEOJSON_URL + "?open_now=on&neighbourhood=moerwijk"]
    small = {url: count_queries(client, url) for url in urls}
    grow(27)
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert small[GEOJSON_URL] == 3
