"""Absolute addresses come from settings.SITE_URL, never from the Host header a request was
made with: the API, robots.txt and the contact and accessibility pages too."""

import pytest
from django.urls import reverse

from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.nl"
OTHER_HOST = "www.portal.example.nl"  # also allowed, but not the site's address


@pytest.fixture
def other_host(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["portal.example.nl", OTHER_HOST]
    return {"HTTP_HOST": OTHER_HOST}


def test_the_api_links_with_the_sites_address(client, other_host, settings):
    settings.API_RATE_LIMIT = "1000/minute"
    for _n in range(2):
        PlaceFactory(is_published=True)
    body = client.get("/api/v1/places", {"pageSize": 1}, **other_host).content.decode()
    assert SITE + "/" in body
    assert OTHER_HOST not in body  # neither in the items' links nor in the next page's
    missing = client.get("/api/v1/bestaat-niet", **other_host).content.decode()
    assert f"{SITE}/api/v1/docs" in missing and OTHER_HOST not in missing


def test_robots_txt_names_the_sitemap_at_the_sites_address(client, other_host):
    text = client.get("/robots.txt", **other_host).content.decode()
    assert f"Sitemap: {SITE}{reverse('sitemap')}" in text
    assert OTHER_HOST not in text


def test_the_contact_and_accessibility_pages_use_the_sites_address(client, other_host):
    contact = client.get(reverse("site:contact"), {"pagina": "/plekken/"}, **other_host)
    assert contact.context["page_url"] == f"{SITE}/plekken/"
    statement = client.get(reverse("site:accessibility"), **other_host)
    assert statement.context["site_address"] == f"{SITE}/"
    for response in (contact, statement):
        assert OTHER_HOST not in response.content.decode()
