"""Indicators (/api/v1/indicators) and the outputs of initiatives: what the progress page and
the initiatives' pages show, and nothing more: no indicator of an unpublished initiative, no
measurement waiting for approval, no one who reported a figure."""

import json
import re

import pytest
from django.conf import settings as django_settings

from progress.models import Measurement

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r"^-?\d+\.\d{2}$")
UNAPPROVED_VALUE = "99.99"


def test_the_list_has_programme_indicators_and_those_of_published_initiatives(client, world):
    body = client.get("/api/v1/indicators").json()
    assert {item["slug"] for item in body["results"]} == {i.slug for i in world.indicators}
    assert body["count"] == len(world.indicators) == 2
    assert world.hidden_indicator.slug not in json.dumps(body)
    assert client.get(f"/api/v1/indicators/{world.hidden_indicator.slug}").status_code == 404


def test_a_programme_indicator_in_full(client, world):
    programme = world.indicators[0]
    body = client.get(f"/api/v1/indicators/{programme.slug}").json()
    assert body == {
        "slug": programme.slug, "name": programme.name,
        "explanation": "Hoeveel jongeren werk hebben.", "unit": "%", "direction": "higher",
        "source": "CBS",
        "baseline": {"year": 2022, "value": "40.00"},
        "city": {"year": 2024, "value": "55.50"},
        "targets": [{"year": 2027, "value": "60.00"}],
        "measurements": [{"year": 2025, "value": "12.50", "source": "CBS",
                          "note": "Eerste meting.", "isDemo": False}],
        "spearhead": world.spearhead.slug, "initiative": None,
        "url": f"{django_settings.SITE_URL}/voortgang/#indicator-{programme.slug}",
        "isDemo": False,
    }
    page = client.get("/voortgang/").content.decode()
    assert f'id="indicator-{programme.slug}"' in page


def test_an_initiative_indicator_names_its_initiative_and_its_page(client, world):
    own = world.indicators[1]
    body = client.get(f"/api/v1/indicators/{own.slug}").json()
    assert body["initiative"] == world.initiative.slug
    assert body["url"] == (f"{django_settings.SITE_URL}{world.initiative.get_absolute_url()}"
                           f"#indicator-{own.slug}")
    assert body["city"] is None and body["baseline"] == {"year": 2025, "value": "12.00"}
    # The page the URL points to shows the indicator under that anchor.
    page = client.get(world.initiative.get_absolute_url()).content.decode()
    assert f'id="indicator-{own.slug}"' in page


def test_a_measurement_waiting_for_approval_never_shows_until_it_is_approved(client, world):
    for url in ("/api/v1/indicators", f"/api/v1/indicators/{world.indicator.slug}"):
        body = client.get(url).content.decode()
        assert UNAPPROVED_VALUE not in body
        assert "reportedBy" not in body and "reported_by" not in body
        assert "isApproved" not in body
    Measurement.objects.filter(indicator=world.indicator, is_approved=False).update(
        is_approved=True)
    body = client.get(f"/api/v1/indicators/{world.indicator.slug}").json()
    assert [m["value"] for m in body["measurements"]] == ["12.50", UNAPPROVED_VALUE]


def test_figures_are_decimal_strings_as_stored_not_money(client, world):
    document = client.get("/api/v1/openapi.json").json()
    value = document["components"]["schemas"]["YearFigure"]["properties"]["value"]
    assert value["type"] == "string" and "geen bedrag" in value["description"]
    assert "12.50" in document["components"]["schemas"]["Indicator"]["description"]
    for item in client.get("/api/v1/indicators").json()["results"]:
        figures = [item["baseline"], *item["targets"], *item["measurements"]]
        figures += [item["city"]] if item["city"] else []
        for figure in figures:
            assert isinstance(figure["value"], str) and FIGURE.match(figure["value"])
            assert "currency" not in figure


@pytest.mark.parametrize(("query", "expected"), [
    ("level=programme", [0]),
    ("level=initiative", [1]),
    ("spearhead={spearhead}", [0, 1]),
    ("initiative={initiative}", [1]),
    ("spearhead={spearhead}&level=initiative", [1]),
])
def test_filters(client, world, query, expected):
    query = query.format(spearhead=world.spearhead.slug, initiative=world.initiative.slug)
    body = client.get(f"/api/v1/indicators?{query}").json()
    assert sorted(item["slug"] for item in body["results"]) == sorted(
        world.indicators[i].slug for i in expected)


def test_filter_on_another_spearhead_gives_nothing(client, world):
    from tests.factories import SpearheadFactory

    other = SpearheadFactory()
    assert client.get(f"/api/v1/indicators?spearhead={other.slug}").json()["count"] == 0


@pytest.mark.parametrize("query", [
    "level=alles", "level=", "spearhead=nergens", "initiative=nergens",
    "initiative={hidden}", "indicator=x", "pageSize=0",
])
def test_a_wrong_filter_value_is_a_400_problem(client, world, query):
    query = query.format(hidden=world.hidden_initiative.slug)
    response = client.get(f"/api/v1/indicators?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Ongeldige vraag" and body["detail"]


def test_the_level_problem_says_what_is_allowed(client, world):
    detail = client.get("/api/v1/indicators?level=alles").json()["detail"]
    assert detail == "'level' kan zijn: programme, initiative."


# --- outputs of initiatives -------------------------------------------------------------------


def test_an_initiative_has_its_outputs_as_its_page_shows_them(client, world):
    expected = [
        {"kind": "aan_het_werk", "kindLabel": "mensen aan het werk", "year": 2026,
         "planned": 5, "achieved": None, "note": ""},
        {"kind": "deelnemers", "kindLabel": "deelnemers", "year": 2025, "planned": 20,
         "achieved": 18, "note": "Twee vielen af."},
    ]
    # The labels are Dutch, as all of the API's text, whatever language the client asks for.
    detail = client.get(f"/api/v1/initiatives/{world.initiative.slug}",
                        HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["outputs"] == expected
    listed = client.get("/api/v1/initiatives").json()["results"]
    assert [item["outputs"] for item in listed if item["slug"] == world.initiative.slug] == [
        expected]
    page = client.get(world.initiative.get_absolute_url()).content.decode()
    assert "Twee vielen af." in page


def test_an_unpublished_initiatives_outputs_never_show(client, world):
    for url in ("/api/v1/initiatives?pageSize=200", "/api/v1/indicators?pageSize=200"):
        assert "Verborgen resultaat" not in client.get(url).content.decode()
    response = client.get(f"/api/v1/initiatives/{world.hidden_initiative.slug}")
    assert response.status_code == 404


def test_pages_follow_the_progress_page_order(client, world):
    """Spearhead, position, name (then slug, so pages never overlap)."""
    world.indicators[0].position = 2
    world.indicators[0].save()
    paged = [client.get(f"/api/v1/indicators?pageSize=1&page={page}").json()["results"][0]["slug"]
             for page in (1, 2)]
    assert paged == [world.indicators[1].slug, world.indicators[0].slug]
