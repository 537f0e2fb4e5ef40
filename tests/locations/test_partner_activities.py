"""Partners keep their activities current: when, where, what it costs, cancelled dates."""

import datetime

import pytest
from django.utils import timezone

from locations.models import Activity
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OrganisationFactory,
    PlaceFactory,
)
from tests.partner_helpers import form_data, url
from zuidwest import review
from zuidwest.models import Revision

pytestmark = pytest.mark.django_db


def new_activity_data(client, place, **changes):
    data = form_data(client.get(url("activity", "create")))
    data.update({
        "title": "Wandelen in het park",
        "place": str(place.pk),
        "summary": "Samen een uur wandelen.",
        "audience": "iedereen",
        "recurrence": Activity.Recurrence.WEEKLY,
        "interval_weeks": "1",
        "start_date": "2026-01-07",
        "start_time": "10:00",
        "end_time": "11:00",
        "is_free": "on",
    })
    data.update(changes)
    return data


def test_a_new_activity_is_unpublished_with_a_concept_version(partner_client, organisation):
    place = PlaceFactory(managing_organisation=organisation, is_published=False)

    response = partner_client.post(url("activity", "create"),
                                   new_activity_data(partner_client, place))

    assert response.status_code == 302
    activity = Activity.objects.get(title="Wandelen in het park")
    assert activity.is_published is False and activity.organiser == organisation
    assert review.latest_revision(activity).state == Revision.State.DRAFT
    assert partner_client.get(activity.get_absolute_url()).status_code == 404


def test_another_organisations_unpublished_place_or_initiative_cannot_be_chosen(
        partner_client, organisation):
    foreign_place = PlaceFactory(is_published=False,
                                 managing_organisation=OrganisationFactory())
    foreign_initiative = InitiativeFactory()
    response = partner_client.post(url("activity", "create"), new_activity_data(
        partner_client, foreign_place, initiative=str(foreign_initiative.pk)))

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert "place" in errors and "initiative" in errors
    assert not Activity.objects.exists()


def test_a_published_place_and_an_own_initiative_can_be_chosen(partner_client, organisation):
    public_place = PlaceFactory(managing_organisation=OrganisationFactory())
    own_initiative = InitiativeFactory(lead_organisation=organisation)
    response = partner_client.post(url("activity", "create"), new_activity_data(
        partner_client, public_place, initiative=str(own_initiative.pk)))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.place == public_place and activity.initiative == own_initiative


def test_a_paid_activity_needs_a_price_and_a_decimal_comma_is_fine(partner_client,
                                                                   organisation):
    activity = ActivityFactory(organiser=organisation)
    data = form_data(partner_client.get(url("activity", "edit", activity)))
    data.pop("is_free")
    data["price"] = ""
    refused = partner_client.post(url("activity", "edit", activity), data)
    assert "Vul een prijs in, of kies" in refused.content.decode()
    assert Revision.objects.count() == 0

    data["price"] = "2,50"
    assert partner_client.post(url("activity", "edit", activity), data).status_code == 302
    assert review.working_data(activity)["fields"]["price"] == "2.50"


def test_an_activity_past_midnight_is_accepted(partner_client, organisation):
    activity = ActivityFactory(organiser=organisation)
    data = form_data(partner_client.get(url("activity", "edit", activity)))
    data.update(start_time="22:00", end_time="01:30")
    assert partner_client.post(url("activity", "edit", activity), data).status_code == 302
    fields = review.working_data(activity)["fields"]
    assert (fields["start_time"], fields["end_time"]) == ("22:00:00", "01:30:00")


def test_a_cancelled_date_can_be_entered_only_once(partner_client, organisation):
    activity = ActivityFactory(organiser=organisation)
    data = form_data(partner_client.get(url("activity", "edit", activity)))
    data.update({"cancellations-0-date": "2026-02-04", "nog_een_rij": "cancellations"})
    data = form_data(partner_client.post(url("activity", "edit", activity), data))
    data.update({"cancellations-1-date": "2026-02-04"})

    response = partner_client.post(url("activity", "edit", activity), data)

    assert response.status_code == 200
    assert "Vervallen datum 2: Datum: Deze staat er al in." in response.content.decode()
    assert Revision.objects.count() == 0


def test_the_preview_shows_the_new_times_and_a_cancelled_date(partner_client, organisation):
    today = timezone.localdate()
    start = today + datetime.timedelta(days=(2 - today.weekday()) % 7 + 7)  # a Wednesday
    activity = ActivityFactory(organiser=organisation, start_date=start,
                               summary="Oude samenvatting.")
    data = form_data(partner_client.get(url("activity", "edit", activity)))
    data.update({"summary": "Nieuwe samenvatting.", "start_time": "19:00",
                 "end_time": "21:00", "cancellations-0-date": start.isoformat(),
                 "cancellations-0-reason": "De zaal is bezet."})
    assert partner_client.post(url("activity", "edit", activity), data).status_code == 302

    response = partner_client.get(url("activity", "preview", activity))
    html = response.content.decode()
    assert "Nieuwe samenvatting." in html
    assert "Voorbeeldweergave van jouw versie: nog niet gepubliceerd" in html
    assert "19:00" in html and "De zaal is bezet." in html
    upcoming = response.context["next_occurrences"]
    assert upcoming[0].is_cancelled and upcoming[1].starts_at.hour == 19
    public = partner_client.get(activity.get_absolute_url()).content.decode()
    assert "Oude samenvatting." in public and "Nieuwe samenvatting." not in public
