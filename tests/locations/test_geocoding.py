"""The place form's address search: /partner/plekken/adres-zoeken/ asks the PDOK
Locatieserver through the server. The network is never used: urlopen is replaced."""

import io
import json
import logging
from urllib.error import HTTPError, URLError

import pytest
from django.urls import reverse

from locations import geocoding
from locations.partner.forms import PlaceForm

pytestmark = pytest.mark.django_db

URL = reverse("partner:place_address_search")
UNAVAILABLE = ("Zoeken op adres lukt nu niet. Vul de coördinaten zelf in, of probeer het "
               "later opnieuw.")
PDOK_ANSWER = {"response": {"numFound": 2, "start": 0, "docs": [
    {"weergavenaam": "Hengelolaan 12, 2545AB 's-Gravenhage",
     "centroide_ll": "POINT(4.26512345 52.04123456)"},
    {"weergavenaam": "Hengelolaan 12A, 2545AB 's-Gravenhage",
     "centroide_ll": "POINT(4.2652 52.0413)"},
]}}


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def pdok(monkeypatch, settings):
    """Replaces urlopen; `pdok.answer` is the body (bytes) or an exception to raise."""
    settings.GEOCODER_URL = "https://pdok.test/free"
    calls = []

    def fake_urlopen(request, timeout):
        calls.append((request.full_url, timeout))
        if isinstance(pdok.answer, Exception):
            raise pdok.answer
        return FakeResponse(pdok.answer)

    pdok.answer = json.dumps(PDOK_ANSWER).encode()
    pdok.calls = calls
    monkeypatch.setattr(geocoding, "urlopen", fake_urlopen)
    return pdok


def test_a_partner_gets_the_addresses_with_their_coordinates(partner_client, pdok):
    response = partner_client.get(URL, {"q": "Hengelolaan 12, 2545 AB"})

    assert response.status_code == 200
    assert response.json() == {"message": "", "results": [
        {"label": "Hengelolaan 12, 2545AB 's-Gravenhage", "latitude": "52.041235",
         "longitude": "4.265123"},
        {"label": "Hengelolaan 12A, 2545AB 's-Gravenhage", "latitude": "52.041300",
         "longitude": "4.265200"},
    ]}
    assert pdok.calls == [(
        "https://pdok.test/free?q=Hengelolaan+12%2C+2545+AB&fq=type%3Aadres&rows=5"
        "&fl=weergavenaam%2Ccentroide_ll", 3)]
    assert response["Cache-Control"].startswith("max-age=0")


def test_no_match_says_so(partner_client, pdok):
    pdok.answer = json.dumps({"response": {"numFound": 0, "docs": []}}).encode()
    response = partner_client.get(URL, {"q": "Nergensstraat 1"})
    assert response.json() == {"results": [], "message": (
        "Geen adres gevonden. Kijk of de straat, het huisnummer en de postcode kloppen.")}


@pytest.mark.parametrize("failure", [
    TimeoutError("timed out"),
    URLError(TimeoutError("timed out")),
    URLError(ConnectionRefusedError(111, "Connection refused")),
    HTTPError("https://pdok.test/free", 503, "Service Unavailable", {}, None),
], ids=["timeout", "urlerror-timeout", "refused", "http-503"])
def test_an_unreachable_service_gives_an_empty_list_and_a_message(partner_client, pdok,
                                                                  caplog, failure):
    pdok.answer = failure
    with caplog.at_level(logging.WARNING, logger="locations.geocoding"):
        response = partner_client.get(URL, {"q": "Hengelolaan 12"})

    assert response.status_code == 200
    assert response.json() == {"results": [], "message": UNAVAILABLE}
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].getMessage().startswith("Address search failed: ")


@pytest.mark.parametrize("body", [
    b"<html>Bad gateway</html>",
    b'{"response": {"docs": [{"weergavenaam": "X"}]}}',
    b'{"response": {"docs": [{"weergavenaam": "X", "centroide_ll": "POINT(a b)"}]}}',
    b'{"response": null}',
    b"[]",
    b"\xff\xfe",
], ids=["html", "no-point", "bad-point", "null", "list", "not-utf8"])
def test_a_nonsense_answer_gives_an_empty_list_and_a_message(partner_client, pdok, body):
    pdok.answer = body
    response = partner_client.get(URL, {"q": "Hengelolaan 12"})
    assert response.status_code == 200
    assert response.json() == {"results": [], "message": UNAVAILABLE}


@pytest.mark.parametrize("query", ["", "ab", " \x00a\x01 ", "x" * 201])
def test_a_too_short_or_too_long_query_is_not_sent(partner_client, pdok, query):
    response = partner_client.get(URL, {"q": query})
    assert response.json() == {"results": [], "message": (
        "Vul eerst de straat, het huisnummer en de postcode in.")}
    assert pdok.calls == []


def test_control_characters_are_removed_before_the_query_is_sent(partner_client, pdok):
    partner_client.get(URL, {"q": "Hengelolaan\x00 12\n\t2545AB"})
    assert pdok.calls[0][0].startswith("https://pdok.test/free?q=Hengelolaan+12+2545AB&")


def test_an_empty_setting_turns_the_search_off(partner_client, pdok, settings):
    settings.GEOCODER_URL = ""
    response = partner_client.get(URL, {"q": "Hengelolaan 12"})
    assert response.json() == {"results": [], "message": (
        "Zoeken op adres staat uit. Vul de coördinaten zelf in.")}
    assert pdok.calls == []


def test_anonymous_visitors_are_sent_to_the_login(client, pdok):
    response = client.get(URL, {"q": "Hengelolaan 12"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert pdok.calls == []


def test_the_place_form_carries_the_search_only_when_it_is_on(partner, settings):
    settings.GEOCODER_URL = "https://pdok.test/free"
    form = PlaceForm(user=partner)
    assert form.fields["latitude"].widget.attrs["data-address-search"] == URL
    assert form.media._js == ["vendor/leaflet/leaflet.js", "js/place-location.js"]
    assert form.fields["longitude"].widget.attrs["data-location-map"] == settings.MAP_TILE_URL
    settings.GEOCODER_URL = ""
    assert "data-address-search" not in PlaceForm(user=partner).fields["latitude"].widget.attrs
