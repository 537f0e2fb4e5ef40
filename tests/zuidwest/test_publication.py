"""Only published content is public: an unpublished initiative, place or activity (a partner's
concept waiting for review) appears nowhere on the public site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OpeningHoursFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def concepts():
    place = PlaceFactory(name="Geheime Buurtkamer", slug="geheime-buurtkamer", is_published=False)
    for weekday in range(7):
        OpeningHoursFactory(place=place, weekday=weekday, opens=datetime.time(0, 0),
                            closes=datetime.time(23, 59))
    initiative = InitiativeFactory(title="Geheim Initiatief", slug="geheim-initiatief",
                                   is_published=False, is_featured=True)
    initiative.places.add(place)
    visible_place = PlaceFactory(name="Open Buurthuis")
    activity = ActivityFactory(title="Geheime Activiteit", slug="geheime-activiteit",
                               place=visible_place, is_published=False,
                               start_date=timezone.localdate())
    hidden_by_place = ActivityFactory(title="Activiteit Op Geheime Plek",
                                      slug="activiteit-geheime-plek", place=place,
                                      start_date=timezone.localdate())
    refresh_occurrences()
    return {"place": place, "initiative": initiative, "activity": activity,
            "hidden_by_place": hidden_by_place, "organisation": initiative.lead_organisation}


SECRET_TITLES = ["Geheime Buurtkamer", "Geheim Initiatief", "Geheime Activiteit",
                 "Activiteit Op Geheime Plek"]


@pytest.mark.parametrize("url", [
    "/", "/initiatieven/", "/plekken/", "/plekken/?open_now=on", "/plekken/kaart/",
    "/plekken/plekken.geojson", "/agenda/", "/agenda/week/", "/agenda/agenda.ics",
    "/zoeken/?q=geheim", "/zoeken/?q=geheime",
])
def test_unpublished_content_is_absent_from_public_lists(client, concepts, url):
    html = client.get(url).content.decode()
    for title in SECRET_TITLES:
        assert title not in html, (url, title)


def test_unpublished_pages_and_feeds_are_not_found(client, concepts):
    for url in [
        concepts["place"].get_absolute_url(),
        concepts["initiative"].get_absolute_url(),
        concepts["activity"].get_absolute_url(),
        concepts["hidden_by_place"].get_absolute_url(),
        reverse("locations:place_print", args=[concepts["place"].slug]),
        reverse("locations:place_calendar", args=[concepts["place"].slug]),
        reverse("locations:activity_calendar", args=[concepts["activity"].slug]),
    ]:
        assert client.get(url).status_code == 404, url


def test_organisation_page_shows_only_published_initiatives(client, concepts):
    html = client.get(concepts["organisation"].get_absolute_url()).content.decode()
    assert "Geheim Initiatief" not in html


def test_publishing_makes_a_page_public(client, concepts):
    initiative = concepts["initiative"]
    initiative.is_published = True
    initiative.save()
    assert client.get(initiative.get_absolute_url()).status_code == 200
    assert "Geheim Initiatief" in client.get("/initiatieven/").content.decode()
