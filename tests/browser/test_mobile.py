"""On a cheap phone (360 x 740 CSS pixels) the pages fit the width: no sideways scrolling."""

import datetime
from pathlib import Path

import pytest

from tests.browser.helpers import document_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


@pytest.mark.parametrize("path", ["/", "/plekken/"])
def test_page_fits_a_small_phone_without_sideways_scrolling(
    new_context, site_data, live_server, path
):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + path)

    widths = document_widths(page)
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))"""
    )
    assert widths["client"] == 360
    assert widths["scroll"] <= widths["client"], f"wider than the screen: {too_wide}"


REFLOW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", [
    "/werk-en-leren/", "/werk-en-leren/leerwerkplek-in-de-wijkkeuken/",
    "/werk-en-leren/vragen/1/", "/werk-en-leren/vragen/3/?age=19&diploma=nee",
    # Tables with visually hidden texts in their cells once widened the page to 943 px.
    "/geld/", "/geld/?neighbourhood=moerwijk&order=besteed", "/voortgang/",
    "/initiatieven/leerwerkplaats-het-gereedschap/",
    "/wijken/", "/wijken/moerwijk/", "/toegankelijkheid/", "/contact/",
    "/contact/?pagina=/plekken/%3Fneighbourhood%3Dmoerwijk%26kind%3Dbuurtkamer%26open_now%3Don",
    # Long titles in cards once widened the column; code examples and tables on the open data
    # pages did too.
    "/", "/plekken/", "/agenda/", "/agenda/week/", "/initiatieven/", "/alliantieraad/",
    "/zoeken/?q=buurtkamer", "/open-data/", "/api/v1/docs", "/plekken/kaart/",
    # Residents' ideas: the list with its map and filters, an idea, the forms.
    "/ideeen/", "/ideeen/?status=answered", "/ideeen/nieuw/",
    "/ideeen/bankjes-langs-de-melis-stokelaan/",
    "/ideeen/bankjes-langs-de-melis-stokelaan/steunen/"])
def test_pages_reflow_at_320_css_pixels(new_context, site_data, live_server, path):
    # WCAG 1.4.10: content fits 320 CSS pixels without scrolling in two directions.
    page = new_context(**REFLOW).new_page()
    page.goto(live_server.url + path)
    widths = document_widths(page)
    assert widths["client"] == 320
    assert widths["scroll"] <= widths["client"]


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
DESKTOP = 1280
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)
SCREENSHOT_PAGES = {
    "home": "/", "plekken": "/plekken/", "plek": "/plekken/buurthuis-het-middelpunt/",
    "kaart": "/plekken/kaart/", "agenda": "/agenda/", "week": "/agenda/week/",
    "werk-en-leren": "/werk-en-leren/", "initiatieven": "/initiatieven/",
    "initiatief": "/initiatieven/buurtkamer-de-vier-windstreken/", "geld": "/geld/",
    "voortgang": "/voortgang/", "wijken": "/wijken/", "wijk": "/wijken/moerwijk/",
    "alliantieraad": "/alliantieraad/",
    "contact": "/contact/", "toegankelijkheid": "/toegankelijkheid/", "open-data": "/open-data/",
    "zoeken": "/zoeken/?q=buurtkamer", "dag": f"/agenda/{TOMORROW:%Y-%m-%d}/",
    "activiteit": "/activiteiten/koffieochtend-de-vier-windstreken/",
    "kans": "/werk-en-leren/leerwerkplek-in-de-wijkkeuken/",
    "organisaties": "/organisaties/", "organisatie": "/organisaties/roc-mondriaan/",
    "alliantie": "/alliantieraad/sociale-samenhang-participatie/",
    "over": "/over-de-regio-deal/", "privacy": "/privacy/",
}


def screenshot_pages(page, base_url, pages, width):
    """Save each page of {name: path} as a full-page screenshot; return the pages wider than
    the screen. Lazy pictures are scrolled to first, so the screenshot shows them."""
    folder = SCREENSHOTS / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in pages.items():
        assert page.goto(base_url + path).ok, path
        for image in page.locator("main img[loading=lazy]").all():
            image.scroll_into_view_if_needed()
            image.evaluate("(image) => image.decode()")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[path] = scroll
        if width >= DESKTOP:  # on a desktop no table needs its sideways scroll either
            tables = page.locator(".portal-table-scroll").evaluate_all(
                "(regions) => regions.filter((r) => r.scrollWidth > r.clientWidth + 1)"
                ".map((r) => r.getAttribute('aria-labelledby'))")
            if tables:
                too_wide[path + " (tables)"] = tables
    return too_wide


@pytest.mark.parametrize("width", [390, 1280])
def test_every_main_page_fits_a_phone_and_a_desktop_with_screenshots(
    new_context, demo_images, live_server, width
):
    """A phone (390) and a desktop (1280): no sideways scrolling. Each page is saved as a
    screenshot in test-results/screenshots/ (ignored by git) to look at after a change; the
    demo content has its illustrations, as after `make setup`."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    too_wide = screenshot_pages(page, live_server.url, SCREENSHOT_PAGES, width)
    assert not too_wide, too_wide


@pytest.mark.parametrize("width", [390, 1280])
def test_the_partner_pages_fit_a_phone_and_a_desktop_with_screenshots(
    new_context, demo_images, live_server, width
):
    """The partner dashboard and a place's edit form, signed in as an editor of the
    organisation that runs Buurthuis Het Middelpunt."""
    from django.urls import reverse

    from locations.models import Place
    from tests.factories import PARTNER_PASSWORD, partner_user

    place = Place.objects.get(slug="buurthuis-het-middelpunt")
    partner_user(place.managing_organisation, email="editor@zuidwest.example",
                 username="editor@zuidwest.example")
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill("editor@zuidwest.example")
    page.get_by_label("Wachtwoord").fill(PARTNER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + reverse("partner:dashboard"))

    too_wide = screenshot_pages(page, live_server.url, {
        "partner-dashboard": reverse("partner:dashboard"),
        "partner-formulier": reverse("partner:place_edit", kwargs={"pk": place.pk}),
        "partner-aanmeldingen": "/partner/aanmeldingen/",
        "partner-cijfers": "/partner/cijfers/",
        "partner-nieuw-initiatief": reverse("partner:initiative_create"),
    }, width)
    assert not too_wide, too_wide
