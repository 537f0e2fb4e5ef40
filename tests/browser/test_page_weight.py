"""What a first visit costs a phone on a small data bundle: every response body of the page,
counted raw (as the test server sends it) and gzip-compressed (as production sends it)."""

import pytest

from tests.browser.helpers import transfer_sizes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024


def first_place_url():
    from locations.models import Place

    return Place.objects.order_by("pk").first().get_absolute_url()


# (page path, budget in KB as production sends it (gzip), budget in KB uncompressed). Today
# home and agenda weigh about 33 KB gzip / 273 KB raw, places 49 KB / 292 KB (with three card
# pictures of the demo data, 16 KB of WebP), a place page with its map and picture about
# 82 KB / 441 KB; most of the raw weight is the Utrecht component CSS (170 KB, only the
# components the portal uses: see its BUILD.md).
# A page that outgrows its budget should lose weight, rather than the budget grow.
BUDGETS = {
    "home": (lambda: "/", 60, 300),
    "place-list": (lambda: "/plekken/", 60, 300),
    "place-detail": (first_place_url, 120, 480),  # with Leaflet for the small map
    "agenda-today": (lambda: "/agenda/", 60, 300),
}


@pytest.mark.parametrize("name", BUDGETS)
def test_first_visit_stays_within_budget(new_context, demo_images, live_server, name):
    """With the demo illustrations, as after `make setup`: the pictures the cards and the place
    page load (the WebP rendition that fits) count too."""
    path_of, budget_kb, raw_budget_kb = BUDGETS[name]
    page = new_context().new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(live_server.url + path_of(), wait_until="load")
    if page.locator("[data-place-map]").count():
        page.locator(".leaflet-marker-icon").first.wait_for()

    sizes = transfer_sizes(responses)
    raw = sum(size for size, _ in sizes.values())
    compressed = sum(size for _, size in sizes.values())
    lines = [f"{name}: {len(sizes)} responses, {raw / KB:.1f} KB raw, "
             f"{compressed / KB:.1f} KB gzip (budgets {raw_budget_kb} KB raw, {budget_kb} KB gzip)"]
    for url, (size, gzipped) in sorted(sizes.items(), key=lambda item: -item[1][0]):
        lines.append(f"  {size / KB:7.1f} KB raw {gzipped / KB:7.1f} KB gzip  {url}")
    print("\n".join(lines))
    assert compressed < budget_kb * KB, "\n".join(lines)
    assert raw < raw_budget_kb * KB, "\n".join(lines)
