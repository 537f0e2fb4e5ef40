"""The main menu: a row of links on a desktop; on a phone folded behind "Menu", which opens with
the keyboard and shows where you are. Either way the page has one main menu for assistive
technology."""

import pytest

from tests.browser.helpers import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect


def main_menu(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def test_on_a_phone_the_menu_opens_with_the_keyboard_and_names_the_current_page(
    new_context, site_data, live_server
):
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(live_server.url + "/plekken/")
    expect(main_menu(page)).to_have_count(0)  # folded: no links in the way of the page
    button = page.locator("summary.portal-menu__button")
    expect(button).to_have_text("Menu: Plekken")
    title_top = page.locator("h1").bounding_box()["y"]
    assert title_top < 300, "the page's title is in sight on a phone"

    tab_to(page, "e => e.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    expect(main_menu(page)).to_have_count(1)
    expect(main_menu(page).get_by_role("link", name="Agenda")).to_be_visible()
    tab_to(page, "e => e.textContent.trim() === 'Agenda'")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/agenda/")
    expect(page.locator("summary.portal-menu__button")).to_have_text("Menu: Agenda")


def test_on_a_desktop_the_menu_is_a_row_of_links_without_a_button(
    new_context, site_data, live_server
):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(live_server.url + "/plekken/")
    expect(page.locator("summary.portal-menu__button")).to_be_hidden()
    expect(main_menu(page)).to_have_count(1)
    expect(main_menu(page).get_by_role("link", name="Plekken")).to_have_attribute(
        "aria-current", "page")
