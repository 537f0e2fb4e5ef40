"""robots.txt, sitemap.xml and the open data page."""

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_private_parts_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for path in ("/partner/", "/en/partner/", "/beheer/", "/zoeken/", "/en/zoeken/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {django_settings.SITE_URL}/sitemap.xml" in lines


def test_sitemap_lists_public_pages_in_both_languages_and_nothing_unpublished(client, world):
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{world.place.get_absolute_url()}" in body
    assert f"http://testserver/en{world.place.get_absolute_url()}" in body
    assert 'hreflang="en"' in body and 'hreflang="x-default"' in body
    assert "<lastmod>" in body
    assert "http://testserver/open-data/" in body
    for hidden in (world.hidden_place, world.hidden_initiative, world.hidden_activity,
                   world.hidden_opportunity):
        assert hidden.get_absolute_url() not in body
    assert "/partner/" not in body and "/beheer/" not in body


def test_open_data_page_names_the_licence_and_links_the_data(client):
    body = client.get("/open-data/").content.decode()
    assert "CC0 1.0" in body
    for link in ("/api/v1/docs", "/api/v1/openapi.json", "/open-data/360giving.json",
                 "/open-data/360giving.csv"):
        assert f'href="{link}"' in body
    assert "/api/v1/indicators?level=programme" in body


def test_api_documentation_page_lists_every_operation_without_inline_scripts(client):
    body = client.get("/api/v1/docs").content.decode()
    for path in ("/places", "/places/{slug}", "/occurrences", "/funding-sources",
                 "/indicators", "/indicators/{slug}"):
        assert f"GET {path}</code>" in body
    assert "<script>" not in body and "cdn" not in body.lower()


# Routes without parameters that are not pages to find: files, feeds, forms' results, the
# search results and the page after deleting a sign-up.
NOT_PAGES = {"/plekken/plekken.geojson", "/agenda/agenda.ics", "/initiatieven/nieuws.atom",
             "/werk-en-leren/kansen.atom", "/agenda/week.atom", "/aanmelding/verwijderd/",
             "/zoeken/",
             # Residents' ideas: the form (noindex), its address search (JSON), after deleting.
             "/ideeen/nieuw/", "/ideeen/adres-zoeken/", "/ideeen/gegevens-verwijderd/",
             # Following by e-mail: the form's target and the pages after posting or stopping.
             "/volgen/", "/volgen/verstuurd/", "/volgen/gestopt/"}


def public_page_paths():
    """Every route without parameters under the site's public apps, in Dutch."""
    from django.urls import get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            elif "<" not in route and "(?P" not in route:
                yield "/" + route.removeprefix("^").removesuffix("$")

    return {path for path in walk(get_resolver().url_patterns, "")
            if path.endswith("/") and not path.startswith(("/partner/", "/beheer/", "/i18n/",
                                                          "/account", "/api/"))}


def test_sitemap_lists_every_public_page_and_every_neighbourhood(client, world):
    body = client.get("/sitemap.xml").content.decode()
    listed = {path for path in public_page_paths() - NOT_PAGES
              if f"<loc>http://testserver{path}</loc>" in body}
    assert public_page_paths() - NOT_PAGES - listed == set()
    assert f"<loc>http://testserver{world.place.neighbourhood.get_absolute_url()}</loc>" in body
    assert "http://testserver/contact/" in body and "http://testserver/wijken/" in body


PAGES = ["/", "/plekken/", "/geld/", "/voortgang/", "/open-data/", "/en/geld/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_links_the_open_data_page_in_its_footer(client, url, world):
    body = client.get(url).content.decode()
    footer = body[body.index("<footer"):]
    open_data = "/en/open-data/" if url.startswith("/en/") else "/open-data/"
    assert f'href="{open_data}"' in footer


@pytest.mark.parametrize("url", ["/geld/", "/voortgang/"])
def test_money_and_progress_pages_offer_their_figures_as_data(client, url, world):
    body = client.get(url).content.decode()
    main = body[body.index("<main"):body.index("</main>")]
    assert '<a class="utrecht-link" href="/open-data/">Download deze cijfers</a>' in main


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_canonical_link_and_hreflang_with_x_default(client, url, settings,
                                                                   world):
    import re

    settings.SITE_URL = "https://zuidwest.example"
    body = client.get(url).content.decode()
    head = body[:body.index("</head>")]
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', head)
    assert canonical == [f"https://zuidwest.example{url}"]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
                                 head))
    dutch = url.removeprefix("/en")
    assert alternates == {"nl": f"https://zuidwest.example{dutch}",
                          "en": f"https://zuidwest.example/en{dutch}",
                          "x-default": f"https://zuidwest.example{dutch}"}
