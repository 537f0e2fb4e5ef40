"""WCAG 1.4.4: with the text at 200% (as a browser's text-only zoom or a larger default font
does) every page still fits its window: nothing is cut off or pushed out sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A desktop window, and the same window at 200% browser zoom (1280 / 2 CSS pixels wide).
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
HALF = {"viewport": {"width": 640, "height": 400}}

PATHS = ["/", "/plekken/", "/plekken/kaart/", "/agenda/week/", "/wijken/", "/wijken/moerwijk/",
         "/werk-en-leren/", "/initiatieven/", "/geld/", "/alliantieraad/",
         "/toegankelijkheid/", "/contact/", "/partner/inloggen/"]


@pytest.mark.parametrize("device", [DESKTOP, HALF], ids=["1280px", "640px"])
@pytest.mark.parametrize("path", PATHS)
def test_pages_fit_with_text_at_200_percent(new_context, site_data, live_server, path, device):
    page = new_context(**device).new_page()
    page.goto(live_server.url + path)
    # Text sizes are in rem, so doubling the root font size doubles all text, as a larger
    # default font in the browser settings does.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    sizes = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth,"
        " font: parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)})"
    )
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))"""
    )
    assert sizes["font"] >= 32, f"the text did not grow: {sizes['font']} px"
    assert sizes["scroll"] <= sizes["client"], f"wider than the window: {too_wide}"
