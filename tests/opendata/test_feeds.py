"""Atom feeds, and the <link rel="alternate"> on the pages they belong to."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import UpdateFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_news_of_all_initiatives_leaves_out_unpublished_ones(client, world):
    UpdateFactory(initiative=world.hidden_initiative, title="Verborgen nieuws")
    titles = entries(client, reverse("opendata:news_feed"))
    news = world.initiative.updates.get()
    assert titles == [f"{world.initiative.title}: {news.title}"]


def test_news_of_one_initiative(client, world):
    url = reverse("opendata:initiative_news_feed", args=[world.initiative.slug])
    assert entries(client, url) == [world.initiative.updates.get().title]
    hidden = reverse("opendata:initiative_news_feed", args=[world.hidden_initiative.slug])
    assert client.get(hidden).status_code == 404


def test_new_opportunities_are_the_published_open_ones(client, world):
    titles = entries(client, reverse("opendata:opportunity_feed"))
    assert "Verborgen kans" not in titles
    assert world.activity.place.opportunities.get().title in titles


def test_agenda_of_the_coming_week(client, world):
    titles = entries(client, reverse("opendata:agenda_week_feed"))
    assert len(titles) == 1 and titles[0].endswith(world.activity.title)


@pytest.mark.parametrize(("page", "feed"), [
    ("initiatives:initiative_list", "opendata:news_feed"),
    ("work:opportunity_list", "opendata:opportunity_feed"),
    ("locations:agenda_week", "opendata:agenda_week_feed"),
])
def test_pages_link_their_feed(client, world, page, feed):
    body = client.get(reverse(page)).content.decode()
    assert ('<link rel="alternate" type="application/atom+xml"' in body
            and f'href="{reverse(feed)}"' in body)


def test_initiative_page_links_its_news_feed(client, world):
    body = client.get(world.initiative.get_absolute_url()).content.decode()
    url = reverse("opendata:initiative_news_feed", args=[world.initiative.slug])
    assert f'href="{url}"' in body
