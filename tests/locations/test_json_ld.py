"""One way to write JSON-LD: zuidwest.ui.jsonld escapes, {% json_ld data %} writes the element
(with the CSP nonce when the page has one), places and activities name days the same way."""

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.utils.csp import CSP

from locations.jsonld import SCHEMA_DAYS
from locations.occurrences import refresh_occurrences
from tests.factories import ActivityFactory, OpeningHoursFactory, PlaceFactory
from zuidwest.ui.jsonld import json_ld_text

HOSTILE = "</script><script>alert(1)</script> & <!--"


def render(data, **context):
    return Template("{% load portal %}{% json_ld data %}").render(
        Context({"data": data, **context})
    )


def test_the_text_escapes_what_could_end_the_script_and_still_reads_back():
    text = json_ld_text({"name": HOSTILE})

    assert not set("<>&") & set(text)
    assert "\\u003C/script\\u003E" in text and "\\u0026" in text
    assert json.loads(text) == {"name": HOSTILE}


@pytest.mark.parametrize(
    "context", [{}, {"csp_nonce": None}], ids=["no-processor", "no-middleware"]
)
def test_the_tag_writes_one_script_element_with_the_escaped_json(context):
    element = render({"name": HOSTILE, "@type": "Place"}, **context)

    assert element.startswith('<script type="application/ld+json">')
    assert element.endswith("</script>")
    assert element.count("<") == 2
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": HOSTILE, "@type": "Place"}


def test_the_tag_adds_no_nonce_even_when_the_page_has_one():
    """A data block is outside the Content Security Policy; a nonce would only make every
    response of the page different."""
    element = render({"name": "Buurtkamer"}, csp_nonce="r4nd0m+/=")

    assert element.startswith('<script type="application/ld+json">{')


@pytest.mark.parametrize("data", [None, "", {}])
def test_the_tag_writes_nothing_without_data(data):
    assert render(data) == ""


def script_data(html):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_a_place_and_an_activity_name_the_same_weekday_the_same_way(client):
    thursday = datetime.date(2026, 3, 26)
    place = PlaceFactory(slug="de-stek")
    OpeningHoursFactory(place=place, weekday=thursday.weekday())
    activity = ActivityFactory(place=place, recurrence="weekly", start_date=thursday)

    place_data = script_data(client.get(place.get_absolute_url()).content.decode())
    activity_data = script_data(client.get(activity.get_absolute_url()).content.decode())

    [hours] = place_data["openingHoursSpecification"]
    assert hours["dayOfWeek"] == activity_data["eventSchedule"]["byDay"]
    assert hours["dayOfWeek"] == SCHEMA_DAYS[3] == "https://schema.org/Thursday"


@pytest.fixture
def csp_enabled(settings):
    settings.SECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE]}
    settings.MIDDLEWARE = [*settings.MIDDLEWARE,
                           "django.middleware.csp.ContentSecurityPolicyMiddleware"]
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "OPTIONS": {
        **engine["OPTIONS"],
        "context_processors": [*engine["OPTIONS"]["context_processors"],
                               "django.template.context_processors.csp"],
    }}]


@pytest.mark.django_db
def test_with_the_csp_context_processor_json_ld_stays_a_data_block_without_a_nonce(
    client, csp_enabled
):
    """JSON-LD is not run by browsers, so the policy does not govern it: no nonce, and the page
    is the same for every visitor."""
    place = PlaceFactory(slug="de-stek")
    OpeningHoursFactory(place=place, weekday=0)
    activity = ActivityFactory(place=place, recurrence="weekly",
                               start_date=datetime.date.today())
    refresh_occurrences()

    for url in (place.get_absolute_url(), activity.get_absolute_url()):
        response = client.get(url)
        assert '<script type="application/ld+json">' in response.content.decode(), url
        assert "nonce-" not in response["Content-Security-Policy"], url
