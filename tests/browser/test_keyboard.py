"""The main tasks, done with the keyboard alone (Tab, Enter, Space, typing; no mouse). Every stop
of the Tab key on the way must show where the focus is."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import assert_focus_visible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect


def query_of(url):
    return parse_qs(urlsplit(url).query)


def test_filter_places_by_neighbourhood_and_open_now(page, live_server):
    page.goto(live_server.url + "/plekken/")

    tab_to(page, "e => e.id === 'id_neighbourhood'")
    page.keyboard.type("Moerwijk")  # a closed <select> picks the option by typing its name
    expect(page.locator("#id_neighbourhood")).to_have_value("moerwijk")
    tab_to(page, "e => e.id === 'id_open_now'")
    page.keyboard.press("Space")
    expect(page.locator("#id_open_now")).to_be_checked()
    tab_to(page, "e => e.type === 'submit' && e.closest('form.place-filter')")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/plekken/\?.*neighbourhood=moerwijk"))
    query = query_of(page.url)
    assert query["neighbourhood"] == ["moerwijk"]
    assert query["open_now"] == ["on"]
    active = page.locator(".filter-disclosure__active")
    expect(active).to_contain_text("Moerwijk")
    expect(active).to_contain_text("Nu open")
    expect(page.locator("#id_neighbourhood")).to_have_value("moerwijk")
    expect(page.locator("#id_open_now")).to_be_checked()
    for card in page.locator(".place-card").all():
        expect(card.locator(".card__meta").first).to_contain_text("Moerwijk")


def test_open_a_place_from_the_list_and_get_its_calendar(page, live_server):
    page.goto(live_server.url + "/plekken/")
    first_place = page.locator(".place-card .card__link").first
    name = first_place.inner_text()

    tab_to(page, "e => e.classList.contains('card__link')")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/plekken/[\w-]+/$"))
    expect(page.locator("h1")).to_have_text(name)
    tab_to(page, "e => e.tagName === 'A' && e.getAttribute('href').endsWith('agenda.ics')")
    expect(page.locator(":focus")).to_contain_text("in je agenda")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    assert download.path().read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_filter_initiatives_by_spearhead(page, live_server):
    page.goto(live_server.url + "/initiatieven/")
    heading = page.locator("#resultaten")
    total = int(re.search(r"\d+", heading.inner_text()).group())

    tab_to(page, "e => e.id === 'id_spearhead'")
    page.keyboard.type("Perspectief")
    expect(page.locator("#id_spearhead")).to_have_value("perspectief-op-werk")
    tab_to(page, "e => e.type === 'submit' && e.closest('form.filter-form')")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"spearhead=perspectief-op-werk"))
    expect(page.locator("#id_spearhead")).to_have_value("perspectief-op-werk")
    filtered = int(re.search(r"\d+", heading.inner_text()).group())
    assert 0 < filtered < total


def test_search_with_a_typo(page, live_server):
    page.goto(live_server.url + "/zoeken/")

    tab_to(page, "e => e.id === 'zoekterm'")
    page.keyboard.type("buurtkamre")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/zoeken/\?q=buurtkamre"))
    expect(page.locator("#zoekterm")).to_have_value("buurtkamre")
    expect(page).to_have_title(re.compile("buurtkamre"))
    # PostgreSQL's trigram search forgives the typo; elsewhere the page must say what to do.
    results = page.locator("main .card-list li")
    if not results.count():
        expect(page.locator("main")).to_contain_text("Niets gevonden voor ‘buurtkamre’")
        expect(page.locator("main")).to_contain_text("goed gespeld")


def test_language_switch_keeps_the_page(page, live_server):
    page.goto(live_server.url + "/plekken/?neighbourhood=moerwijk")

    tab_to(page, "e => e.getAttribute('hreflang') === 'en'")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/en/plekken/?neighbourhood=moerwijk")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#id_neighbourhood")).to_have_value("moerwijk")

    tab_to(page, "e => e.getAttribute('hreflang') === 'nl'")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/plekken/?neighbourhood=moerwijk")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#id_neighbourhood")).to_have_value("moerwijk")


def test_focus_is_visible_on_every_stop_of_the_home_page(page, live_server):
    page.goto(live_server.url + "/")
    stops = page.locator("a[href], button, input, select, textarea, [tabindex='0']").count()
    for _ in range(stops):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        assert_focus_visible(page)
