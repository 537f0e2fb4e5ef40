"""The neighbourhood pages: /wijken/ and a page per neighbourhood with what is open now, today's
activities, its places on the map, its initiatives, its opportunities and its money."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from funding.models import Spending
from locations.models import Activity
from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    AllocationFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OpportunityFactory,
    PlaceFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 21 December 2026, 10:00 in Den Haag.
NOW = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()
MONDAY, TUESDAY = 0, 1


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))
    return NOW


@pytest.fixture
def moerwijk():
    return NeighbourhoodFactory(name="Moerwijk", slug="moerwijk",
                                description="Een wijk met veel groen.")


@pytest.fixture
def bouwlust():
    return NeighbourhoodFactory(name="Bouwlust", slug="bouwlust")


def open_on(place, weekday, opens=(9, 0), closes=(17, 0)):
    OpeningHoursFactory(place=place, weekday=weekday, opens=datetime.time(*opens),
                        closes=datetime.time(*closes))
    return place


def page(client, neighbourhood):
    response = client.get(neighbourhood.get_absolute_url())
    assert response.status_code == 200
    return response


def test_the_list_shows_each_neighbourhood_with_its_places_open_now_and_initiatives(
    client, moerwijk, bouwlust
):
    open_on(PlaceFactory(neighbourhood=moerwijk), MONDAY)
    open_on(PlaceFactory(neighbourhood=moerwijk), TUESDAY)
    open_on(PlaceFactory(neighbourhood=moerwijk, is_published=False), MONDAY)
    InitiativeFactory(neighbourhoods=[moerwijk, bouwlust])
    InitiativeFactory(neighbourhoods=[moerwijk], is_published=False)

    response = client.get(reverse("locations:neighbourhood_list"))

    counts = {n.name: (n.place_total, n.open_total, n.initiative_total)
              for n in response.context["neighbourhoods"]}
    assert counts == {"Moerwijk": (2, 1, 1), "Bouwlust": (0, 0, 1)}
    html = response.content.decode()
    assert 'href="/wijken/moerwijk/"' in html
    assert "2 plekken, nu 1 open · 1 initiatief" in html


def test_a_neighbourhood_page_puts_the_open_places_first_and_counts_them(client, moerwijk):
    open_on(PlaceFactory(name="A gesloten", neighbourhood=moerwijk), TUESDAY)
    open_on(PlaceFactory(name="B open", neighbourhood=moerwijk), MONDAY)
    open_on(PlaceFactory(name="Elders open"), MONDAY)

    response = page(client, moerwijk)

    assert [place.name for place in response.context["area"].places] == ["B open", "A gesloten"]
    html = response.content.decode()
    assert "Nu is 1 van de 2 plekken open." in html
    assert response.context["area"].next_opening is None


def test_when_nothing_is_open_the_page_says_what_opens_next_and_when(client, moerwijk):
    open_on(PlaceFactory(name="Buurthuis Later", neighbourhood=moerwijk), TUESDAY, opens=(13, 0))
    open_on(PlaceFactory(name="Buurtkamer Vroeg", neighbourhood=moerwijk), TUESDAY)
    open_on(PlaceFactory(name="Elders open"), MONDAY)

    html = page(client, moerwijk).content.decode()

    assert ('Nu is er geen plek open in deze wijk. Morgen om 09:00 gaat <a class="utrecht-link" '
            'href="/plekken/buurtkamer-vroeg/">Buurtkamer Vroeg</a> open.') in html


def test_a_neighbourhood_without_places_says_so(client, moerwijk):
    html = page(client, moerwijk).content.decode()
    assert "Er staan nog geen plekken in deze wijk op de site." in html
    assert "data-place-map" not in html


def test_todays_activities_are_those_still_to_come_at_places_in_the_neighbourhood(
    client, moerwijk
):
    here = PlaceFactory(neighbourhood=moerwijk)
    for title, place, start, end in [
        ("Ochtendkoffie", here, (8, 0), (9, 30)),  # over at 10:00
        ("Taalcafé", here, (14, 0), (16, 0)),
        ("Breicafé elders", PlaceFactory(), (14, 0), (16, 0)),
    ]:
        ActivityFactory(title=title, place=place, recurrence="once", start_date=TODAY,
                        start_time=datetime.time(*start), end_time=datetime.time(*end))
    ActivityFactory(title="Morgen pas", place=here, recurrence="once",
                    start_date=TODAY + datetime.timedelta(days=1))
    refresh_occurrences(Activity.objects.all(), today=TODAY)

    response = page(client, moerwijk)

    assert [o.activity.title for o in response.context["area"].activities_today] == ["Taalcafé"]
    assert 'href="/agenda/?neighbourhood=moerwijk"' in response.content.decode()


def test_the_map_shows_only_the_places_of_this_neighbourhood(client, moerwijk):
    PlaceFactory(name="Hier", neighbourhood=moerwijk)
    PlaceFactory(name="Daar")

    html = page(client, moerwijk).content.decode()
    geojson_url = reverse("locations:places_geojson") + "?neighbourhood=moerwijk"
    assert f'data-geojson-url="{geojson_url}"' in html

    features = client.get(geojson_url).json()["features"]
    assert [feature["properties"]["name"] for feature in features] == ["Hier"]


def test_the_initiatives_are_the_published_ones_in_the_neighbourhood_with_a_link_to_all(
    client, moerwijk
):
    for number in range(8):
        InitiativeFactory(title=f"Initiatief {number}", neighbourhoods=[moerwijk])
    InitiativeFactory(title="Concept", neighbourhoods=[moerwijk], is_published=False)
    InitiativeFactory(title="Elders")

    response = page(client, moerwijk)

    assert [i.title for i in response.context["area"].initiatives] == [
        f"Initiatief {number}" for number in range(6)]
    assert response.context["area"].initiative_total == 8
    html = response.content.decode()
    assert 'href="/initiatieven/?neighbourhood=moerwijk">Alle 8 initiatieven in Moerwijk' in html


def test_the_opportunities_are_the_open_ones_in_the_neighbourhood(client, moerwijk):
    OpportunityFactory(title="Op een plek hier", place=PlaceFactory(neighbourhood=moerwijk))
    OpportunityFactory(title="Hier gekozen", neighbourhood=moerwijk, place=None)
    OpportunityFactory(title="Gesloten", neighbourhood=moerwijk,
                       closes_on=TODAY - datetime.timedelta(days=1))
    OpportunityFactory(title="Elders")

    response = page(client, moerwijk)

    assert sorted(o.title for o in response.context["area"].opportunities) == [
        "Hier gekozen", "Op een plek hier"]
    assert "Alle 2 kansen in Moerwijk" in response.content.decode()


def test_without_opportunities_the_page_points_to_all_of_zuidwest(client, moerwijk):
    html = page(client, moerwijk).content.decode()
    assert "Er staan nu geen kansen op werk of leren in deze wijk open." in html
    assert f'href="{reverse("work:opportunity_list")}"' in html


def test_the_money_is_what_the_initiatives_here_got_and_spent(client, moerwijk, regio_source):
    here = InitiativeFactory(neighbourhoods=[moerwijk])
    shared = InitiativeFactory(neighbourhoods=[moerwijk, NeighbourhoodFactory()])
    AllocationFactory(initiative=InitiativeFactory(), source=regio_source,
                      amount=Decimal("99999"))
    first = AllocationFactory(initiative=here, source=regio_source, amount=Decimal("10000"))
    AllocationFactory(initiative=here, source=regio_source, amount=Decimal("5000"), year=2026)
    AllocationFactory(initiative=shared, source=regio_source, amount=Decimal("2500"))
    Spending.objects.create(allocation=first, amount=Decimal("4000"),
                            period_start=datetime.date(2025, 1, 1),
                            period_end=datetime.date(2025, 6, 30))

    response = page(client, moerwijk)

    money = response.context["area"].money
    assert (money["allocated"], money["spent"], money["initiatives"]) == (
        Decimal("17500"), Decimal("4000"), 2)
    assert money["includes_demo"] is False
    html = response.content.decode()
    assert ("2 initiatieven in deze wijk kregen samen €\xa017.500. Daarvan is €\xa04.000 besteed."
            in html)
    assert 'href="/geld/?neighbourhood=moerwijk"' in html
    assert "voorbeeldgegevens" not in html


def test_sample_money_is_labelled(client, moerwijk, regio_source):
    AllocationFactory(initiative=InitiativeFactory(neighbourhoods=[moerwijk]),
                      source=regio_source, is_demo=True)
    html = page(client, moerwijk).content.decode()
    assert "De bedragen hieronder zijn voor een deel voorbeeldgegevens." in html


def test_an_unknown_neighbourhood_is_a_404(client):
    assert client.get("/wijken/atlantis/").status_code == 404


def test_the_home_and_place_pages_link_to_the_neighbourhood(client, moerwijk, bouwlust):
    place = PlaceFactory(neighbourhood=moerwijk)
    home = client.get(reverse("site:home")).content.decode()
    assert 'href="/wijken/moerwijk/">Moerwijk</a>' in home
    assert 'href="/wijken/bouwlust/">Bouwlust</a>' in home
    assert 'href="/wijken/moerwijk/">Moerwijk</a>' in client.get(
        place.get_absolute_url()).content.decode()


def test_the_query_count_does_not_grow_with_the_neighbourhoods_content(client, moerwijk,
                                                                         regio_source):
    def grow(count):
        for _ in range(count):
            place = open_on(PlaceFactory(neighbourhood=moerwijk), MONDAY)
            ActivityFactory(place=place, recurrence="once", start_date=TODAY,
                            start_time=datetime.time(14, 0), end_time=datetime.time(15, 0))
            initiative = InitiativeFactory(neighbourhoods=[moerwijk])
            AllocationFactory(initiative=initiative, source=regio_source, amount=Decimal("100"))
            OpportunityFactory(place=place)
        refresh_occurrences(Activity.objects.all(), today=TODAY)

    urls = [reverse("locations:neighbourhood_list"), moerwijk.get_absolute_url()]
    grow(2)
    few = [count_queries(client, url) for url in urls]
    grow(20)
    assert [count_queries(client, url) for url in urls] == few
