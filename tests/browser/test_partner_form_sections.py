"""The partner place form in sections, in Chromium: on a phone (390 px) the sections after the
first are closed on the first visit and visited in steps, links into a closed section open it
and move the focus there, and what was typed in a closed section is sent; on a desktop
(1280 px) everything is open. The context's checks fail a test on any Content Security Policy
violation."""

import pytest

from tests.browser.helpers import (
    assert_focus_visible,
    assert_no_axe_violations,
    document_widths,
    tab_to,
)
from tests.browser.test_partner_flow import log_in, partner_site, url  # noqa: F401 (fixture)
from zuidwest import review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

expect = pytest.importorskip("playwright.sync_api").expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SECTIONS = ["onderdeel-over-de-plek", "onderdeel-adres", "onderdeel-contact", "onderdeel-foto",
            "lijst-opening_hours", "lijst-special_hours"]


def open_sections(page):
    return page.evaluate(
        "() => [...document.querySelectorAll('details.partner-section')]"
        ".filter(d => d.open).map(d => d.id)")


def place_form(new_context, live_server, partner_site, **options):  # noqa: F811
    page = new_context(**options).new_page()
    log_in(page, live_server, "fatima@zuidwest.example")
    page.wait_for_url(url(live_server, "partner:dashboard"))
    page.goto(url(live_server, "partner:place_edit", pk=partner_site["place"].pk))
    return page


def summary(page, anchor):
    return page.locator(f"#{anchor} > summary")


def save_concept(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan als concept").last.click()


def test_on_a_phone_the_sections_are_steps(new_context, live_server, partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site, **PHONE)

    assert open_sections(page) == SECTIONS[:1]
    expect(summary(page, "onderdeel-adres")).to_contain_text("Stap 2 van 6")
    expect(page.get_by_role("navigation", name="Op deze pagina").get_by_role("link")).to_have_text(
        ["Over de plek", "Adres", "Contact", "Foto", "Openingstijden",
         "Sluitingen en andere tijden"])
    # A closed list says what is in it.
    expect(summary(page, "lijst-opening_hours")).to_contain_text("1 rij")
    assert_no_axe_violations(page)

    # "Volgende onderdeel" opens the next section, closes this one and focuses the summary.
    # With the keyboard, so the focus ring shows (a mouse click would not show it).
    page.get_by_role("button", name="Volgende onderdeel: Adres").focus()
    page.keyboard.press("Enter")
    expect(summary(page, "onderdeel-adres")).to_be_focused()
    assert_focus_visible(page)
    assert open_sections(page) == ["onderdeel-adres"]
    expect(page.locator("#id_street")).to_be_visible()
    # The map under the coordinates is there at full width once its section is open.
    expect(page.locator(".place-location__map")).to_be_visible()
    assert page.locator(".place-location__map").bounding_box()["width"] > 300
    # The last section has no "next".
    expect(page.locator("#lijst-special_hours .partner-section__next")).to_have_count(0)

    # The keyboard alone: Enter and Space on a summary open and close its section.
    summary(page, "onderdeel-contact").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_phone")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator("#id_phone")).to_be_hidden()
    tab_to(page, "e => e.matches('#onderdeel-foto > summary')", limit=5)
    page.keyboard.press("Space")
    expect(page.locator("#id_image_alt")).to_be_visible()
    assert_no_axe_violations(page)

    # A link in "Op deze pagina" opens a closed section and focuses its summary.
    page.get_by_role("navigation", name="Op deze pagina").get_by_role(
        "link", name="Sluitingen en andere tijden").click()
    expect(summary(page, "lijst-special_hours")).to_be_focused()
    assert "lijst-special_hours" in open_sections(page)


def test_what_is_typed_in_a_closed_section_is_sent_and_an_error_link_opens_its_section(
        new_context, live_server, partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site, **PHONE)

    # Contact: open it, type, close it again; then an error in the first section.
    summary(page, "onderdeel-contact").click()
    page.locator("#id_phone").fill("070 999 88 77")
    page.locator("#id_email").fill("geen-adres")
    summary(page, "onderdeel-contact").click()
    expect(page.locator("#id_phone")).to_be_hidden()
    page.locator("#id_name").fill("")
    save_concept(page)

    # Sent and kept; the sections with an error are open and say so.
    expect(page.locator(".portal-error-summary")).to_be_visible()
    assert {"onderdeel-over-de-plek", "onderdeel-contact"} <= set(open_sections(page))
    expect(summary(page, "onderdeel-contact")).to_contain_text("bevat een fout")
    expect(page.locator("#id_phone")).to_have_value("070 999 88 77")
    assert_no_axe_violations(page)

    # The partner closes the section; the error summary's link opens it and focuses the field.
    summary(page, "onderdeel-contact").click()
    expect(page.locator("#id_email")).to_be_hidden()
    page.locator("main").focus()  # from the top of the page, as after the page opens
    tab_to(page, "e => e.getAttribute('href') === '#id_email'", limit=20)
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    assert_focus_visible(page)

    # Corrected and saved: the closed section's fields are in the version.
    page.locator("#id_email").fill("info@delinde.example")
    summary(page, "onderdeel-contact").click()
    page.locator("#id_name").fill("Buurtkamer De Linde")
    save_concept(page)
    page.wait_for_url(url(live_server, "partner:dashboard"))
    fields = review.latest_revision(partner_site["place"]).data["fields"]
    assert (fields["phone"], fields["email"]) == ("070 999 88 77", "info@delinde.example")


def test_adding_a_row_returns_to_the_new_row_in_its_open_section(
        new_context, live_server, partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site, **PHONE)
    page.get_by_role("navigation", name="Op deze pagina").get_by_role(
        "link", name="Openingstijden").click()
    page.locator("#id_opening_hours-0-closes").fill("16:30")
    with page.expect_navigation():
        page.get_by_role("button", name="Nog een openingstijd toevoegen").click()

    assert page.url.endswith("#rij-opening_hours-3")
    assert "lijst-opening_hours" in open_sections(page)
    expect(page.locator("#rij-opening_hours-3")).to_be_in_viewport()
    expect(page.locator("#id_opening_hours-0-closes")).to_have_value("16:30")
    # The next Tab lands in the new row.
    page.keyboard.press("Tab")
    expect(page.locator("#id_opening_hours-2-weekday")).to_be_focused()
    assert_no_axe_violations(page)


def test_on_a_desktop_every_section_is_open_without_steps(
        new_context, live_server, partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site, **DESKTOP)

    assert open_sections(page) == SECTIONS
    expect(page.locator(".partner-section__step")).to_have_count(0)
    expect(page.locator(".partner-section__next")).to_have_count(0)
    # "1 rij" shows only while the list is closed.
    expect(page.locator("#lijst-opening_hours .partner-section__status")).to_be_hidden()
    assert_no_axe_violations(page)


def test_without_javascript_every_section_is_open_on_a_phone(
        new_context, live_server, partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site, java_script_enabled=False,
                      **PHONE)
    assert page.locator("details.partner-section[open]").count() == len(SECTIONS)
    expect(page.locator(".partner-section__step")).to_have_count(0)


def test_the_place_form_reflows_at_320_css_pixels(new_context, live_server,
                                                  partner_site):  # noqa: F811
    page = place_form(new_context, live_server, partner_site,
                      viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)

    def widths():
        return document_widths(page)

    assert widths()["scroll"] <= widths()["client"] == 320
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert widths()["scroll"] <= widths()["client"] == 320
