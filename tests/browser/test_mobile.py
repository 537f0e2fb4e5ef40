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
