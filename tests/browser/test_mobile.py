"""On a cheap phone (360 x 740 CSS pixels) the pages fit the width: no sideways scrolling."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


@pytest.mark.parametrize("path", ["/", "/plekken/"])
def test_page_fits_a_small_phone_without_sideways_scrolling(
    new_context, site_data, live_server, path
):
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + path)

    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
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
    "/contact/?pagina=/plekken/%3Fneighbourhood%3Dmoerwijk%26kind%3Dbuurtkamer%26open_now%3Don"])
def test_pages_reflow_at_320_css_pixels(new_context, site_data, live_server, path):
    # WCAG 1.4.10: content fits 320 CSS pixels without scrolling in two directions.
    page = new_context(**REFLOW).new_page()
    page.goto(live_server.url + path)
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["client"] == 320
    assert widths["scroll"] <= widths["client"]
