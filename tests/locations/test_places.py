"""The places list and the place page: filters in the URL, opening status, JSON-LD."""

import datetime
import json
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse

from locations.models import Occurrence, Place
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PlaceFactory,
    SpecialHoursFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 21 December 2026, 10:00 in Den Haag; Saturday 26 December is Tweede Kerstdag.
NOW = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=AMSTERDAM)
LIST_URL = reverse("locations:place_list")


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield NOW


def names(response):
    return sorted(place.name for place in response.context["places"])


def open_on_weekdays(place, opens="09:00", closes="17:00"):
    for weekday in range(5):
        OpeningHoursFactory(place=place, weekday=weekday, opens=datetime.time.fromisoformat(opens),
                            closes=datetime.time.fromisoformat(closes))


@pytest.fixture
def places():
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    bouwlust = NeighbourhoodFactory(name="Bouwlust", slug="bouwlust")
    room = PlaceFactory(name="Buurtkamer Moerwijk", neighbourhood=moerwijk,
                        kind=Place.Kind.NEIGHBOURHOOD_ROOM, wheelchair_accessible=True,
                        free_entry=True)
    centre = PlaceFactory(name="Buurthuis Moerwijk", neighbourhood=moerwijk,
                          kind=Place.Kind.COMMUNITY_CENTRE, wheelchair_accessible=True,
                          free_entry=False)
    garden = PlaceFactory(name="Moestuin Bouwlust", neighbourhood=bouwlust,
                          kind=Place.Kind.GREEN_MEETING_PLACE, wheelchair_accessible=False,
                          free_entry=True)
    open_on_weekdays(room)
    open_on_weekdays(garden, "13:00", "17:00")
    return {"room": room, "centre": centre, "garden": garden}


def test_the_list_shows_every_place_with_kind_neighbourhood_address_and_status(
    client, places, frozen_now
):
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Buurthuis Moerwijk", "Buurtkamer Moerwijk", "Moestuin Bouwlust"]
    assert "3 plekken gevonden" in html
    assert "Ontmoetingsplek in het groen · Bouwlust" in html
    assert places["garden"].address in html
    assert "Nu open, tot 17:00" in html
    assert "Gesloten, opent vandaag om 13:00" in html
    assert "Openingstijden onbekend" in html
    assert 'href="/plekken/kaart/"' in html


def test_filters_combine_and_live_in_the_url(client, places, frozen_now):
    response = client.get(LIST_URL, {"neighbourhood": "moerwijk", "wheelchair": "on"})
    assert names(response) == ["Buurthuis Moerwijk", "Buurtkamer Moerwijk"]
    response = client.get(
        LIST_URL, {"neighbourhood": "moerwijk", "wheelchair": "on", "free_entry": "on"}
    )
    assert names(response) == ["Buurtkamer Moerwijk"]
    assert "1 plek gevonden" in response.content.decode()
    response = client.get(LIST_URL, {"kind": "groen", "free_entry": "on"})
    assert names(response) == ["Moestuin Bouwlust"]
    html = response.content.decode()
    # The form is a GET form that shows the chosen values again, and the map link keeps them.
    # It opens at the results (#resultaten), the form folded above them.
    assert re.search(r'<form method="get" action="/plekken/#resultaten"', html)
    assert re.search(r'<option value="groen" selected>', html)
    assert re.search(r'name="free_entry"[^>]*checked', html)
    assert 'href="/plekken/kaart/?kind=groen&amp;free_entry=on"' in html


def test_the_form_has_a_label_for_every_filter(client, places):
    html = client.get(LIST_URL).content.decode()
    for field in ("neighbourhood", "kind", "open_now", "wheelchair", "free_entry"):
        assert re.search(rf'<label class="utrecht-form-label[^"]*" for="id_{field}"', html), field


