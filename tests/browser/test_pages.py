"""Every public page: WCAG 2.1 AA by axe, one h1, a language, and a skip link that works."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.helpers import assert_focus_visible, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def first(model_path):
    from django.apps import apps

    app_label, model_name = model_path.split(".")
    return apps.get_model(app_label, model_name).objects.order_by("pk").first()


def english_home():
    with translation.override("en"):
        return reverse("site:home")


# Resolved inside the test, once the fixtures are loaded.
PAGES = {
    "home": lambda: reverse("site:home"),
    "about": lambda: reverse("site:about"),
    "accessibility": lambda: reverse("site:accessibility"),
    "privacy": lambda: reverse("site:privacy"),
    "contact": lambda: reverse("site:contact"),
    "contact-feedback": lambda: (
        reverse("site:contact") + "?pagina=/plekken/%3Fneighbourhood%3Dmoerwijk"
    ),
    "search-found": lambda: reverse("site:search") + "?q=buurtkamer",
    "search-nothing": lambda: reverse("site:search") + "?q=zzzz",
    "alliance-list": lambda: reverse("alliances:alliance_list"),
    "alliance-detail": lambda: first("alliances.Alliance").get_absolute_url(),
    "organisation-detail": lambda: first("alliances.Organisation").get_absolute_url(),
    "initiative-list": lambda: reverse("initiatives:initiative_list"),
    "initiative-list-filtered": lambda: (
        reverse("initiatives:initiative_list") + "?spearhead=sociaal-weefsel&neighbourhood=moerwijk"
    ),
    "initiative-detail": lambda: first("initiatives.Initiative").get_absolute_url(),
    "funding": lambda: reverse("funding:overview"),
    "funding-moerwijk-2025": lambda: (
        reverse("funding:overview") + "?neighbourhood=moerwijk&year=2025&order=besteed"
    ),
    "progress": lambda: reverse("progress:overview"),
    "opportunity-list": lambda: reverse("work:opportunity_list"),
    "opportunity-list-filtered": lambda: (
        reverse("work:opportunity_list") + "?kind=leerwerkplek&age=19&no_diploma=on"
    ),
    "opportunity-list-bad-filters": lambda: (
        reverse("work:opportunity_list") + "?age=-3&kind=nope"
    ),
    "opportunity-detail": lambda: first("work.Opportunity").get_absolute_url(),
    "opportunity-closed": lambda: reverse(
        "work:opportunity_detail", kwargs={"slug": "startersprogramma-ondernemers-zuidwest"}
    ),
    "finder-age": lambda: reverse("work:opportunity_finder", kwargs={"step": 1}),
    "finder-age-wrong": lambda: (
        reverse("work:opportunity_finder", kwargs={"step": 1}) + "?age=oud&verder=1"
    ),
    "finder-wish": lambda: (
        reverse("work:opportunity_finder", kwargs={"step": 3}) + "?age=19&diploma=nee"
    ),
    "place-list": lambda: reverse("locations:place_list"),
    "place-detail": lambda: first("locations.Place").get_absolute_url(),
    "map": lambda: reverse("locations:map"),
    "neighbourhood-list": lambda: reverse("locations:neighbourhood_list"),
    "neighbourhood-detail": lambda: reverse(
        "locations:neighbourhood_detail", kwargs={"slug": "moerwijk"}),
    "agenda-today": lambda: reverse("locations:agenda_today"),
    "agenda-week": lambda: reverse("locations:agenda_week"),
    "activity-detail": lambda: reverse(
        "locations:activity_detail", kwargs={"slug": first("locations.Activity").slug}
    ),
    "home-english": english_home,
    # The open data page and the API documentation (rendered from the OpenAPI document).
    "open-data": lambda: reverse("opendata:open_data"),
    "api-docs": lambda: reverse("api:docs"),
}


def open_page(page, live_server, name):
    path = PAGES[name]()
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok, (
        f"{name}: GET {path} answered {response.status if response else 'nothing'}"
    )
    if page.locator("[data-place-map]").count():
        # Check the map as a visitor meets it: drawn, with its markers (map.js fetches them).
        page.locator(".leaflet-marker-icon").first.wait_for()
    return path


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(page, live_server, name):
    open_page(page, live_server, name)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_one_h1_and_a_language(page, live_server, name):
    open_page(page, live_server, name)
    assert page.locator("h1").count() == 1, page.locator("h1").all_inner_texts()
    language = page.locator("html").get_attribute("lang")
    assert language, "<html> has no lang"
    expected = "en" if name == "home-english" else "nl"
    assert language == expected


@pytest.mark.parametrize("name", PAGES)
def test_skip_link_is_first_and_moves_focus_to_main(page, live_server, name):
    open_page(page, live_server, name)

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("href") == "#inhoud", skip_link.evaluate("e => e.outerHTML")
    assert skip_link.is_visible(), "the skip link stays hidden when it has focus"
    assert_focus_visible(page)

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'inhoud'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
