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


def test_the_ideas_feed_has_each_public_step_and_no_personal_data(client, world):
    body = client.get("/ideeen/ideeen.atom").content.decode()
    assert f"Nieuw idee: {world.idea.title}" in body and "Stap answered." in body
    assert "Verborgen idee" not in body and "Stap received." not in body
    assert "bewoner@voorbeeld.nl" not in body and "Ans" not in body


FEEDS = ["opendata:news_feed", "opendata:opportunity_feed", "opendata:agenda_week_feed"]


def all_feed_urls(world):
    urls = [reverse(name) for name in FEEDS]
    urls.append(reverse("opendata:initiative_news_feed", args=[world.initiative.slug]))
    return urls + ["/en" + url for url in urls]


def feed_root(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


# RFC 4287 4.1.1: a feed has an author, or every entry has one; here both (the programme
# office for the feed, the organisation for each entry).
def test_every_feed_and_entry_has_an_author(client, world):
    for url in all_feed_urls(world):
        root = feed_root(client, url)
        assert root.find(f"{ATOM}author/{ATOM}name").text, url
        entries = list(root.iter(f"{ATOM}entry"))
        assert entries, url
        for entry in entries:
            assert entry.find(f"{ATOM}author/{ATOM}name").text, url
    root = feed_root(client, reverse("opendata:news_feed"))
    author = root.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text
    assert author == world.initiative.lead_organisation.name


# RFC 4287's other MUST rules of the feed and each entry: one id, title and updated each.
def test_feeds_have_the_required_elements_once(client, world):
    for url in all_feed_urls(world):
        root = feed_root(client, url)
        for element in (root, *root.iter(f"{ATOM}entry")):
            for name in ("id", "title", "updated"):
                assert len(element.findall(f"{ATOM}{name}")) == 1, (url, name)


# An empty feed's `updated` is not the time of the request (its body and ETag would change
# every second) but a fixed date; an initiative's own empty feed: when the initiative changed.
def test_empty_feed_updated_is_a_fixed_date(client, world):
    url = reverse("opendata:agenda_week_feed")
    world.activity.occurrences.all().delete()
    root = feed_root(client, url)
    assert not list(root.iter(f"{ATOM}entry"))
    assert root.find(f"{ATOM}updated").text == "2025-01-01T00:00:00+00:00"
    world.initiative.updates.all().delete()
    root = feed_root(client, reverse("opendata:initiative_news_feed",
                                     args=[world.initiative.slug]))
    assert root.find(f"{ATOM}updated").text == world.initiative.updated_at.isoformat()


# Partner text is plain text, so a reader that renders HTML shows the markup, not runs it.
def test_summaries_are_plain_text(client, world):
    UpdateFactory(initiative=world.initiative, title="Met markup",
                  body='<img src=x onerror="alert(1)"> Kom langs')
    root = feed_root(client, reverse("opendata:news_feed"))
    summaries = list(root.iter(f"{ATOM}summary"))
    assert summaries and all(s.get("type") == "text" for s in summaries)
    assert any(s.text.startswith("<img src=x") for s in summaries)