def test_now_open_shows_only_the_places_open_at_this_moment(client, places, frozen_now):
    assert names(client.get(LIST_URL, {"open_now": "on"})) == ["Buurtkamer Moerwijk"]
    with mock.patch("django.utils.timezone.now", return_value=NOW.replace(hour=14)):
        response = client.get(LIST_URL, {"open_now": "on"})
    assert names(response) == ["Buurtkamer Moerwijk", "Moestuin Bouwlust"]
    with mock.patch("django.utils.timezone.now", return_value=NOW.replace(hour=20)):
        response = client.get(LIST_URL, {"open_now": "on", "neighbourhood": "moerwijk"})
    assert names(response) == []
    # Not only "0 plekken": what in Moerwijk opens next (Tuesday 09:00), and when.
    assert ('Nu is er geen plek open die bij je keuze past. Morgen om 09:00 gaat '
            '<a class="utrecht-link" href="/plekken/buurtkamer-moerwijk/">Buurtkamer Moerwijk</a>'
            ' open.') in response.content.decode()


def test_an_unknown_filter_value_gets_a_polite_message_and_is_ignored(client, places):
    response = client.get(LIST_URL, {"neighbourhood": "atlantis", "kind": "kasteel",
                                     "free_entry": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze keuze kennen we niet. We laten dit filter weg." in html
    assert names(response) == ["Buurtkamer Moerwijk", "Moestuin Bouwlust"]


def test_the_list_is_paginated_with_the_pagina_parameter(client):
    PlaceFactory.create_batch(13)
    first = client.get(LIST_URL)
    assert len(first.context["places"]) == 12
    assert "13 plekken gevonden" in first.content.decode()
    assert len(client.get(LIST_URL, {"pagina": 2}).context["places"]) == 1
    assert client.get(LIST_URL, {"pagina": "banaan"}).status_code == 200


def test_demo_places_carry_the_voorbeeld_label(client):
    PlaceFactory(name="Echte plek", is_demo=False)
    demo = PlaceFactory(name="Voorbeeldplek", is_demo=True)
    list_html = client.get(LIST_URL).content.decode()
    assert list_html.count('class="utrecht-status-badge demo-label"') == 1
    assert "Voorbeeld" in client.get(demo.get_absolute_url()).content.decode()


def test_an_unknown_place_is_a_404(client):
    assert client.get(reverse("locations:place_detail", args=["bestaat-niet"])).status_code == 404


@pytest.fixture
def full_place():
    organisation = OrganisationFactory(name="Stichting Buurtwerk")
    place = PlaceFactory(
        name="Buurtkamer De Linde", slug="buurtkamer-de-linde", managing_organisation=organisation,
        phone="070 123 45 67", email="linde@example.org", languages="Nederlands, Turks, Arabisch",
        wheelchair_accessible=True, directions="Tram 2, halte Leyweg.", is_demo=True,
    )
    open_on_weekdays(place)
    OpeningHoursFactory(place=place, weekday=5, opens=datetime.time(10),
                        closes=datetime.time(12))
    SpecialHoursFactory(place=place, start_date=datetime.date(2026, 12, 26),
                        reason="Tweede Kerstdag")
    SpecialHoursFactory(place=place, start_date=datetime.date(2027, 1, 1),
                        reason="Nieuwjaarsdag")
    initiative = InitiativeFactory(title="Samen koken")
    initiative.places.add(place)
    activity = ActivityFactory(place=place, title="Koffieochtend")
    for day, cancelled in ((22, False), (23, True)):
        starts = datetime.datetime(2026, 12, day, 10, tzinfo=AMSTERDAM)
        Occurrence.objects.create(activity=activity, starts_at=starts,
                                  ends_at=starts + datetime.timedelta(hours=2),
                                  is_cancelled=cancelled,
                                  cancellation_reason="Ziek" if cancelled else "")
    Occurrence.objects.create(  # in the past: not shown
        activity=activity, starts_at=NOW - datetime.timedelta(days=7),
        ends_at=NOW - datetime.timedelta(days=7, hours=-2))
    return place


def test_the_place_page_shows_everything_a_visitor_needs(client, full_place, frozen_now):
    response = client.get(full_place.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nu open, tot 17:00" in html
    assert "Dedemsvaartweg" in html and "Tram 2, halte Leyweg." in html
    assert "Toegankelijk met rolstoel." in html
    assert "Nederlands, Turks, Arabisch" in html
    assert "Stichting Buurtwerk" in html and 'href="tel:0701234567"' in html
    assert "Samen koken" in html
    assert "Voorbeeld" in html
    assert reverse("locations:place_calendar", args=[full_place.slug]) in html
    assert reverse("locations:place_print", args=[full_place.slug]) in html
    assert "Zet de agenda van deze plek in je agenda" in html
    assert "Bekijk op de kaart" in html


def test_the_week_table_starts_today_and_shows_closures_with_their_reason(
    client, full_place, frozen_now
):
    html = client.get(full_place.get_absolute_url()).content.decode()
    rows = re.findall(r'<th class="utrecht-table__header-cell" scope="row"[^>]*>(.*?)</th>', html)
    assert len(rows) == 7
    assert rows[0] == "<strong>Vandaag</strong>, maandag 21 december"
    assert rows[5] == "zaterdag 26 december"
    saturday = html.split("zaterdag 26 december</th>")[1].split("</tr>")[0]
    assert "gesloten" in saturday and "(Tweede Kerstdag)" in saturday
    assert "09:00–17:00" in html
    # A closure after this week is announced below the table.
    assert "Nieuwjaarsdag" in html


def test_upcoming_activities_are_listed_and_cancelled_ones_say_vervalt(
    client, full_place, frozen_now
):
    response = client.get(full_place.get_absolute_url())
    html = response.content.decode()
    occurrences = response.context["place_page"].occurrences
    assert [o.starts_at.day for o in occurrences] == [22, 23]
    assert html.count("Koffieochtend") == 2
    assert "Vervalt" in html and "(Ziek)" in html


def jsonld_of(html):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_place_page_describes_the_place_in_schema_org_json_ld(client, full_place, frozen_now):
    data = jsonld_of(client.get(full_place.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Place"
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["postalCode"] == full_place.postcode
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": float(full_place.latitude),
                           "longitude": float(full_place.longitude)}
    specs = data["openingHoursSpecification"]
    assert {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00:00", "closes": "17:00:00"} in specs  # schema.org Time: seconds too
    christmas = next(spec for spec in specs if spec.get("validFrom") == "2026-12-26")
    assert christmas["opens"] == christmas["closes"] == "00:00:00"
    assert christmas["validThrough"] == "2026-12-26"
    assert christmas["dayOfWeek"] == ["https://schema.org/Saturday"]
    # No e-mail on a Place (schema.org has none): a ContactPoint of who runs it.
    assert "email" not in data
    organisation = data["@reverse"]["location"]
    assert organisation["@type"] == "Organization"
    assert organisation["contactPoint"]["email"] == full_place.email


def test_json_ld_cannot_be_broken_out_of_with_a_script_tag(client):
    hostile = "</script><script>alert(1)</script> & <!--"
    place = PlaceFactory(name=hostile, slug="lastig")
    html = client.get(place.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld_of(html)["name"] == hostile
    element = Template("{% load portal %}{% json_ld data %}").render(
        Context({"data": {"name": hostile}})
    )
    assert element.count("<") == 2  # only the element's own start and end tags


def grow(count, neighbourhood, organisation):
    for _ in range(count):
        place = PlaceFactory(neighbourhood=neighbourhood, managing_organisation=organisation,
                             is_demo=True)
        open_on_weekdays(place)
        SpecialHoursFactory(place=place, start_date=datetime.date(2026, 12, 24))
        InitiativeFactory().places.add(place)
        activity = ActivityFactory(place=place)
        Occurrence.objects.create(
            activity=activity, starts_at=NOW + datetime.timedelta(days=1),
            ends_at=NOW + datetime.timedelta(days=1, hours=2))


def test_list_and_place_pages_cost_the_same_queries_with_ten_times_the_places(
    client, frozen_now
):
    neighbourhood = NeighbourhoodFactory(slug="moerwijk")
    organisation = OrganisationFactory()
    grow(3, neighbourhood, organisation)
    first = Place.objects.order_by("pk").first()
    urls = [LIST_URL, LIST_URL + "?open_now=on&neighbourhood=moerwijk&wheelchair=on",
            first.get_absolute_url()]
    small = {url: count_queries(client, url) for url in urls}
    grow(27, neighbourhood, organisation)
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
