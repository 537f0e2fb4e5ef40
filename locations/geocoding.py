"""Finding coordinates from an address for the partner place form, with the national PDOK
Locatieserver (settings.GEOCODER_URL). The partner area asks it through the server, so the
browser's Content Security Policy stays `connect-src 'self'`, and a failure of the service is
an empty answer with a message: the partner then types the coordinates as before."""

import json
import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from http.client import HTTPException
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _

from zuidwest.partner.views import PartnerView

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3
MAX_RESULTS = 5
MIN_QUERY, MAX_QUERY = 3, 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# centroide_ll is WKT in WGS84: "POINT(4.27 52.04)", longitude first.
POINT = re.compile(r"^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$")


class GeocoderUnavailable(Exception):
    """The service could not be reached, was too slow or answered something unusable."""


@dataclass(frozen=True)
class Match:
    label: str
    latitude: Decimal
    longitude: Decimal

    def as_json(self):
        return {"label": self.label, "latitude": str(self.latitude),
                "longitude": str(self.longitude)}


def clean_query(text):
    """The search text without control characters and extra spaces, or None when it is too
    short or too long to search for."""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())
    return text if MIN_QUERY <= len(text) <= MAX_QUERY else None


def fetch(query):
    """The Locatieserver's answer to a free search for addresses, as parsed JSON."""
    params = urlencode({"q": query, "fq": "type:adres", "rows": MAX_RESULTS,
                        "fl": "weergavenaam,centroide_ll"})
    request = Request(f"{settings.GEOCODER_URL}?{params}",
                      headers={"Accept": "application/json"})
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (a setting)
            return json.loads(response.read(1_000_000))
    except (URLError, HTTPException, TimeoutError, OSError, ValueError) as error:
        # URLError covers HTTP errors; ValueError covers bad JSON and bad UTF-8.
        raise GeocoderUnavailable(str(error)) from error


def parse(answer):
    """The matches in a Locatieserver answer; GeocoderUnavailable when it has not its shape."""
    try:
        docs = answer["response"]["docs"]
        matches = []
        for doc in docs[:MAX_RESULTS]:
            point = POINT.match(doc["centroide_ll"])
            if point is None:
                raise ValueError(f"not a point: {doc['centroide_ll']!r}")
            longitude, latitude = (Decimal(value).quantize(Decimal("0.000001"))
                                   for value in point.groups())
            matches.append(Match(str(doc["weergavenaam"])[:MAX_QUERY], latitude, longitude))
        return matches
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise GeocoderUnavailable(f"unexpected answer: {error}") from error


def search_address(query):
    return parse(fetch(query))


def address_search_response(request):
    """GET ?q=<address>: JSON {"results": [{label, latitude, longitude}], "message": ""}.
    Always 200: a failure is an empty list with a message the form shows. Also used by the
    residents' idea form (ideas.views)."""
    query = clean_query(request.GET.get("q", ""))
    if query is None:
        return _answer([], _("Vul eerst de straat, het huisnummer en de postcode in."))
    if not settings.GEOCODER_URL:
        return _answer([], _("Zoeken op adres staat uit. Vul de coördinaten zelf in."))
    try:
        matches = search_address(query)
    except GeocoderUnavailable as error:
        logger.warning("Address search failed: %s", error)
        return _answer([], _("Zoeken op adres lukt nu niet. Vul de coördinaten zelf "
                             "in, of probeer het later opnieuw."))
    if not matches:
        return _answer([], _("Geen adres gevonden. Kijk of de straat, het huisnummer "
                             "en de postcode kloppen."))
    return _answer(matches, "")


def _answer(matches, message):
    return JsonResponse({"results": [match.as_json() for match in matches],
                         "message": message})


class AddressSearchView(PartnerView):
    http_method_names = ["get"]

    def get(self, request):
        return address_search_response(request)


def partner_patterns():
    return [path("plekken/adres-zoeken/", AddressSearchView.as_view(),
                 name="place_address_search")]
