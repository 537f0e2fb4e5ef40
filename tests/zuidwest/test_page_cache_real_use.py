"""The page cache under real use (docs/operations/caching.md): residents' actions never make a
new generation (the one page whose number an action changes is dropped); an approved change
does, and the worker builds the most visited pages again; a stored page is answered before
sessions, CSRF, the language and the URL are worked out, with the headers of a built page."""

import gzip
import re
from collections import Counter
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.core.cache import cache
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware
from django.test import Client
from django.urls import reverse
from django.urls.resolvers import URLResolver

from ideas import links
from ideas.models import Idea, Moderation, Status, Support
from tests.factories import (
    ActivityFactory,
    IdeaFactory,
    NeighbourhoodFactory,
    OpportunityFactory,
    PlaceFactory,
    StaffUserFactory,
    partner_user,
)
from tests.zuidwest.test_review_admin import submitted
from zuidwest import review
from zuidwest.caching.invalidation import GENERATION_KEY
from zuidwest.caching.pages import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # pages and the rate limits
    yield
    cache.clear()


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def place(db):
    return PlaceFactory(name="Buurtkamer De Linde", description="De eerste tekst.")


def generation():
    return cache.get(GENERATION_KEY)


def cached(client, *urls):
    """Visit each page until it comes from the cache; returns the generation."""
    for url in urls:
        client.get(url)
        assert client.get(url)[STATUS_HEADER] == "hit", url
    return generation()


def hit(client, url):
    return client.get(url)[STATUS_HEADER] == "hit"


# --- residents' actions keep every stored page -----------------------------------------------


def test_a_sign_up_keeps_every_stored_page(anonymous, place,
                                           django_capture_on_commit_callbacks):
    opportunity = OpportunityFactory(place=place, accepts_signups=True)
    before = cached(anonymous, "/", reverse("work:opportunity_list"))

    with django_capture_on_commit_callbacks(execute=True):  # the mails too
        response = Client().post(
            reverse("signups:opportunity_signup", kwargs={"slug": opportunity.slug}),
            {"name": "Samira", "phone": "06 98 76 54 32", "email": "samira@voorbeeld.example",
             "message": "", "consent": "on", "website": ""})

    assert response.status_code == 303 and opportunity.signups.count() == 1
    assert generation() == before
    assert hit(anonymous, "/") and hit(anonymous, reverse("work:opportunity_list"))


def test_sending_an_idea_with_a_photo_keeps_every_stored_page(
        anonymous, settings, tmp_path, django_capture_on_commit_callbacks):
    from tests.zuidwest.image_samples import phone_jpeg

    settings.MEDIA_ROOT = tmp_path
    moerwijk = NeighbourhoodFactory(name="Moerwijk", slug="moerwijk")
    before = cached(anonymous, "/", reverse("ideas:idea_list"))

    with django_capture_on_commit_callbacks(execute=True):  # the photo's renditions too
        response = Client().post(reverse("ideas:idea_create"), {
            "kind": "idea", "title": "Een moestuin bij de school", "body": "Groente kweken.",
            "why": "", "neighbourhood": moerwijk.slug, "street": "", "latitude": "",
            "longitude": "", "display_name": "", "email": "ans@voorbeeld.example",
            "website": "", "photo": phone_jpeg()})

    assert response.status_code == 303 and Idea.objects.count() == 1
    assert generation() == before
    assert hit(anonymous, "/") and hit(anonymous, reverse("ideas:idea_list"))


def test_a_support_drops_only_the_ideas_own_page(anonymous,
                                                django_capture_on_commit_callbacks):
    idea = IdeaFactory()
    page, english, listing = (idea.get_absolute_url(), "/en" + idea.get_absolute_url(),
                              reverse("ideas:idea_list"))
    before = cached(anonymous, "/", listing, page, english)
    resident = Client()

    with django_capture_on_commit_callbacks(execute=True):
        resident.post(reverse("ideas:support", kwargs={"slug": idea.slug}),
                      {"email": "steun@voorbeeld.example", "website": ""})
    assert generation() == before and hit(anonymous, page)  # not counted before confirming
    with django_capture_on_commit_callbacks(execute=True):
        resident.post(links.support_confirm_path(Support.objects.get()))

    assert generation() == before
    response = anonymous.get(page)
    assert response[STATUS_HEADER] == "miss"
    assert "1 bewoner steunt dit" in response.content.decode()
    assert anonymous.get(english)[STATUS_HEADER] == "miss"
    # The list may show the old number for PAGE_CACHE_SECONDS; nothing else was emptied.
    assert hit(anonymous, listing) and hit(anonymous, "/")

    with django_capture_on_commit_callbacks(execute=True):
        resident.post(links.support_delete_path(Support.objects.get()))
    assert generation() == before
    assert "0 bewoners steunen dit" in anonymous.get(page).content.decode()


