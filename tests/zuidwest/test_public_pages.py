"""The public pages render the programme, label demo content and survive bad input."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    AllianceFactory,
    AllocationFactory,
    FundingSourceFactory,
    InitiativeFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PlaceFactory,
    ProgrammeFactory,
    SpearheadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_data():
    ProgrammeFactory()
    spearhead = SpearheadFactory(short_name="Sociaal weefsel", slug="sociaal-weefsel")
    alliance = AllianceFactory(name="Alliantie Onderwijs", slug="alliantie-onderwijs")
    organisation = OrganisationFactory(name="ROC Mondriaan", slug="roc-mondriaan")
    MembershipFactory(organisation=organisation, alliance=alliance)
    region = FundingSourceFactory(name="Regio", kind="region", amount=Decimal("31000000"))
    national = FundingSourceFactory(name="Rijk", kind="national", amount=Decimal("18000000"))
    initiative = InitiativeFactory(
        title="Buurtkamer aan de Leyweg", slug="buurtkamer-leyweg", spearhead=spearhead,
        alliance=alliance, lead_organisation=organisation, is_featured=True,
    )
    AllocationFactory(initiative=initiative, source=region, amount=Decimal("250000"))
    return {"spearhead": spearhead, "alliance": alliance, "organisation": organisation,
            "initiative": initiative, "region": region, "national": national}


@pytest.mark.parametrize("url_name", [
    "site:home", "site:about", "site:accessibility", "site:privacy",
    "alliances:alliance_list", "alliances:organisation_list",
    "initiatives:initiative_list", "funding:overview", "locations:place_list",
])
def test_every_public_page_renders_in_dutch_and_english(client, programme_data, url_name):
    for prefix in ("", "/en"):
        response = client.get(prefix + reverse(url_name))
        assert response.status_code == 200, (prefix, url_name)
        assert b'href="#inhoud"' in response.content


def test_english_lives_under_en_and_dutch_is_the_default(client, programme_data):
    # The document's own language: the language switch names both languages on every page.
    assert re.search(rb'<html lang="(\w+)"', client.get("/").content)[1] == b"nl"
    assert re.search(rb'<html lang="(\w+)"', client.get("/en/").content)[1] == b"en"


def test_home_page_shows_the_funding_of_both_sources(client, programme_data):
    html = client.get(reverse("site:home")).content.decode()
    assert "31.000.000" in html
    assert "18.000.000" in html
    assert "Buurtkamer aan de Leyweg" in html


def test_funding_page_shows_allocated_and_remaining_per_source(client, programme_data):
    html = client.get(reverse("funding:overview")).content.decode()
    assert "250.000,00" in html
    assert "30.750.000,00" in html  # remaining of the regional 31 million
    assert "49.000.000,00" in html  # both sources together


def test_funding_page_says_when_demo_allocations_are_counted(client, programme_data):
    assert "voorbeeldgegevens" not in client.get(reverse("funding:overview")).content.decode()
    AllocationFactory(source=programme_data["national"], is_demo=True)
    assert "voorbeeldgegevens" in client.get(reverse("funding:overview")).content.decode()


def test_demo_content_carries_a_visible_label(client, programme_data):
    demo = InitiativeFactory(is_demo=True)
    real = programme_data["initiative"]
    assert "Voorbeeld" in client.get(demo.get_absolute_url()).content.decode()
    assert "Voorbeeld" not in client.get(real.get_absolute_url()).content.decode()
    place = PlaceFactory(is_demo=True)
    assert "Voorbeeld" in client.get(place.get_absolute_url()).content.decode()


def test_alliance_page_lists_its_members(client, programme_data):
    html = client.get(programme_data["alliance"].get_absolute_url()).content.decode()
    assert "ROC Mondriaan" in html


def test_organisation_page_lists_its_alliances_and_initiatives(client, programme_data):
    html = client.get(programme_data["organisation"].get_absolute_url()).content.decode()
    assert "Alliantie Onderwijs" in html
    assert "Buurtkamer aan de Leyweg" in html


def test_initiative_page_shows_its_allocations(client, programme_data):
    html = client.get(programme_data["initiative"].get_absolute_url()).content.decode()
    assert "250.000,00" in html
    assert "ROC Mondriaan" in html


def test_initiative_list_filters_combine(client, programme_data):
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    other = InitiativeFactory(title="Jongeren aan het werk", kind="jongeren",
                              neighbourhoods=[moerwijk])
    url = reverse("initiatives:initiative_list")
    html = client.get(url, {"neighbourhood": "moerwijk"}).content.decode()
    assert other.title in html and "Buurtkamer aan de Leyweg" not in html
    html = client.get(url, {"neighbourhood": "moerwijk", "kind": "buurtkamer"}).content.decode()
    assert other.title not in html
    html = client.get(url, {"spearhead": "sociaal-weefsel"}).content.decode()
    assert "Buurtkamer aan de Leyweg" in html and other.title not in html


def test_unknown_filter_value_is_explained_and_ignored(client, programme_data):
    response = client.get(reverse("initiatives:initiative_list"), {"alliance": "bestaat-niet"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze keuze kennen we niet" in html
    assert "Buurtkamer aan de Leyweg" in html


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_a_bad_page_number_shows_a_page_instead_of_an_error(client, programme_data, page):
    response = client.get(reverse("initiatives:initiative_list"), {"pagina": page})
    assert response.status_code == 200


def test_pagination_keeps_the_filters(client, programme_data):
    spearhead = programme_data["spearhead"]
    InitiativeFactory.create_batch(15, spearhead=spearhead)
    html = client.get(
        reverse("initiatives:initiative_list"), {"spearhead": spearhead.slug}
    ).content.decode()
    assert "pagina=2" in html
    assert f"spearhead={spearhead.slug}" in html


def test_unknown_page_gets_a_polite_404_in_the_site_style(client, programme_data):
    response = client.get("/initiatieven/bestaat-niet/")
    assert response.status_code == 404
    assert b'href="#inhoud"' in response.content


def test_language_switch_links_to_the_same_page_in_english(client, programme_data):
    html = client.get(programme_data["initiative"].get_absolute_url()).content.decode()
    assert 'href="/en/initiatieven/buurtkamer-leyweg/"' in html


def test_funding_sources_are_listed_largest_first(client, programme_data):
    html = client.get(reverse("funding:overview")).content.decode()
    assert html.index("Regio") < html.index("Rijk")


def test_the_favicon_is_there_where_browsers_look_for_it(client):
    """Browsers ask for /favicon.ico on a first visit; it was a 404 on every one."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


# HTML allows `size` only on these input types (the W3C checker flags it on a number input).
SIZE_ALLOWED = {"text", "search", "tel", "url", "email", "password"}


@pytest.mark.parametrize("path", [
    "/werk-en-leren/", "/werk-en-leren/vragen/1/", "/plekken/", "/agenda/", "/zoeken/",
    "/contact/",
])
def test_no_input_carries_a_size_where_html_does_not_allow_it(client, path):
    from html.parser import HTMLParser

    wrong = []

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and "size" in attrs and attrs.get("type", "text") not in SIZE_ALLOWED:
                wrong.append(attrs)

    response = client.get(path)
    assert response.status_code == 200
    Inputs().feed(response.content.decode())
    assert not wrong, wrong
