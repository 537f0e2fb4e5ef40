"""Tables on a phone: no table scrolls sideways at 390 px; each row reads as a block with
every cell after its column's name. On a desktop they stay tables, and screen readers get a
real table (rows, column headers, cells) at any width."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PUBLIC_PAGES = ["/geld/", "/geld/?order=besteed", "/voortgang/",
                "/initiatieven/buurtkamer-de-vier-windstreken/",
                "/initiatieven/leerwerkplaats-het-gereedschap/",
                "/plekken/buurthuis-het-middelpunt/"]

TABLES_JS = """
() => [...document.querySelectorAll(".portal-table-scroll")].map((region) => {
  const table = region.querySelector("table");
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const cells = [...table.querySelectorAll("tbody td")].map((td) => ({
    label: td.dataset.label || "",
    shown: getComputedStyle(td, "::before").content,
    display: getComputedStyle(td).display,
  }));
  return {
    name: region.getAttribute("aria-labelledby"), headers, cells,
    scrolls: region.scrollWidth > region.clientWidth + 1,
    right: region.getBoundingClientRect().right,
  };
})
"""


def sign_in_as_partner(page, live_server):
    from django.urls import reverse

    from locations.models import Place
    from tests.factories import PARTNER_PASSWORD, partner_user

    place = Place.objects.get(slug="buurthuis-het-middelpunt")
    partner_user(place.managing_organisation, email="editor@zuidwest.example",
                 username="editor@zuidwest.example")
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill("editor@zuidwest.example")
    page.get_by_label("Wachtwoord").fill(PARTNER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + reverse("partner:dashboard"))


def check_phone_tables(page, path):
    tables = page.evaluate(TABLES_JS)
    assert tables, f"no table on {path}"
    for table in tables:
        assert not table["scrolls"], f"{path}: table {table['name']} scrolls sideways"
        assert table["right"] <= 390
        for cell in table["cells"]:
            if table["name"] == "tijden-kop":  # two short columns: stays a table
                continue
            assert cell["display"] != "table-cell", f"{path}: {table['name']} is not stacked"
            if cell["label"]:
                assert cell["shown"] == f'"{cell["label"]}"', (path, table["name"], cell)
                assert cell["label"] in table["headers"] or any(
                    header.startswith(cell["label"]) for header in table["headers"])
    widths = page.evaluate("[document.documentElement.scrollWidth,"
                           " document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{path} is wider than the phone"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_table_scrolls_sideways_on_a_phone(new_context, site_data, live_server, path):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + path)
    check_phone_tables(page, path)
    # Still a table for a screen reader: its rows, column headers and labelled cells.
    snapshot = page.locator(".portal-table-scroll table").first.aria_snapshot()
    assert "- table" in snapshot and "- row" in snapshot and "- cell" in snapshot, snapshot
    assert "- columnheader" in snapshot, snapshot


def test_the_partner_dashboard_shows_every_column_on_a_phone(new_context, site_data, live_server):
    page = new_context(**PHONE).new_page()
    sign_in_as_partner(page, live_server)
    check_phone_tables(page, "/partner/")
    action = page.get_by_role("link", name="Bewerken").first
    assert action.is_visible()
    box = action.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390


@pytest.mark.parametrize("path", ["/geld/", "/initiatieven/buurtkamer-de-vier-windstreken/"])
def test_tables_stay_tables_on_a_desktop(new_context, site_data, live_server, path):
    page = new_context(**DESKTOP).new_page()
    page.goto(live_server.url + path)
    for table in page.evaluate(TABLES_JS):
        assert not table["scrolls"], table["name"]
        assert {cell["display"] for cell in table["cells"]} == {"table-cell"}, table["name"]
        assert {cell["shown"] for cell in table["cells"]} <= {"none", "normal"}
