"""The printable weekly programme of a place, for the door of the buurtkamer."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from locations.models import Activity
from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityCancellationFactory,
    ActivityFactory,
    OpeningHoursFactory,
    PlaceFactory,
    SpecialHoursFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=AMSTERDAM)  # a Wednesday
TODAY = NOW.date()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))


@pytest.fixture
def place():
    place = PlaceFactory(name="Buurtkamer Het Anker", street="Loosduinse Hoofdstraat",
                         house_number="12", postcode="2545 AM")
    OpeningHoursFactory(place=place, weekday=2, opens=datetime.time(9, 0),
                        closes=datetime.time(17, 0))
    SpecialHoursFactory(place=place, start_date=datetime.date(2026, 3, 27),
                        end_date=datetime.date(2026, 3, 27), reason="Schoonmaakdag")
    weekly = ActivityFactory(place=place, title="Koffieochtend", recurrence="weekly",
                             start_date=datetime.date(2026, 3, 2),
                             start_time=datetime.time(10, 0), end_time=datetime.time(12, 0))
    ActivityCancellationFactory(activity=weekly, date=datetime.date(2026, 3, 30),
                                reason="Vakantie")
    ActivityFactory(title="Andere plek", recurrence="once", start_date=TODAY)
    refresh_occurrences(Activity.objects.all(), today=TODAY)
    return place


def test_the_print_page_shows_name_address_hours_and_the_week_programme(client, place):
    response = client.get(reverse("locations:place_print", kwargs={"slug": place.slug}))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Buurtkamer Het Anker" in content
    # The number stays with its street and the postcode with its city (lines break between).
    assert ('Loosduinse Hoofdstraat&nbsp;12, <span class="print-sheet__keep">2545 AM Den Haag'
            '</span>') in content
    assert re.search(r'class="print-sheet__wordmark">.*Den Haag Zuidwest</span></p>', content)
    assert len(re.findall(r'class="print-day"', content)) == 7
    assert "Open:" in content and "09:00" in content
    assert "Schoonmaakdag" in content
    assert content.count("Koffieochtend") == 1  # only Monday 30 March falls in this week
    assert "Andere plek" not in content


def test_a_cancelled_date_on_the_print_page_says_vervalt(client, place):
    ActivityFactory(place=place, title="Maandagclub", recurrence="weekly",
                    start_date=datetime.date(2026, 3, 23), start_time=datetime.time(14, 0),
                    end_time=datetime.time(16, 0))
    activity = Activity.objects.get(title="Maandagclub")
    ActivityCancellationFactory(activity=activity, date=datetime.date(2026, 3, 30),
                                reason="Vakantie")
    refresh_occurrences(Activity.objects.filter(pk=activity.pk), today=TODAY)

    content = client.get(reverse("locations:place_print",
                                 kwargs={"slug": place.slug})).content.decode()

    assert "Maandagclub" in content
    assert "Vervalt" in content and "Vakantie" in content


def test_the_qr_code_is_inline_svg_pointing_at_the_place_page(client, place):
    content = client.get(reverse("locations:place_print",
                                 kwargs={"slug": place.slug})).content.decode()

    place_url = f"{settings.SITE_URL}{place.get_absolute_url()}"
    assert re.search(r"<svg [^>]*class=\"print-qr__image\"", content)
    assert "<path" in content
    assert place_url in content  # printed as text too
    assert "api.qrserver" not in content and "chart.googleapis" not in content


def test_the_qr_code_encodes_the_place_url():
    from locations.views.feeds import qr_code_svg

    first = qr_code_svg("http://testserver/plekken/a/")
    second = qr_code_svg("http://testserver/plekken/b/")

    assert first.startswith("<svg ")
    assert first != second


def test_the_print_button_needs_javascript_and_a_hint_covers_the_rest(client, place):
    content = client.get(reverse("locations:place_print",
                                 kwargs={"slug": place.slug})).content.decode()

    assert re.search(r"<button[^>]*data-print-button[^>]*hidden", content)
    assert "Gebruik de afdrukknop van je browser" in content
    assert "onclick" not in content
    assert re.search(r'<script src="[^"]*js/print-button\.js" defer>', content)


def test_the_print_stylesheet_sets_an_a4_page_and_hides_the_site_chrome():
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")

    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:\s*12mm 15mm;", css)
    assert ".portal-body:has(.print-sheet) .portal-header" in css
    script = Path(finders.find("js/print-button.js")).read_text(encoding="utf-8")
    assert "window.print()" in script


def test_an_unknown_place_has_no_print_page(client):
    assert client.get("/plekken/nergens/afdrukken/").status_code == 404


def print_url(place, **query):
    url = reverse("locations:place_print", kwargs={"slug": place.slug})
    return f"{url}?vanaf={query['vanaf']}" if query else url


def test_any_coming_week_can_be_printed(client, place):
    start = TODAY + datetime.timedelta(days=7)
    content = client.get(print_url(place, vanaf=start.isoformat())).content.decode()

    assert f'value="{start.isoformat()}"' in content
    assert "Programma van woensdag 1 april tot en met dinsdag 7 april 2026" in content
    assert '<time datetime="2026-04-06">Maandag 6 april</time>' in content
    assert content.count("Koffieochtend") == 1
    assert f'href="?vanaf={TODAY.isoformat()}">Vorige week' in content
    assert f'href="?vanaf={(start + datetime.timedelta(days=7)).isoformat()}">Volgende week' in (
        content)


@pytest.mark.parametrize(("value", "message"), [
    ("gisteren", "Deze datum kennen we niet."),
    ("2026-02-31", "Deze datum kennen we niet."),
    ("2020-01-01", "Een week om af te drukken begint tussen vandaag en"),
    ("2099-01-01", "Een week om af te drukken begint tussen vandaag en"),
])
def test_a_week_we_cannot_print_gets_a_message_and_this_week(client, place, value, message):
    response = client.get(print_url(place, vanaf=value))

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content and 'aria-invalid="true"' in content
    assert f'value="{TODAY.isoformat()}"' in content
