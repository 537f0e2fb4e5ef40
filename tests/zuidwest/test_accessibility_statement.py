"""The accessibility statement follows the Dutch government's model (toegankelijkheidsverklaring):
scope, compliance status, what was tested and how, known issues, contact, complaint, date."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from site_pages import views

pytestmark = pytest.mark.django_db


def statement(client):
    response = client.get(reverse("site:accessibility"))
    assert response.status_code == 200
    return response.content.decode()


def headings(html):
    return re.findall(r'<h2 class="utrecht-heading-2" id="([\w-]+)">', html)


def test_the_statement_has_every_part_of_the_model_in_order(client):
    assert headings(statement(client)) == [
        "geldt-voor", "status", "getest", "bekende-problemen", "contact", "klacht",
        "over-deze-verklaring"]


def test_it_names_the_site_its_status_and_the_norm(client):
    html = statement(client)
    assert f"Deze verklaring geldt voor de website {django_settings.SITE_URL}/:" in html
    assert "<strong>Status: eerste maatregelen genomen.</strong>" in html
    assert "EN 301 549" in html and "WCAG 2.1 op niveau AA" in html


def test_it_says_how_it_was_tested(client):
    html = statement(client)
    for method in ["axe-core", "Tab-toets", "320 pixels", "200%", "zonder JavaScript"]:
        assert method in html, method


def test_lighthouse_is_mentioned_only_once_it_was_measured(client, monkeypatch):
    monkeypatch.setattr(views, "ACCESSIBILITY_LIGHTHOUSE_MEASURED", False)
    assert "Lighthouse" not in statement(client)
    cache.clear()  # anonymous visitors get the page from the cache (for two minutes at most)
    monkeypatch.setattr(views, "ACCESSIBILITY_LIGHTHOUSE_MEASURED", True)
    assert "Met Lighthouse" in statement(client)


def test_it_links_to_the_contact_page_and_the_nationale_ombudsman(client):
    html = statement(client)
    assert ('via de <a class="utrecht-link" href="/contact/">contactgegevens</a>') in html
    assert 'href="https://www.nationaleombudsman.nl/"' in html


def test_it_is_dated(client, monkeypatch):
    import datetime

    monkeypatch.setattr(views, "ACCESSIBILITY_STATEMENT_DATE", datetime.date(2027, 3, 1))
    assert "Deze verklaring is gemaakt op 1 maart 2027." in statement(client)
