"""When nothing is open now, the home page, the places list and the map say what opens next and
when ("Morgen om 09:00 gaat … open") instead of only "0 plekken"."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from locations.opening_hours import first_to_open
from locations.views.places import places_with_hours
from tests.factories import (
    NeighbourhoodFactory,
    OpeningHoursFactory,
    PlaceFactory,
    SpecialHoursFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 21 December 2026, 20:00 in Den Haag: every place below is closed by then.
NOW = datetime.datetime(2026, 12, 21, 20, 0, tzinfo=AMSTERDAM)
MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 0, 1, 2, 3


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))
    return NOW


def place(name, weekday, opens, **fields):
    new = PlaceFactory(name=name, **fields)
    OpeningHoursFactory(place=new, weekday=weekday, opens=datetime.time(*opens),
                        closes=datetime.time(22, 0) if opens >= (20, 0) else datetime.time(17, 0))
    return new


def sentence(day, time, name, slug):
    return (f'{day} om {time} gaat <a class="utrecht-link" href="/plekken/{slug}/">{name}</a> '
            "open.")


def test_the_first_to_open_is_the_earliest_of_all_places():
    place("Later", TUESDAY, (13, 0))
    place("Vroeg", TUESDAY, (9, 0))
    place("Woensdag", WEDNESDAY, (8, 0))
    first = first_to_open(places_with_hours(NOW.date()), NOW)
    assert (first.place.name, first.day, first.time) == ("Vroeg", "Morgen", "09:00")


def test_a_closure_moves_the_first_opening_to_another_place():
    vroeg = place("Vroeg", TUESDAY, (9, 0))
    SpecialHoursFactory(place=vroeg, start_date=datetime.date(2026, 12, 22))
    place("Later", TUESDAY, (13, 0))
    first = first_to_open(places_with_hours(NOW.date()), NOW)
    assert (first.place.name, first.time) == ("Later", "13:00")


def test_beyond_tomorrow_the_day_is_named():
    place("Donderdag", THURSDAY, (10, 0))
    assert first_to_open(places_with_hours(NOW.date()), NOW).day == "Donderdag"


def test_later_today_says_vandaag():
    place("Avond", MONDAY, (21, 0))
    assert first_to_open(places_with_hours(NOW.date()), NOW).day == "Vandaag"


def test_without_any_known_hours_there_is_no_first_opening():
    PlaceFactory()
    assert first_to_open(places_with_hours(NOW.date()), NOW) is None


def test_the_home_page_says_what_opens_next(client):
    place("Buurtkamer De Boog", TUESDAY, (9, 0))
    html = client.get(reverse("site:home")).content.decode()
    assert "Nu is er geen plek open. " + sentence(
        "Morgen", "09:00", "Buurtkamer De Boog", "buurtkamer-de-boog") in html
    assert "0 plekken" not in html


def test_the_home_page_counts_open_places_when_there_are_some(client):
    place("Avond", MONDAY, (19, 0))
    html = client.get(reverse("site:home")).content.decode()
    assert "Nu is 1 plek open" in html and "gaat" not in html


def test_the_list_filtered_on_open_now_says_what_matching_place_opens_next(client):
    moerwijk = NeighbourhoodFactory(slug="moerwijk")
    place("Elders", TUESDAY, (8, 0))
    place("Buurthuis Moerwijk", WEDNESDAY, (10, 0), neighbourhood=moerwijk)

    response = client.get(reverse("locations:place_list"),
                          {"open_now": "on", "neighbourhood": "moerwijk"})

    html = response.content.decode()
    assert "0 plekken gevonden" in html
    assert "Nu is er geen plek open die bij je keuze past. " + sentence(
        "Woensdag", "10:00", "Buurthuis Moerwijk", "buurthuis-moerwijk") in html
    assert 'href="?neighbourhood=moerwijk">Bekijk deze plekken met hun openingstijden' in html


def test_the_map_says_it_too(client):
    place("Vroeg", TUESDAY, (9, 0))
    html = client.get(reverse("locations:map"), {"open_now": "on"}).content.decode()
    assert sentence("Morgen", "09:00", "Vroeg", "vroeg") in html


def test_other_filters_that_find_nothing_keep_the_usual_message(client):
    place("Vroeg", TUESDAY, (9, 0))
    html = client.get(reverse("locations:place_list"), {"kind": "school"}).content.decode()
    assert "Probeer minder filters." in html and "gaat" not in html
