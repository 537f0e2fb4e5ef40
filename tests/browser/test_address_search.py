"""The place form's "Zoek de plek bij dit adres" and map in Chromium: the partner's address goes
to the portal's own endpoint, the PDOK request behind it is replaced in this process (the live
server runs here), and choosing a result or clicking the map fills the coordinates. The
context's checks fail the test on any request to another host or any Content Security Policy
violation."""

import time
from decimal import Decimal

import pytest

from locations import geocoding
from tests.browser.helpers import assert_no_axe_violations
from tests.browser.test_partner_flow import log_in, partner_site, url  # noqa: F401 (fixture)
from zuidwest import review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

MATCHES = [
    geocoding.Match("Hengelolaan 12, 2545AB 's-Gravenhage", Decimal("52.041235"),
                    Decimal("4.265123")),
    geocoding.Match("Hengelolaan 12A, 2545AB 's-Gravenhage", Decimal("52.041300"),
                    Decimal("4.265200")),
]


@pytest.fixture
def searched(monkeypatch, settings):
    """The queries the endpoint sent to the (replaced) Locatieserver; `searched.result` is the
    list of matches to answer or the exception to raise."""
    settings.GEOCODER_URL = "https://pdok.test/free"
    queries = []

    def fake_search(query):
        queries.append(query)
        if isinstance(searched.result, Exception):
            raise searched.result
        return searched.result

    searched.result = MATCHES
    searched.queries = queries
    monkeypatch.setattr(geocoding, "search_address", fake_search)
    return searched


@pytest.fixture
def place_form(new_context, live_server, partner_site):  # noqa: F811
    page = new_context().new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    page.goto(url(live_server, "partner:place_edit", pk=partner_site["place"].pk))
    page.locator("#id_street").fill("Hengelolaan")
    page.locator("#id_house_number").fill("12")
    page.locator("#id_postcode").fill("2545 AB")
    page.locator("#id_city").fill("Den Haag")
    return page


def test_choosing_an_address_fills_the_coordinates(place_form, searched, partner_site):  # noqa: F811
    page, place = place_form, partner_site["place"]
    page.get_by_role("button", name="Zoek de plek bij dit adres").click()

    status = page.get_by_role("status").filter(has_text="Kies het juiste adres")
    expect(status).to_have_text("Kies het juiste adres. De coördinaten worden dan ingevuld.")
    expect(status).to_have_attribute("aria-live", "polite")
    choices = page.locator(".place-location__results button")
    expect(choices).to_have_text([match.label for match in MATCHES])
    assert searched.queries == ["Hengelolaan 12, 2545 AB, Den Haag"]
    assert_no_axe_violations(page)

    choices.nth(1).click()
    expect(page.locator("#id_latitude")).to_have_value("52.041300")
    expect(page.locator("#id_longitude")).to_have_value("4.265200")
    expect(page.locator(".place-location__status")).to_have_text(
        "De coördinaten van Hengelolaan 12A, 2545AB 's-Gravenhage zijn ingevuld.")
    expect(choices).to_have_count(0)

    # The chosen coordinates are saved like typed ones.
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan als concept").last.click()
    fields = review.latest_revision(place).data["fields"]
    assert (fields["latitude"], fields["longitude"]) == ("52.041300", "4.265200")


def test_when_pdok_cannot_be_reached_the_partner_is_told_and_the_fields_stay(place_form,
                                                                             searched):
    page = place_form
    searched.result = geocoding.GeocoderUnavailable("timed out")
    latitude = page.locator("#id_latitude").input_value()
    page.get_by_role("button", name="Zoek de plek bij dit adres").click()

    expect(page.locator(".place-location__status")).to_have_text(
        "Zoeken op adres lukt nu niet. Vul de coördinaten zelf in, of probeer het later "
        "opnieuw.")
    expect(page.locator(".place-location__results button")).to_have_count(0)
    expect(page.locator("#id_latitude")).to_have_value(latitude)


def test_without_javascript_there_is_no_button_and_the_fields_can_be_typed(
        new_context, live_server, partner_site, searched):  # noqa: F811
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.goto(url(live_server, "partner:place_edit", pk=partner_site["place"].pk))
    expect(page.locator("#id_latitude")).to_be_editable()
    expect(page.get_by_text("houd je vinger of muis op de plek in een kaart-app")).to_be_visible()
    expect(page.get_by_role("button", name="Zoek de plek bij dit adres")).to_have_count(0)


MARKER_FROM_CENTRE = """(map) => {
    const frame = map.getBoundingClientRect();
    const icon = map.querySelector(".leaflet-marker-icon").getBoundingClientRect();
    // The icon's tip is its bottom middle (25 x 41 pixels, anchor 12, 41).
    return [icon.x + 12 - (frame.x + frame.width / 2), icon.y + 41 - (frame.y + frame.height / 2)];
}"""


def assert_marker_at(page, right=0, down=0, timeout=5.0, within=1.5):
    """The map's marker stands `right` and `down` pixels from the middle of the map, give or take
    the pixel Leaflet rounds positions to (plus the half pixel of a map that starts between two
    pixels). Both boxes are measured in one go in the page, so a scroll in between cannot skew
    them; the check is repeated for up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        offset = page.locator(".place-location__map").evaluate(MARKER_FROM_CENTRE)
        if abs(offset[0] - right) <= within and abs(offset[1] - down) <= within:
            return
        assert time.monotonic() < deadline, (offset, (right, down))
        page.wait_for_timeout(100)


def test_clicking_the_map_sets_the_coordinates_and_the_marker_follows(place_form, searched):
    page = place_form
    expect(page.get_by_text("Of kies de plek op de kaart: de coördinaten worden dan "
                            "ingevuld.")).to_be_visible()
    frame = page.get_by_role("region", name="Kaart: kies de plek om de coördinaten in te "
                                            "vullen")
    expect(frame).to_be_visible()
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    # The marker stands on the place's stored coordinates, in the middle of the map.
    assert_marker_at(page)
    before = (page.locator("#id_latitude").input_value(),
              page.locator("#id_longitude").input_value())

    # A click north-west of the middle: a place further north and further west, and the marker
    # stands where the partner clicked.
    frame.click(position={"x": box["width"] / 2 - 60, "y": box["height"] / 2 - 40})
    expect(page.locator(".place-location__status")).to_have_text(
        "De coördinaten van de plek op de kaart zijn ingevuld.")
    after = (page.locator("#id_latitude").input_value(),
             page.locator("#id_longitude").input_value())
    assert all(len(value.split(".")[1]) == 6 for value in after), after
    assert Decimal(after[0]) > Decimal(before[0]) and Decimal(after[1]) < Decimal(before[1])
    assert_marker_at(page, right=-60, down=-40)
    assert_no_axe_violations(page)


def test_choosing_an_address_moves_the_map_to_it(place_form, searched):
    page = place_form
    page.get_by_role("button", name="Zoek de plek bij dit adres").click()
    page.locator(".place-location__results button").first.click()
    # The map has moved to the chosen address at once (no pan animation, which could be cut
    # short and leave the map beside the marker): the marker stands in the middle.
    assert_marker_at(page, timeout=0.5)
