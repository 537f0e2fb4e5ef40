"""Calendar feeds (.ics) that calendar apps accept: valid RFC 5545 with time zone and UIDs."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import (
    ActivityCancellationFactory,
    ActivityFactory,
    NeighbourhoodFactory,
    PlaceFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=AMSTERDAM)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))


def weekly(**kwargs):
    defaults = {"recurrence": "weekly", "start_date": datetime.date(2026, 3, 21),
                "start_time": datetime.time(19, 0), "end_time": datetime.time(21, 0)}
    return ActivityFactory(**{**defaults, **kwargs})


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def parse(response):
    return Calendar.from_ical(response.content)


def assert_valid_rfc5545(content):
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    calendar = Calendar.from_ical(content)
    for name in ("PRODID", "VERSION"):
        assert name in calendar
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VTIMEZONE"), "a VTIMEZONE for the TZID"
    for event in calendar.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL"):
            assert name in event, name
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    return calendar


def test_the_activity_feed_is_valid_icalendar_with_a_recurrence_rule(client):
    activity = weekly(title="Buurtdiner", description="Een lange beschrijving. " * 20)

    response = fetch(client, reverse("locations:activity_calendar",
                                     kwargs={"slug": activity.slug}))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{activity.slug}.ics"'
    calendar = assert_valid_rfc5545(response.content)
    assert calendar["X-WR-CALNAME"] == "Buurtdiner"
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Buurtdiner"
    assert event["UID"] == f"activity-{activity.pk}@zuidwest-portal"
    assert event["URL"] == f"{settings.SITE_URL}{activity.get_absolute_url()}"
    assert activity.place.address in event["LOCATION"]
    assert event.decoded("DTSTART") == datetime.datetime(2026, 3, 21, 19, 0, tzinfo=AMSTERDAM)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert b"DTSTART;TZID=Europe/Amsterdam:20260321T190000" in response.content


def test_the_uid_stays_the_same_across_requests(client):
    activity = weekly()
    url = reverse("locations:activity_calendar", kwargs={"slug": activity.slug})

    first = parse(fetch(client, url)).walk("VEVENT")[0]["UID"]
    second = parse(fetch(client, url)).walk("VEVENT")[0]["UID"]

    assert first == second


def test_cancelled_dates_are_left_out_with_exdate(client):
    activity = weekly()
    ActivityCancellationFactory(activity=activity, date=datetime.date(2026, 4, 4),
                                reason="Pasen")

    event = parse(fetch(client, reverse("locations:activity_calendar",
                                        kwargs={"slug": activity.slug}))).walk("VEVENT")[0]

    excluded = [moment.dt for moment in event["EXDATE"].dts]
    assert excluded == [datetime.datetime(2026, 4, 4, 19, 0, tzinfo=AMSTERDAM)]
    assert "Pasen" in event["DESCRIPTION"]


def test_a_cancelled_one_off_activity_has_status_cancelled(client):
    activity = ActivityFactory(recurrence="once", start_date=datetime.date(2026, 4, 1))
    ActivityCancellationFactory(activity=activity, date=activity.start_date)

    event = parse(fetch(client, reverse("locations:activity_calendar",
                                        kwargs={"slug": activity.slug}))).walk("VEVENT")[0]

    assert event["STATUS"] == "CANCELLED"
    assert "RRULE" not in event


def test_the_end_date_becomes_an_inclusive_until_in_utc(client):
    activity = weekly(end_date=datetime.date(2026, 4, 25))

    event = parse(fetch(client, reverse("locations:activity_calendar",
                                        kwargs={"slug": activity.slug}))).walk("VEVENT")[0]

    until = event["RRULE"]["UNTIL"][0]
    assert until == datetime.datetime(2026, 4, 25, 17, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("week", "start", "byday"), [
    (1, datetime.date(2026, 1, 3), "1SA"), (-1, datetime.date(2026, 1, 30), "-1FR")])
def test_a_monthly_activity_becomes_a_monthly_rule_on_the_right_weekday(
    client, week, start, byday
):
    activity = ActivityFactory(recurrence="monthly", week_of_month=week, start_date=start)

    content = fetch(client, reverse("locations:activity_calendar",
                                    kwargs={"slug": activity.slug})).content

    assert f"RRULE:FREQ=MONTHLY;BYDAY={byday}".encode() in content


def test_the_place_feed_holds_the_activities_of_that_place_only(client):
    place = PlaceFactory(name="Buurthuis De Boog")
    here = weekly(place=place, title="Hier")
    weekly(title="Elders")
    ActivityFactory(place=place, recurrence="weekly", start_date=datetime.date(2025, 1, 1),
                    end_date=datetime.date(2025, 6, 1), title="Lang voorbij")

    response = fetch(client, reverse("locations:place_calendar", kwargs={"slug": place.slug}))

    calendar = assert_valid_rfc5545(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Hier"]
    assert calendar.walk("VEVENT")[0]["UID"] == f"activity-{here.pk}@zuidwest-portal"
    assert "De Boog" in calendar["X-WR-CALNAME"]


def test_an_empty_place_feed_is_still_a_valid_calendar(client):
    place = PlaceFactory()

    response = fetch(client, reverse("locations:place_calendar", kwargs={"slug": place.slug}))

    assert_valid_rfc5545(response.content)


def test_the_whole_agenda_feed_honours_the_filters(client):
    moerwijk = NeighbourhoodFactory(slug="moerwijk")
    weekly(title="In Moerwijk", place=PlaceFactory(neighbourhood=moerwijk))
    weekly(title="Elders")
    weekly(title="Betaald", place=PlaceFactory(neighbourhood=moerwijk), is_free=False,
           price="2.00")
    url = reverse("locations:agenda_calendar")

    everything = parse(fetch(client, url))
    filtered = parse(fetch(client, f"{url}?neighbourhood=moerwijk&free=1"))
    bad_filter = parse(fetch(client, f"{url}?neighbourhood=nergens"))

    assert len(everything.walk("VEVENT")) == 3
    assert [str(e["SUMMARY"]) for e in filtered.walk("VEVENT")] == ["In Moerwijk"]
    assert len(bad_filter.walk("VEVENT")) == 3


def test_an_unknown_activity_or_place_feed_is_not_found(client):
    assert client.get("/activiteiten/nergens/agenda.ics").status_code == 404
    assert client.get("/plekken/nergens/agenda.ics").status_code == 404


def date_url(activity, day):
    return reverse("locations:activity_date_calendar", kwargs={
        "slug": activity.slug, "year": day.year, "month": day.month, "day": day.day})


def test_one_date_of_a_series_can_be_put_in_a_calendar_on_its_own(client):
    from locations.occurrences import refresh_occurrences

    activity = weekly()
    refresh_occurrences(today=NOW.date())
    day = datetime.date(2026, 3, 28)

    calendar = assert_valid_rfc5545(fetch(client, date_url(activity, day)).content)

    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime.datetime(2026, 3, 28, 19, 0, tzinfo=AMSTERDAM)
    assert event["DTEND"].dt == datetime.datetime(2026, 3, 28, 21, 0, tzinfo=AMSTERDAM)
    assert "RRULE" not in event
    assert str(event["UID"]) == f"activity-{activity.pk}@zuidwest-portal"
    assert event["RECURRENCE-ID"].dt == datetime.datetime(2026, 3, 28, 19, 0, tzinfo=AMSTERDAM)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'href="{date_url(activity, day)}"' in page


def test_a_date_the_activity_does_not_have_or_has_cancelled_is_not_found(client):
    from locations.occurrences import refresh_occurrences

    activity = weekly()
    ActivityCancellationFactory(activity=activity, date=datetime.date(2026, 4, 4))
    refresh_occurrences(today=NOW.date())

    assert client.get(date_url(activity, datetime.date(2026, 3, 29))).status_code == 404
    assert client.get(date_url(activity, datetime.date(2026, 4, 4))).status_code == 404
    impossible = reverse("locations:activity_date_calendar", kwargs={
        "slug": activity.slug, "year": 2026, "month": 2, "day": 31})
    assert client.get(impossible).status_code == 404


def test_one_date_and_the_series_merge_into_one_event_on_that_date(client):
    """A resident who adds one date and also subscribes to the series has that date once:
    the date is an instance of the series (same UID, RECURRENCE-ID), as a calendar library
    that expands RFC 5545 recurrences sees it."""
    recurring_ical_events = pytest.importorskip(
        "recurring_ical_events", reason="recurring-ical-events is in the dev extras")
    from locations.occurrences import refresh_occurrences

    activity = weekly()
    refresh_occurrences(today=NOW.date())
    day = datetime.date(2026, 3, 28)
    series = parse(fetch(client, reverse("locations:activity_calendar",
                                         kwargs={"slug": activity.slug})))
    single = parse(fetch(client, date_url(activity, day)))
    merged = Calendar.from_ical(series.to_ical())
    for event in single.walk("VEVENT"):
        merged.add_component(event)

    that_day = recurring_ical_events.of(merged).at(day)
    assert len(that_day) == 1
    assert that_day[0]["DTSTART"].dt == datetime.datetime(2026, 3, 28, 19, 0, tzinfo=AMSTERDAM)
    next_week = recurring_ical_events.of(merged).at(datetime.date(2026, 4, 4))
    assert len(next_week) == 1


def test_a_one_off_date_is_the_event_itself(client):
    from locations.occurrences import refresh_occurrences

    activity = weekly(recurrence="once")
    refresh_occurrences(today=NOW.date())
    series = parse(fetch(client, reverse("locations:activity_calendar",
                                         kwargs={"slug": activity.slug})))
    single = parse(fetch(client, date_url(activity, activity.start_date)))
    [whole], [one] = series.walk("VEVENT"), single.walk("VEVENT")
    assert one["UID"] == whole["UID"] and "RECURRENCE-ID" not in one


def test_the_time_zone_covers_every_date_of_a_series_without_end(client):
    """RFC 5545 3.6.5: the VTIMEZONE covers every instance. A weekly series without an end
    date: for each of its dates up to 2100 the zone in the file gives the tz database's
    offset, and its rules have no end."""
    activity = weekly()
    calendar = parse(fetch(client, reverse("locations:activity_calendar",
                                           kwargs={"slug": activity.slug})))
    [zone] = calendar.walk("VTIMEZONE")
    for part in zone.subcomponents:
        rule = part["RRULE"]
        assert "UNTIL" not in rule and "COUNT" not in rule
    as_tz = zone.to_tz()
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    day = start.date()
    while day.year <= 2100:
        local = datetime.datetime.combine(day, start.time())
        assert as_tz.utcoffset(local) == local.replace(tzinfo=AMSTERDAM).utcoffset(), day
        day += datetime.timedelta(days=7)
    # Around the changes too: the night of the change and the hour after it.
    for moment in (datetime.datetime(2099, 3, 29, 1, 30), datetime.datetime(2099, 3, 29, 3, 30),
                   datetime.datetime(2099, 10, 25, 1, 30), datetime.datetime(2099, 10, 25, 4, 0)):
        assert as_tz.utcoffset(moment) == moment.replace(tzinfo=AMSTERDAM).utcoffset(), moment
