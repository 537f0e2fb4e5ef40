"""The agenda pages: today, this week, a chosen day, filters and an activity's own page."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from locations.calendars import calendar_activities
from locations.models import Activity, Occurrence
from locations.occurrences import refresh_occurrences, window
from tests.factories import (
    ActivityCancellationFactory,
    ActivityFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PlaceFactory,
)
from tests.helpers import count_queries

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 25 March 2026, noon; summer time starts on Sunday 29 March.
NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))
    return NOW


def once(day=TODAY, start=(19, 0), end=(21, 0), **kwargs):
    return ActivityFactory(recurrence="once", start_date=day,
                           start_time=datetime.time(*start), end_time=datetime.time(*end),
                           **kwargs)


def refresh():
    refresh_occurrences(Activity.objects.all(), today=TODAY)


def day_url(day):
    return reverse("locations:agenda_day",
                   kwargs={"year": day.year, "month": day.month, "day": day.day})


# --- Today ---------------------------------------------------------------------------------


def test_today_shows_what_is_still_to_come_today_and_marks_what_is_over(client):
    once(title="Ochtendkoffie", start=(9, 0), end=(10, 0))
    once(title="Avondeten samen", start=(18, 0), end=(20, 0))
    once(day=TODAY + datetime.timedelta(days=1), title="Morgen pas")
    refresh()

    response = client.get(reverse("locations:agenda_today"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Avondeten samen" in content
    assert "Ochtendkoffie" in content
    assert "Afgelopen" in content
    assert "Morgen pas" not in content
    # What is over never comes before what is still to come.
    assert content.index("Avondeten samen") < content.index("Ochtendkoffie")


def test_today_includes_last_nights_activity_while_it_is_still_going_on(client, monkeypatch):
    early = datetime.datetime(2026, 3, 25, 0, 30, tzinfo=AMSTERDAM)
    monkeypatch.setattr(timezone, "now", lambda: early)
    once(day=TODAY - datetime.timedelta(days=1), title="Nachtcafé", start=(22, 0), end=(2, 0))
    once(day=TODAY - datetime.timedelta(days=1), title="Gisteravond klaar", start=(20, 0),
         end=(22, 0))
    # Started after the Nachtcafé, over before now.
    once(day=TODAY - datetime.timedelta(days=1), title="Kort na middernacht klaar",
         start=(23, 0), end=(0, 15))
    refresh()

    content = client.get(reverse("locations:agenda_today")).content.decode()

    assert "Nachtcafé" in content
    assert "Nu bezig" in content
    assert "Gisteravond klaar" not in content
    assert "Kort na middernacht klaar" not in content
    assert "1 activiteit vandaag" in content


def test_publishing_or_withdrawing_a_place_or_activity_lists_or_unlists_its_dates(
    client, django_capture_on_commit_callbacks
):
    place = PlaceFactory(is_published=False)
    activity = once(title="Taalcafé", place=place, is_published=False)
    refresh()

    def shown():
        return "Taalcafé" in client.get(reverse("locations:agenda_today")).content.decode()

    assert not shown()
    with django_capture_on_commit_callbacks(execute=True):
        place.is_published = True
        place.save()
    assert not shown()  # the activity itself is not published yet
    with django_capture_on_commit_callbacks(execute=True):
        activity.is_published = True
        activity.save()
    assert shown()
    with django_capture_on_commit_callbacks(execute=True):
        place.is_published = False
        place.save()
    assert not shown()
    assert not Occurrence.objects.filter(is_listed=True).exists()


def test_an_activity_moved_to_another_place_takes_its_dates_along(
    client, django_capture_on_commit_callbacks
):
    first, second = PlaceFactory(), PlaceFactory()
    activity = once(title="Naaiatelier", place=first, day=TODAY + datetime.timedelta(days=1))
    refresh()
    assert "Naaiatelier" in client.get(first.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        activity.place = second
        activity.save()

    assert "Naaiatelier" not in client.get(first.get_absolute_url()).content.decode()
    assert "Naaiatelier" in client.get(second.get_absolute_url()).content.decode()


def test_a_cancelled_date_says_vervalt_in_words_with_the_reason(client):
    activity = ActivityFactory(recurrence="weekly", start_date=TODAY - datetime.timedelta(7),
                               title="Breiclub", start_time=datetime.time(19, 0),
                               end_time=datetime.time(21, 0))
    ActivityCancellationFactory(activity=activity, date=TODAY, reason="De zaal is verhuurd")
    refresh()

    content = client.get(reverse("locations:agenda_today")).content.decode()

    assert "Breiclub" in content
    assert "Vervalt" in content
    assert "De zaal is verhuurd" in content
    assert "agenda-item--cancelled" in content


def test_an_agenda_item_shows_time_place_audience_price_and_registration(client):
    place = PlaceFactory(name="Buurtkamer De Stek")
    activity = once(title="Taalcafé", place=place, audience="nieuwkomers", is_free=False,
                    price=Decimal("2.50"), registration_required=True,
                    registration_info="Bel 070 123 45 67", is_demo=True)
    refresh()

    content = client.get(reverse("locations:agenda_today")).content.decode()

    assert f'href="{activity.get_absolute_url()}"' in content
    assert f'href="{place.get_absolute_url()}"' in content
    assert '<time datetime="2026-03-25T19:00:00+01:00">19:00</time>' in content
    assert "nieuwkomers" in content
    assert "2,50" in content
    assert "Aanmelden nodig" in content
    assert "Voorbeeld" in content


# --- Week ----------------------------------------------------------------------------------


def test_the_week_page_groups_the_next_seven_days_under_a_heading_per_day(client):
    once(day=TODAY, title="Woensdagactiviteit")
    once(day=TODAY + datetime.timedelta(days=4), title="Zondagactiviteit")
    once(day=TODAY + datetime.timedelta(days=7), title="Volgende week")
    refresh()

    response = client.get(reverse("locations:agenda_week"))

    content = response.content.decode()
    headings = re.findall(r'<h3 class="utrecht-heading-3 agenda-day__heading"[^>]*>(.*?)</h3>',
                          content, re.S)
    assert len(headings) == 7
    assert "Woensdag 25 maart" in headings[0]
    assert "Dinsdag 31 maart" in headings[6]
    assert "Zondagactiviteit" in content
    assert "Volgende week" not in content
    assert "Geen activiteiten op deze dag." in content


def test_the_week_keeps_19_00_on_both_sides_of_the_change_to_summer_time(client):
    ActivityFactory(recurrence="weekly", start_date=datetime.date(2026, 3, 21), title="Zaterdag",
                    start_time=datetime.time(19, 0), end_time=datetime.time(21, 0))
    ActivityFactory(recurrence="weekly", start_date=datetime.date(2026, 3, 22), title="Zondag",
                    start_time=datetime.time(19, 0), end_time=datetime.time(21, 0))
    refresh()

    content = client.get(reverse("locations:agenda_week")).content.decode()

    assert '<time datetime="2026-03-28T19:00:00+01:00">19:00</time>' in content
    assert '<time datetime="2026-03-29T19:00:00+02:00">19:00</time>' in content


# --- Day -----------------------------------------------------------------------------------


def test_a_chosen_day_shows_that_day_with_links_to_the_day_before_and_after(client):
    chosen = datetime.date(2026, 4, 2)
    once(day=chosen, title="Paasknutselen")
    once(day=chosen + datetime.timedelta(days=1), title="Goede Vrijdag")
    refresh()

    response = client.get(day_url(chosen))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Paasknutselen" in content
    assert "Goede Vrijdag" not in content
    assert f'href="{day_url(chosen - datetime.timedelta(days=1))}"' in content
    assert f'href="{day_url(chosen + datetime.timedelta(days=1))}"' in content
    assert 'type="date"' in content


def test_a_date_that_does_not_exist_gets_a_polite_not_found_page(client):
    response = client.get("/agenda/2026-02-30/")

    assert response.status_code == 404
    assert "Deze datum bestaat niet" in response.content.decode()


@pytest.mark.parametrize("path", ["/agenda/2026-13-01/", "/agenda/0-01-01/",
                                  "/agenda/99999999999999999999-01-01/"])
def test_impossible_dates_never_cause_a_server_error(client, path):
    response = client.get(path)

    assert response.status_code == 404


def test_a_day_beyond_the_stored_window_says_how_far_the_agenda_looks_ahead(client, settings):
    settings.OCCURRENCE_DAYS_AHEAD = 180

    response = client.get(day_url(TODAY + datetime.timedelta(days=400)))

    assert response.status_code == 200
    assert "De agenda kijkt 180 dagen vooruit" in response.content.decode()


def test_pages_feeds_and_the_refresh_share_one_stored_window(client, settings):
    settings.OCCURRENCE_DAYS_BEHIND = 3
    settings.OCCURRENCE_DAYS_AHEAD = 10
    first_day, last_day = window(TODAY)
    kept = once(day=first_day, title="Net bewaard")
    once(day=first_day - datetime.timedelta(days=1), title="Te lang geleden")
    once(day=last_day, title="Net vooruit")
    refresh()

    assert (first_day, last_day) == (TODAY - datetime.timedelta(days=3),
                                     TODAY + datetime.timedelta(days=10))
    stored = {o.activity.title for o in Occurrence.objects.select_related("activity")}
    assert stored == {"Net bewaard", "Net vooruit"}
    assert kept in calendar_activities(today=TODAY)
    assert {a.title for a in calendar_activities(today=TODAY)} == {"Net bewaard", "Net vooruit"}
    last = client.get(day_url(last_day)).context
    assert (last["too_far_ahead"], last["days_ahead"], last["days_behind"]) == (False, 10, 3)
    assert client.get(day_url(last_day + datetime.timedelta(days=1))).context["too_far_ahead"]
    assert not client.get(day_url(first_day)).context["too_far_back"]
    assert client.get(day_url(first_day - datetime.timedelta(days=1))).context["too_far_back"]


def test_a_long_gone_day_says_the_agenda_keeps_only_recent_days(client, settings):
    settings.OCCURRENCE_DAYS_BEHIND = 7

    response = client.get(day_url(TODAY - datetime.timedelta(days=30)))

    assert "alleen de afgelopen 7 dagen" in response.content.decode()


def test_the_date_picker_sends_you_to_the_chosen_day_keeping_the_filters(client):
    response = client.get(reverse("locations:agenda_today"),
                          {"date": "2026-04-02", "free": "1"})

    assert response.status_code == 302
    assert response["Location"] == day_url(datetime.date(2026, 4, 2)) + "?free=1"


def test_a_date_typed_the_dutch_way_is_understood(client):
    response = client.get(reverse("locations:agenda_week"), {"date": "02-04-2026"})

    assert response["Location"] == day_url(datetime.date(2026, 4, 2))


def test_a_date_that_cannot_be_read_gets_a_message_and_the_page_still_shows(client):
    once(title="Zichtbaar")
    refresh()

    response = client.get(reverse("locations:agenda_today"), {"date": "morgen"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum kennen we niet" in content
    assert "Zichtbaar" in content


# --- Filters -------------------------------------------------------------------------------


def test_the_agenda_filters_on_neighbourhood_place_audience_and_free(client):
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    bouwlust = NeighbourhoodFactory(name="Bouwlust", slug="bouwlust")
    stek = PlaceFactory(neighbourhood=moerwijk, slug="de-stek")
    other = PlaceFactory(neighbourhood=moerwijk)
    once(title="Stek gratis jongeren", place=stek, audience="jongeren")
    once(title="Stek betaald jongeren", place=stek, audience="jongeren", is_free=False,
         price=Decimal("3.00"))
    once(title="Andere plek ouderen", place=other, audience="ouderen")
    once(title="In Bouwlust", place=PlaceFactory(neighbourhood=bouwlust), audience="kinderen")
    refresh()
    url = reverse("locations:agenda_today")

    def titles(**params):
        content = client.get(url, params).content.decode()
        return {title for title in ("Stek gratis jongeren", "Stek betaald jongeren",
                                    "Andere plek ouderen", "In Bouwlust") if title in content}

    assert titles(neighbourhood="moerwijk") == {
        "Stek gratis jongeren", "Stek betaald jongeren", "Andere plek ouderen"}
    assert titles(place="de-stek") == {"Stek gratis jongeren", "Stek betaald jongeren"}
    assert titles(audience="ouderen") == {"Andere plek ouderen"}
    assert titles(place="de-stek", free="1") == {"Stek gratis jongeren"}


def test_an_unknown_filter_value_gets_a_polite_message_and_is_left_out(client):
    once(title="Blijft zichtbaar")
    refresh()

    response = client.get(reverse("locations:agenda_today"),
                          {"neighbourhood": "atlantis", "audience": "<script>"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze keuze kennen we niet. We laten dit filter weg." in content
    assert "Blijft zichtbaar" in content
    assert "<script>" not in content.split("<main", 1)[1]


# --- Activity page -------------------------------------------------------------------------


def test_an_activity_page_lists_the_next_dates_with_cancelled_ones_marked(client):
    organiser = OrganisationFactory(name="Buurtwerk Zuidwest")
    initiative = InitiativeFactory(title="Buurtkamers Moerwijk")
    activity = ActivityFactory(
        recurrence="weekly", start_date=datetime.date(2026, 3, 2), title="Samen koken",
        start_time=datetime.time(17, 0), end_time=datetime.time(19, 30),
        organiser=organiser, initiative=initiative, languages="Nederlands, Arabisch",
        registration_required=True, registration_info="Mail naar koken@example.org",
        description="We koken met wat het seizoen geeft.",
    )
    ActivityCancellationFactory(activity=activity, date=datetime.date(2026, 4, 6),
                                reason="Tweede Paasdag")
    refresh()

    response = client.get(activity.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Volgende keren" in content
    dates = re.findall(r'class="agenda-dates__item', content)
    assert len(dates) == 8
    assert "Tweede Paasdag" in content
    assert "Vervalt" in content
    assert "Nederlands, Arabisch" in content
    assert "Mail naar koken@example.org" in content
    assert organiser.get_absolute_url() in content
    assert initiative.get_absolute_url() in content
    assert activity.place.address in content
    assert reverse("locations:activity_calendar", kwargs={"slug": activity.slug}) in content
    assert "Zet in je agenda" in content


def json_ld(content):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_an_activity_page_describes_the_next_date_as_a_schema_org_event(client):
    activity = ActivityFactory(
        recurrence="every_n_weeks", interval_weeks=2, start_date=datetime.date(2026, 3, 26),
        start_time=datetime.time(19, 0), end_time=datetime.time(21, 0), is_free=False,
        price=Decimal("4.00"), languages="Nederlands, Turks",
        organiser=OrganisationFactory(name="Wijkbedrijf Moerwijk"),
    )
    refresh()

    data = json_ld(client.get(activity.get_absolute_url()).content.decode())

    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-03-26T19:00:00+01:00"
    assert data["endDate"] == "2026-03-26T21:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["location"]["address"]["postalCode"] == activity.place.postcode
    assert data["organizer"]["name"] == "Wijkbedrijf Moerwijk"
    assert data["isAccessibleForFree"] is False
    assert data["offers"] == {"@type": "Offer", "price": "4.00", "priceCurrency": "EUR",
                              "url": data["url"]}
    assert data["inLanguage"] == ["nl", "tr"]  # BCP 47, not the Dutch names
    assert data["eventSchedule"]["repeatFrequency"] == "P2W"
    assert data["eventSchedule"]["byDay"] == "https://schema.org/Thursday"
    assert data["eventSchedule"]["scheduleTimezone"] == "Europe/Amsterdam"


def test_a_cancelled_one_off_activity_is_an_event_cancelled(client):
    activity = once(day=TODAY + datetime.timedelta(days=2))
    ActivityCancellationFactory(activity=activity, date=activity.start_date, reason="Regen")
    refresh()

    content = client.get(activity.get_absolute_url()).content.decode()

    assert json_ld(content)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "Regen" in content


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    activity = once(title="</script><script>alert(1)</script>")
    refresh()

    content = client.get(activity.get_absolute_url()).content.decode()

    head = content.split("</head>", 1)[0]
    assert "<script>alert(1)" not in head
    assert json_ld(content)["name"] == "</script><script>alert(1)</script>"


def test_an_unknown_activity_is_not_found(client):
    assert client.get("/activiteiten/bestaat-niet/").status_code == 404


# --- Speed: the number of queries does not grow with the number of activities ----------------


def make_activities(count, batch):
    places = [PlaceFactory() for _ in range(3)]
    Activity.objects.bulk_create([
        Activity(title=f"Bulk {index}", slug=f"bulk-{batch}-{index}", place=places[index % 3],
                 summary="Iets in de buurt.", recurrence="weekly",
                 start_date=TODAY - datetime.timedelta(days=index % 7),
                 start_time=datetime.time(13 + index % 8, 0),
                 end_time=datetime.time(13 + index % 8, 45),
                 audience="iedereen")
        for index in range(count)
    ])
    refresh()


@pytest.mark.parametrize("url_name", ["agenda_today", "agenda_week", "agenda_day", "activity"])
def test_a_page_needs_as_many_queries_for_ten_times_as_many_activities(client, url_name):
    def url():
        if url_name == "agenda_day":
            return day_url(TODAY + datetime.timedelta(days=2))
        if url_name == "activity":
            return Activity.objects.order_by("pk").first().get_absolute_url()
        return reverse(f"locations:{url_name}")

    make_activities(6, batch=1)
    few = count_queries(client, url())
    make_activities(60, batch=2)
    many = count_queries(client, url())

    assert Occurrence.objects.count() > 60 * 7
    assert few == many


def test_a_group_also_sees_what_is_for_everyone(client):
    once(title="Voor ouderen", audience="ouderen")
    once(title="Voor iedereen", audience="iedereen")
    once(title="Voor kinderen", audience="kinderen")
    refresh()
    html = client.get(reverse("locations:agenda_today"), {"audience": "ouderen"}).content.decode()
    assert "Voor ouderen" in html and "Voor iedereen" in html and "Voor kinderen" not in html
    assert "Activiteiten voor iedereen staan er ook bij." in html


def test_a_chosen_group_comes_first_then_everyone_under_its_own_heading_and_over_last(client):
    once(title="Vroeg voor iedereen", audience="iedereen", start=(9, 0), end=(10, 0))
    once(title="Knutselen afgelopen", audience="kinderen", start=(10, 0), end=(11, 0))
    once(title="Zingen voor iedereen", audience="iedereen", start=(13, 0), end=(14, 0))
    once(title="Voorlezen", audience="kinderen", start=(15, 0), end=(16, 0))
    once(day=TODAY + datetime.timedelta(days=1), title="Morgen knutselen", audience="kinderen")
    refresh()

    for url in (reverse("locations:agenda_today"), reverse("locations:agenda_week")):
        html = client.get(url, {"audience": "kinderen"}).content.decode()
        order = sorted(["Voor kinderen</h3>", "Voor iedereen</h3>", "Voorlezen",
                        "Knutselen afgelopen", "Zingen voor iedereen", "Vroeg voor iedereen"],
                       key=html.index)
        assert order == ["Voor kinderen</h3>", "Voorlezen", "Knutselen afgelopen",
                         "Voor iedereen</h3>", "Zingen voor iedereen", "Vroeg voor iedereen"], url
    week = client.get(reverse("locations:agenda_week"), {"audience": "kinderen"}).content.decode()
    assert week.index("Morgen knutselen") < week.index("Voor iedereen</h3>")
    # Day ids stay unique with the days listed in two sections.
    ids = re.findall(r' id="([^"]+)"', week)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("part", "expected"), [
    ("ochtend", {"Ontbijt"}), ("middag", {"Lunchwandeling", "Theetijd"}), ("avond", {"Avondkoor"}),
])
def test_the_agenda_filters_on_part_of_the_day(client, part, expected):
    once(title="Ontbijt", start=(8, 30), end=(10, 0))
    once(title="Lunchwandeling", start=(12, 0), end=(13, 0))
    once(title="Theetijd", start=(17, 59), end=(18, 30))
    once(title="Avondkoor", start=(18, 0), end=(20, 0))
    refresh()
    html = client.get(day_url(TODAY), {"part_of_day": part}).content.decode()
    shown = {title for title in ("Ontbijt", "Lunchwandeling", "Theetijd", "Avondkoor")
             if title in html}
    assert shown == expected


def test_the_day_shown_stays_in_the_date_field_after_filtering(client):
    day = TODAY + datetime.timedelta(days=3)
    response = client.get(day_url(day), {"free": "1"})
    assert response.status_code == 200
    assert f'value="{day.isoformat()}"' in response.content.decode()
