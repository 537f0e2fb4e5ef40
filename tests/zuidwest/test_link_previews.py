"""Link previews: every public page has Open Graph and Twitter card tags (title, a plain
description, a picture, og:url on SITE_URL, og:locale), so a link shared in WhatsApp or on
social media shows what it is about."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    AllianceFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
    ProgrammeFactory,
)
from zuidwest.templatetags import portal

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.nl"


class HeadMeta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                assert key not in self.meta, f"{key} twice"
                self.meta[key] = attrs.get("content", "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_meta(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = HeadMeta()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def pages(settings):
    settings.SITE_URL = SITE_URL
    ProgrammeFactory()
    neighbourhood = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    place = PlaceFactory(name="Buurtkamer Om & Bij", neighbourhood=neighbourhood,
                         description="Koffie & een praatje.")
    activity = ActivityFactory(title="Taalcafé", place=place, summary="Samen Nederlands praten.")
    initiative = InitiativeFactory(title="Samen eten", summary="Elke week samen koken.")
    opportunity = OpportunityFactory(title="Leerwerkplek in de keuken",
                                     summary="Leer koken en krijg een vergoeding.")
    organisation = OrganisationFactory(name="Stichting Opstap")
    alliance = AllianceFactory(name="Alliantie Onderwijs")
    return {
        "home": (reverse("site:home"), None),
        "list": (reverse("locations:place_list"), None),
        "agenda": (reverse("locations:agenda_today"), None),
        "place": (place.get_absolute_url(), "Buurtkamer Om & Bij"),
        "activity": (activity.get_absolute_url(), "Taalcafé"),
        "initiative": (initiative.get_absolute_url(), "Samen eten"),
        "opportunity": (opportunity.get_absolute_url(), "Leerwerkplek in de keuken"),
        "organisation": (organisation.get_absolute_url(), "Stichting Opstap"),
        "alliance": (alliance.get_absolute_url(), "Alliantie Onderwijs"),
        "neighbourhood": (neighbourhood.get_absolute_url(), "Moerwijk"),
        "funding": (reverse("funding:overview"), None),
        "opportunities": (reverse("work:opportunity_list"), None),
    }


@pytest.mark.parametrize("kind", [
    "home", "list", "agenda", "place", "activity", "initiative", "opportunity", "organisation",
    "alliance", "neighbourhood", "funding", "opportunities",
])
def test_every_page_kind_has_link_preview_tags(client, pages, kind):
    path, title = pages[kind]
    parsed = head_meta(client, path)
    meta = parsed.meta

    assert meta["og:title"] == parsed.title.removesuffix(" – Regio Deal Zuidwest").strip()
    if title:
        assert meta["og:title"] == title  # "&" once, not "&amp;"
    assert meta["og:description"] == meta["description"] != ""
    assert meta["og:url"] == SITE_URL + path
    assert meta["og:locale"] == "nl_NL"
    assert meta["og:type"] == "website"
    assert meta["og:image"].startswith(SITE_URL + "/")
    assert meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    for name in ("title", "description", "image"):
        assert meta[f"twitter:{name}"] == meta[f"og:{name}"]


def test_english_pages_say_their_locale(client, pages):
    meta = head_meta(client, "/en/").meta
    assert meta["og:locale"] == "en_GB"
    assert meta["og:url"] == SITE_URL + "/en/"


def test_a_page_with_a_photo_shares_its_rendition_and_otherwise_the_house_picture(
        settings, monkeypatch):
    settings.SITE_URL = SITE_URL
    monkeypatch.setattr(portal, "rendition_urls", lambda file: [
        ("/media/p-320.webp", 320), ("/media/p-1024.webp", 1024), ("/media/p-1600.webp", 1600)])
    initiative = InitiativeFactory.build(cover_image="initiatives/p.jpg",
                                         cover_image_alt="Een tafel vol eten.")
    assert portal.share_image(initiative) == (SITE_URL + "/media/p-1024.webp",
                                              "Een tafel vol eten.")
    # An activity shows its place's photo.
    place = PlaceFactory.build(image="places/p.jpg", image_alt="De voordeur.")
    activity = ActivityFactory.build(place=place)
    assert portal.share_image(activity)[1] == "De voordeur."
    # No photo (or one without a description): the default picture.
    image, alt = portal.share_image(InitiativeFactory.build(cover_image=""))
    assert image.startswith(SITE_URL + "/static/img/og-default")
    assert alt
