"""Partners keep their places current: address, opening hours, closures."""

import datetime

import pytest

from locations.models import Place
from tests.factories import (
    NeighbourhoodFactory,
    OpeningHoursFactory,
    PlaceFactory,
    StaffUserFactory,
    partner_user,
)
from tests.partner_helpers import form_data, url
from zuidwest import review
from zuidwest.models import Revision

pytestmark = pytest.mark.django_db


def new_place_data(client, **changes):
    neighbourhood = NeighbourhoodFactory(name="Vrederust")
    data = form_data(client.get(url("place", "create")))
    data.update({
        "name": "Buurtkamer Het Hofje",
        "kind": Place.Kind.NEIGHBOURHOOD_ROOM,
        "neighbourhood": str(neighbourhood.pk),
        "street": "Hengelolaan",
        "house_number": "12",
        "postcode": "2545ab",
        "city": "Den Haag",
        "latitude": "52,0412",
        "longitude": "4.2651",
    })
    data.update(changes)
    return data


def test_a_new_place_is_unpublished_with_a_concept_version(partner_client, organisation):
    response = partner_client.post(url("place", "create"), new_place_data(partner_client))

    assert response.status_code == 302
    place = Place.objects.get(name="Buurtkamer Het Hofje")
    assert place.is_published is False
    assert place.managing_organisation == organisation
    assert place.slug == "buurtkamer-het-hofje"
    fields = review.latest_revision(place).data["fields"]
    assert fields["postcode"] == "2545 AB"  # the model's clean() tidies it
    assert fields["latitude"] == "52.041200"  # as the database gives it back
    assert partner_client.get(place.get_absolute_url()).status_code == 404


def test_a_place_outside_den_haag_or_with_a_wrong_postcode_is_refused(partner_client):
    data = new_place_data(partner_client, latitude="51.9", postcode="1234")
    response = partner_client.post(url("place", "create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze breedtegraad ligt niet in Den Haag" in html
    assert "Vul een Nederlandse postcode in" in html
    assert 'value="Hengelolaan"' in html
    assert not Place.objects.exists()


def test_opening_hours_past_midnight_survive_the_round_trip(partner_client, organisation):
    place = PlaceFactory(managing_organisation=organisation)
    data = form_data(partner_client.get(url("place", "edit", place)))
    data.update({"opening_hours-0-weekday": "4", "opening_hours-0-opens": "20:00",
                 "opening_hours-0-closes": "01:00"})

    assert partner_client.post(url("place", "edit", place), data).status_code == 302

    row = review.working_data(place)["children"]["opening_hours"][0]
    assert (row["weekday"], row["opens"], row["closes"]) == (4, "20:00:00", "01:00:00")
    form = partner_client.get(url("place", "edit", place)).context["formsets"][0].forms[0]
    assert form["closes"].value() == datetime.time(1, 0)
    assert 'value="01:00"' in partner_client.get(url("place", "edit", place)).content.decode()

    draft = review.latest_revision(place)
    review.submit(draft, user=draft.created_by)
    review.approve(draft, staff=StaffUserFactory())
    hours = place.opening_hours.get()
    assert hours.past_midnight and hours.closes == datetime.time(1, 0)


def test_an_opening_time_that_closes_when_it_opens_gets_an_error_on_its_row(
        partner_client, organisation):
    place = PlaceFactory(managing_organisation=organisation)
    OpeningHoursFactory(place=place)
    data = form_data(partner_client.get(url("place", "edit", place)))
    data.update({"opening_hours-1-weekday": "2", "opening_hours-1-opens": "10:00",
                 "opening_hours-1-closes": "10:00",
                 "special_hours-0-start_date": "2026-12-24",
                 "special_hours-0-end_date": "2026-12-24"})
    data.pop("special_hours-0-is_closed", None)  # open, but then the times are needed

    response = partner_client.post(url("place", "edit", place), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Openingstijd 2: Open tot: De sluitingstijd is gelijk aan de openingstijd." in html
    assert "Sluiting of andere tijd 1: Open vanaf" in html
    assert 'href="#id_opening_hours-1-closes"' in html
    assert Revision.objects.count() == 0


def test_an_invalid_date_in_a_row_is_refused_politely(partner_client, organisation):
    place = PlaceFactory(managing_organisation=organisation)
    data = form_data(partner_client.get(url("place", "edit", place)))
    data.update({"special_hours-0-start_date": "31-31-2026",
                 "special_hours-0-end_date": "2026-12-26"})
    response = partner_client.post(url("place", "edit", place), data)
    assert response.status_code == 200
    assert "Sluiting of andere tijd 1: Van" in response.content.decode()
    assert Revision.objects.count() == 0


def test_the_preview_shows_the_new_version_of_the_place(partner_client, organisation):
    place = PlaceFactory(managing_organisation=organisation, name="Oude naam",
                         description="Oude beschrijving.")
    data = form_data(partner_client.get(url("place", "edit", place)))
    data.update({"description": "Nieuwe beschrijving.",
                 "special_hours-0-start_date": "2099-12-25",
                 "special_hours-0-end_date": "2099-12-26",
                 "special_hours-0-reason": "Kerstdagen"})
    partner_client.post(url("place", "edit", place), data)

    preview = partner_client.get(url("place", "preview", place)).content.decode()
    public = partner_client.get(place.get_absolute_url()).content.decode()

    assert "Nieuwe beschrijving." in preview
    assert "Voorbeeldweergave van jouw versie: nog niet gepubliceerd" in preview
    assert "Oude beschrijving." in public and "Nieuwe beschrijving." not in public


def test_a_place_is_editable_only_by_its_managing_organisation(client, organisation):
    place = PlaceFactory(managing_organisation=organisation)
    unmanaged = PlaceFactory(managing_organisation=None)
    client.force_login(partner_user(organisation))
    assert client.get(url("place", "edit", place)).status_code == 200
    assert client.get(url("place", "edit", unmanaged)).status_code == 404