def test_following_keeps_every_stored_page(anonymous, place, settings,
                                           django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portal.zuidwest.example"
    before = cached(anonymous, "/", place.get_absolute_url())
    resident = Client()

    with django_capture_on_commit_callbacks(execute=True):
        assert resident.post(reverse("following:follow"), {
            "email": "amina@voorbeeld.example", "kind": "plek", "key": place.slug,
            "website": ""}).status_code == 303
    confirm = re.search(r"/volgen/bevestigen/[\w-]+/", mail.outbox[0].body)[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert resident.post(confirm).status_code == 303

    assert generation() == before
    assert hit(anonymous, "/") and hit(anonymous, place.get_absolute_url())


def test_deleting_ones_data_drops_only_the_ideas_page(anonymous,
                                                     django_capture_on_commit_callbacks):
    public = IdeaFactory(display_name="Ans de Vries")
    waiting = IdeaFactory(moderation=Moderation.WAITING, status=Status.RECEIVED)
    assert "Ans de Vries" in anonymous.get(public.get_absolute_url()).content.decode()
    before = cached(anonymous, "/", public.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(links.delete_path(waiting))  # not public yet: deleted altogether
        Client().post(links.delete_path(public))

    assert not Idea.objects.filter(pk=waiting.pk).exists()
    assert generation() == before and hit(anonymous, "/")
    response = anonymous.get(public.get_absolute_url())
    assert response[STATUS_HEADER] == "miss" and "Ans de Vries" not in response.content.decode()


# --- an approved change ------------------------------------------------------------------------


def test_an_approved_change_is_a_new_generation_and_shows_at_once(
        anonymous, place, django_capture_on_commit_callbacks):
    partner = partner_user()  # a new organisation: a change of its own
    before = cached(anonymous, place.get_absolute_url(), reverse("locations:place_list"))
    revision = submitted(place, partner, {"name": "Buurtkamer De Eik"})
    assert generation() == before  # a version waiting for review changes no page

    with django_capture_on_commit_callbacks(execute=True):
        review.approve(revision, staff=StaffUserFactory())

    assert generation() != before
    for url in (place.get_absolute_url(), reverse("locations:place_list")):
        response = anonymous.get(url)
        assert response[STATUS_HEADER] == "miss" and "De Eik" in response.content.decode()


def test_after_an_approved_change_the_worker_builds_the_most_visited_pages(
        anonymous, place, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://testserver"  # the host the visitors (the test client) use
    settings.PAGE_CACHE_WARM_PATHS = ["/", reverse("locations:place_list"), "/en/"]
    cached(anonymous, "/", reverse("locations:place_list"), place.get_absolute_url())
    revision = submitted(place, partner_user(), {"name": "Buurtkamer De Eik"})

    # The immediate task backend runs the task when it is queued, after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(revision, staff=StaffUserFactory())

    for url in ("/", "/en/", reverse("locations:place_list")):
        response = anonymous.get(url)
        assert response[STATUS_HEADER] == "hit", url
    assert "De Eik" in anonymous.get(reverse("locations:place_list")).content.decode()
    assert "Regio Deal" in anonymous.get("/en/").content.decode()
    assert anonymous.get(place.get_absolute_url())[STATUS_HEADER] == "miss"  # not warmed


def test_a_burst_of_changes_queues_one_warming(place, settings,
                                               django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_WARM_PATHS = ["/"]
    with (mock.patch("zuidwest.caching.warming.warm_pages") as warm_pages,
          django_capture_on_commit_callbacks(execute=True)):
        for number in range(5):
            ActivityFactory(place=place, title=f"Activiteit {number}")
    assert warm_pages.enqueue.call_count == 1


# --- the early answer ----------------------------------------------------------------------------


def test_a_stored_page_is_answered_before_sessions_csrf_language_and_urls(
        anonymous, place, monkeypatch):
    calls = Counter()

    def counted(name, cls, method):
        original = getattr(cls, method)

        def counting(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(cls, method, counting)

    counted("sessions", SessionMiddleware, "process_request")
    counted("language", LocaleMiddleware, "process_request")
    counted("csrf", CsrfViewMiddleware, "process_view")
    counted("urls", URLResolver, "resolve")
    for url in ("/", "/en/", place.get_absolute_url()):
        calls.clear()
        first = anonymous.get(url)
        assert set(calls) == {"sessions", "language", "csrf", "urls"}, url
        calls.clear()
        second = anonymous.get(url)
        assert not calls, url
        assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit"), url
        assert second.content == first.content


# They differ between any two responses (gzip adds up to 100 random bytes against BREACH).
PER_RESPONSE = {STATUS_HEADER, "X-Request-ID", "Content-Length"}


def comparable(response):
    headers = {name: value for name, value in response.headers.items()
               if name not in PER_RESPONSE}
    headers["Content-Security-Policy"] = re.sub(
        r"'nonce-[^']+'", "'nonce-…'", headers["Content-Security-Policy"])
    return headers


@pytest.mark.parametrize("encoding", [None, "gzip, deflate, br"])
def test_a_page_from_the_cache_has_the_headers_of_the_built_page(anonymous, place, encoding):
    extra = {"HTTP_ACCEPT_ENCODING": encoding} if encoding else {}
    for url in ("/", "/en/", place.get_absolute_url(), reverse("locations:places_geojson"),
                reverse("locations:agenda_calendar")):
        built = anonymous.get(url, **extra)
        stored = anonymous.get(url, **extra)
        assert (built[STATUS_HEADER], stored[STATUS_HEADER]) == ("miss", "hit"), url
        assert comparable(stored) == comparable(built), url
        for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                       "X-Content-Type-Options", "Referrer-Policy", "Content-Language",
                       "ETag", "X-Request-ID"):
            assert stored.has_header(header), (url, header)
        assert "Cookie" in stored["Vary"]
        assert stored.has_header("Content-Encoding") == bool(encoding)
        if encoding:
            assert gzip.decompress(stored.content) == gzip.decompress(built.content)
        else:
            assert stored.content == built.content
            assert stored["Content-Length"] == built["Content-Length"]
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=stored["ETag"], **extra
                             ).status_code == 304, url


def test_the_language_of_a_stored_page_comes_from_its_address(anonymous):
    dutch, english = anonymous.get("/"), anonymous.get("/en/")
    # A Dutch-speaking browser asking for /en/ gets the English page, and the other way round.
    stored_english = anonymous.get("/en/", HTTP_ACCEPT_LANGUAGE="nl")
    stored_dutch = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert stored_english[STATUS_HEADER] == stored_dutch[STATUS_HEADER] == "hit"
    assert stored_english["Content-Language"] == "en" and stored_dutch["Content-Language"] == "nl"
    assert stored_english.content == english.content != dutch.content == stored_dutch.content


def test_a_hit_neither_hashes_nor_compresses_the_page(anonymous, place, monkeypatch):
    """The ETag and the gzip body are worked out when the page is stored, not on every hit."""
    import django.middleware.gzip
    import django.utils.cache

    url = place.get_absolute_url()
    built = anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip")

    def refuse(*args, **kwargs):
        raise AssertionError("worked out again on a hit")

    monkeypatch.setattr(django.middleware.gzip, "compress_string", refuse)
    monkeypatch.setattr(django.utils.cache, "md5", refuse)
    stored = anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert stored[STATUS_HEADER] == "hit"
    assert stored["ETag"] == built["ETag"] and stored["ETag"].startswith('W/"')
    assert gzip.decompress(stored.content) == gzip.decompress(built.content)


def test_each_process_keeps_the_pages_it_served_for_a_moment(anonymous, place, settings):
    from zuidwest.caching import content_changed, pages

    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    pages.forget_local_entries()
    url = place.get_absolute_url()
    anonymous.get(url)
    assert anonymous.get(url)[STATUS_HEADER] == "hit"

    cache.clear()  # as if Redis lost it: this process still has it, for up to the setting
    assert anonymous.get(url)[STATUS_HEADER] == "hit"

    content_changed()  # a change made in this process ends its copies at once
    assert anonymous.get(url)[STATUS_HEADER] == "miss"
    pages.forget_local_entries()


def test_without_the_setting_no_process_keeps_a_page(anonymous, place, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    url = place.get_absolute_url()
    anonymous.get(url)
    assert anonymous.get(url)[STATUS_HEADER] == "hit"
    cache.clear()
    assert anonymous.get(url)[STATUS_HEADER] == "miss"
