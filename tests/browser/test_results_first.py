"""Results first: after a filter the page opens at what was found (#resultaten, the count as
its heading); on a phone the filter form is folded under "Filters aanpassen" right below the
count, on a desktop it shows open."""

import pytest

from tests.browser.helpers import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def assert_opens_at_the_results(page, count_text):
    assert page.url.endswith("#resultaten"), page.url
    heading = page.locator("#resultaten")
    assert heading.evaluate("(element) => element.tagName") == "H2"
    assert count_text in heading.inner_text()
    top = heading.evaluate("(element) => element.getBoundingClientRect().top")
    assert -2 <= top < 100, f"the results start {top} px down"


def filter_places(page, live_server):
    page.goto(live_server.url + "/plekken/")
    page.get_by_label("Wijk").select_option(label="Moerwijk")
    page.get_by_role("button", name="Toon plekken").click()
    page.wait_for_load_state()


def test_on_a_phone_the_place_filter_opens_at_the_results_with_the_form_folded(
        new_context, site_data, live_server):
    page = new_context(**PHONE).new_page()
    filter_places(page, live_server)
    assert_opens_at_the_results(page, "gevonden")
    summary = page.locator("summary", has_text="Filters aanpassen")
    assert summary.is_visible()
    assert summary.evaluate("(element) => element.getBoundingClientRect().top") < 844
    assert not page.get_by_role("button", name="Toon plekken").is_visible()
    summary.click()
    assert page.get_by_role("button", name="Toon plekken").is_visible()
    assert_no_axe_violations(page)


def test_on_a_desktop_the_folded_form_shows_open(new_context, site_data, live_server):
    page = new_context(**DESKTOP).new_page()
    filter_places(page, live_server)
    assert_opens_at_the_results(page, "gevonden")
    assert not page.locator("summary", has_text="Filters aanpassen").is_visible()
    assert page.get_by_role("button", name="Toon plekken").is_visible()


def test_the_finders_answer_and_an_agenda_filter_open_at_the_results(
        new_context, site_data, live_server):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + "/werk-en-leren/vragen/1/")
    page.get_by_label("Hoe oud ben je?").fill("19")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Een vak leren").check()
    page.get_by_role("button", name="Laat zien wat past").click()
    page.wait_for_load_state()
    assert_opens_at_the_results(page, "gevonden")

    page.goto(live_server.url + "/agenda/week/")
    page.get_by_label("Voor wie").select_option(value="kinderen")
    page.get_by_role("button", name="Toon activiteiten").click()
    page.wait_for_load_state()
    assert_opens_at_the_results(page, "deze week")
    assert page.get_by_role("heading", name="Voor kinderen").is_visible()
