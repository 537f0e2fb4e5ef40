"""The map of places: Leaflet enhances the page when JavaScript runs; without it the list of
places is all there. Map tiles (PDOK) are aborted, so no network is needed."""

import re

import pytest

from tests.browser.helpers import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect


def place_count():
    from locations.models import Place

    return Place.objects.count()


def test_map_draws_focusable_markers(new_context, site_data, live_server):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + "/plekken/kaart/")

    expect(page.locator(".leaflet-container")).to_have_count(1)
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(place_count())

    tab_to(page, "e => e.classList.contains('leaflet-marker-icon')", limit=120)
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_visible()
    expect(popup_link).to_have_attribute("href", re.compile(r"/plekken/[\w-]+/$"))
    # Only the tiles may go elsewhere, and they were asked of PDOK (then aborted).
    assert context.request_log.tile_requests > 0


def test_map_page_lists_every_place_without_javascript(new_context, site_data, live_server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/plekken/kaart/")

    expect(page.locator(".leaflet-container")).to_have_count(0)
    cards = page.locator(".place-card")
    expect(cards).to_have_count(place_count())
    place_link = re.compile(r"^/plekken/[\w-]+/$")
    expect(cards.first.locator(".card__link")).to_have_attribute("href", place_link)
