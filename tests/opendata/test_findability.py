"""robots.txt, sitemap.xml and the open data page."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_private_parts_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for path in ("/partner/", "/en/partner/", "/beheer/", "/zoeken/", "/en/zoeken/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


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
