"""Public pages come from the cache for anonymous visitors, a change shows at once, nothing
personal is ever cached, 304s and gzip work on the cached path, and a Redis outage breaks no
page (docs/operations/caching.md)."""

import datetime
import gzip
import logging
import os
import re
import uuid
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    AllianceFactory,
    InitiativeFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OpportunityFactory,
    OrganisationFactory,
    PlaceFactory,
    StaffUserFactory,
    partner_user,
)
from tests.zuidwest.test_review_admin import admin_form_data, approve_url, submitted
from zuidwest import review
from zuidwest.caching import backends, public_page
from zuidwest.caching.pages import NONCE_PLACEHOLDER, STATUS_HEADER, PageCacheMiddleware

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
LIVE_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def fetch(client, url, **headers):
    """The response and the number of database queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def staff_browser(db):
    client = Client()
    client.force_login(StaffUserFactory())
    return client


@pytest.fixture
def place(db):
    place = PlaceFactory(name="Buurtkamer De Linde", description="De eerste tekst.")
    OpeningHoursFactory(place=place)
    return place


@pytest.fixture
def content(place):
    """One of everything the public pages show."""
    organisation = OrganisationFactory(name="Stichting Buurtwerk")
    AllianceFactory()
    activity = ActivityFactory(place=place, title="Koffieochtend", organiser=organisation,
                               start_date=timezone.localdate())
    initiative = InitiativeFactory(title="Buurtkamer voor iedereen",
                                   lead_organisation=organisation)
    opportunity = OpportunityFactory(title="Leerwerkplek koken", place=place,
                                     organisation=organisation)
    return {"place": place, "activity": activity, "initiative": initiative,
            "opportunity": opportunity, "organisation": organisation}


def public_urls(content):
    place, activity = content["place"], content["activity"]
    today = timezone.localdate()
    return [
        reverse("site:home"),
        "/en/",
        reverse("site:about"),
        reverse("site:privacy"),
        reverse("site:search") + "?q=buurtkamer",
        reverse("locations:place_list"),
        reverse("locations:place_list") + "?open_now=on",
        reverse("locations:map"),
        reverse("locations:places_geojson"),
        place.get_absolute_url(),
        reverse("locations:place_print", kwargs={"slug": place.slug}),
        reverse("locations:place_calendar", kwargs={"slug": place.slug}),
        reverse("locations:agenda_today"),
        reverse("locations:agenda_week"),
        reverse("locations:agenda_day",
                kwargs={"year": today.year, "month": today.month, "day": today.day}),
        reverse("locations:agenda_calendar"),
        activity.get_absolute_url(),
        reverse("locations:activity_calendar", kwargs={"slug": activity.slug}),
        reverse("initiatives:initiative_list"),
        content["initiative"].get_absolute_url(),
        reverse("funding:overview"),
        reverse("progress:overview"),
        reverse("work:opportunity_list"),
        reverse("work:opportunity_finder", kwargs={"step": 1}),
        content["opportunity"].get_absolute_url(),
        reverse("alliances:alliance_list"),
        reverse("alliances:organisation_list"),
        content["organisation"].get_absolute_url(),
    ]


# --- served from the cache ---------------------------------------------------------------------


def test_every_public_page_comes_from_the_cache_the_second_time(anonymous, content):
    for url in public_urls(content):
        first = anonymous.get(url)
        second, second_queries = fetch(anonymous, url)

        assert first.status_code == 200, url
        assert first[STATUS_HEADER] == "miss", url
        assert (second.status_code, second[STATUS_HEADER], second_queries) == (200, "hit", 0), url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url
        assert "Cookie" in second["Vary"], url


def test_a_page_in_english_is_cached_apart_from_the_dutch_one(anonymous, content):
    # Literal addresses: after a request under /en/, reverse() in this thread gives English.
    dutch = anonymous.get("/")
    english = anonymous.get("/en/")
    assert english[STATUS_HEADER] == "miss"
    assert anonymous.get("/").content == dutch.content
    assert anonymous.get("/en/").content == english.content != dutch.content


def test_a_cached_page_is_made_again_in_the_next_period(anonymous, place, settings):
    url = reverse("locations:place_list")
    anonymous.get(url)
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert anonymous.get(url)[STATUS_HEADER] == "miss"


def test_no_page_is_cached_when_the_cache_time_is_zero(anonymous, place, settings):
    settings.PAGE_CACHE_SECONDS = 0
    anonymous.get(place.get_absolute_url())
    response, queries = fetch(anonymous, place.get_absolute_url())
    assert queries > 0 and STATUS_HEADER not in response


# --- a change shows at once --------------------------------------------------------------------


def test_a_version_approved_in_the_review_shows_at_once(anonymous, staff_browser, place,
                                                        django_user_model):
    partner = django_user_model.objects.create_user("partner@example.org", "partner@example.org")
    assert "De eerste tekst." in anonymous.get(place.get_absolute_url()).content.decode()
    revision = submitted(place, partner, {"description": "De goedgekeurde tekst."})
    assert "De eerste tekst." in anonymous.get(place.get_absolute_url()).content.decode()

    assert staff_browser.post(approve_url(revision)).status_code == 302

    response = anonymous.get(place.get_absolute_url())
    assert response[STATUS_HEADER] == "miss"
    assert "De goedgekeurde tekst." in response.content.decode()


def test_a_new_page_approved_in_the_review_appears_in_the_list_at_once(anonymous, place):
    new = PlaceFactory(name="Nieuwe buurtkamer", is_published=False)
    url = reverse("locations:place_list")
    assert "Nieuwe buurtkamer" not in anonymous.get(url).content.decode()

    review.approve(submitted(new, partner_user(), {}), staff=StaffUserFactory())

    assert "Nieuwe buurtkamer" in anonymous.get(url).content.decode()


def test_an_edit_in_the_admin_shows_at_once(anonymous, staff_browser, place):
    list_url = reverse("locations:place_list")
    assert "Buurtkamer De Linde" in anonymous.get(list_url).content.decode()
    change_url = reverse("admin:locations_place_change", args=[place.pk])
    data = admin_form_data(staff_browser.get(change_url))
    data["name"] = "Buurtkamer De Eik"

    assert staff_browser.post(change_url, data).status_code == 302

    html = anonymous.get(list_url).content.decode()
    assert "Buurtkamer De Eik" in html and "Buurtkamer De Linde" not in html


def test_a_restored_version_shows_at_once(anonymous, place):
    staff = StaffUserFactory()
    first = review.record_staff_change(place, staff=staff).revision
    review.approve(submitted(place, partner_user(), {"description": "De tweede tekst."}),
                   staff=staff)
    assert "De tweede tekst." in anonymous.get(place.get_absolute_url()).content.decode()

    review.restore(first, staff=staff)

    assert "De eerste tekst." in anonymous.get(place.get_absolute_url()).content.decode()


def test_a_deleted_page_disappears_at_once(anonymous, staff_browser, place):
    list_url, detail_url = reverse("locations:place_list"), place.get_absolute_url()
    anonymous.get(list_url), anonymous.get(detail_url)
    delete_url = reverse("admin:locations_place_delete", args=[place.pk])

    assert staff_browser.post(delete_url, {"post": "yes"}).status_code == 302

    assert "Buurtkamer De Linde" not in anonymous.get(list_url).content.decode()
    assert anonymous.get(detail_url).status_code == 404


def test_a_changed_link_between_pages_shows_at_once(anonymous, content):
    initiative = content["initiative"]
    assert "Morgenstond" not in anonymous.get(initiative.get_absolute_url()).content.decode()

    initiative.neighbourhoods.add(NeighbourhoodFactory(name="Morgenstond"))  # m2m_changed

    response = anonymous.get(initiative.get_absolute_url())
    assert response[STATUS_HEADER] == "miss" and "Morgenstond" in response.content.decode()


def test_rebuilding_the_agenda_in_bulk_shows_at_once(anonymous, content):
    url = reverse("locations:agenda_today")
    anonymous.get(url)
    assert anonymous.get(url)[STATUS_HEADER] == "hit"

    refresh_occurrences()  # bulk_create: no signals

    assert anonymous.get(url)[STATUS_HEADER] == "miss"


def test_a_change_made_inside_a_transaction_invalidates_again_when_it_commits(
        anonymous, place, django_capture_on_commit_callbacks):
    url = place.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place.description = "Nog niet vastgelegd."
        place.save()
        anonymous.get(url)  # another visitor, during the transaction, caches the page
        assert anonymous.get(url)[STATUS_HEADER] == "hit"
    for callback in callbacks:  # the commit
        callback()
    assert anonymous.get(url)[STATUS_HEADER] == "miss"


# --- never anything personal ---------------------------------------------------------------------


def test_a_logged_in_partner_neither_reads_nor_fills_the_cache(anonymous, place):
    partner = partner_user(OrganisationFactory(name="Stichting De Linde"),
                           email="redacteur@delinde.example", username="redacteur@delinde.example")
    partner_browser = Client()
    partner_browser.force_login(partner)
    anonymous.get(place.get_absolute_url())  # cached for anonymous visitors

    seen = partner_browser.get(place.get_absolute_url())
    dashboard = partner_browser.get(reverse("partner:dashboard"))

    assert seen.status_code == 200 and STATUS_HEADER not in seen
    assert dashboard.status_code == 200 and STATUS_HEADER not in dashboard
    assert "Stichting De Linde" in dashboard.content.decode()
    home_for_partner = partner_browser.get(reverse("site:home"))
    assert STATUS_HEADER not in home_for_partner
    home = anonymous.get(reverse("site:home"))
    assert home[STATUS_HEADER] == "miss"  # the partner's visit stored nothing
    assert "redacteur@delinde.example" not in home.content.decode()
    assert anonymous.get(reverse("partner:dashboard")).status_code == 302  # to the login


def test_a_page_with_a_form_token_is_never_cached(anonymous, place):
    opportunity = OpportunityFactory(place=place, accepts_signups=True)  # the form on its page
    first = anonymous.get(opportunity.get_absolute_url())
    assert "csrfmiddlewaretoken" in first.content.decode()

    second, queries = fetch(anonymous, opportunity.get_absolute_url())

    assert second[STATUS_HEADER] == "miss" and queries > 0
    assert "csrftoken" in second.cookies


def test_a_visitor_with_a_session_or_messages_cookie_is_not_served_from_the_cache(
        anonymous, place, settings):
    url = place.get_absolute_url()
    anonymous.get(url)
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "something"
        assert STATUS_HEADER not in visitor.get(url)


def test_sign_up_forms_and_posts_are_not_cached(anonymous, content):
    opportunity = content["opportunity"]
    opportunity.accepts_signups = True
    opportunity.save()
    signup = reverse("signups:opportunity_signup", kwargs={"slug": opportunity.slug})
    assert STATUS_HEADER not in anonymous.get(signup)
    assert STATUS_HEADER not in anonymous.post(opportunity.get_absolute_url())


class TestWhatIsStored:
    """The decorator and the middleware on their own: a view that answers with something
    personal is called again for the next visitor; an ordinary one is not."""

    @pytest.fixture
    def visit(self, rf):
        def visit(view):
            calls = []

            @public_page
            def counted(request):
                calls.append(request)
                request.user = AnonymousUser()  # what the middleware below would set
                request.session = SessionStore()
                request._messages = default_storage(request)
                return view(request)

            for _ in range(2):
                PageCacheMiddleware(counted)(rf.get("/proef/"))
            return len(calls)

        return visit

    def test_an_ordinary_response_is_stored(self, visit):
        assert visit(lambda request: HttpResponse("hallo")) == 1

    def test_a_response_that_sets_a_cookie_is_not(self, visit):
        def sets_cookie(request):
            response = HttpResponse("hallo")
            response.set_cookie("keuze", "1")
            return response

        assert visit(sets_cookie) == 2

    def test_a_response_with_a_form_token_is_not(self, visit):
        assert visit(lambda request: HttpResponse(get_token(request))) == 2

    def test_a_response_with_a_new_message_is_not(self, visit):
        def with_message(request):
            add_message(request, constants.SUCCESS, "Opgeslagen.")
            return HttpResponse("hallo")

        assert visit(with_message) == 2

    def test_a_response_that_writes_the_session_is_not(self, visit):
        def writes_session(request):
            request.session["gezien"] = True
            return HttpResponse("hallo")

        assert visit(writes_session) == 2

    def test_private_varying_failed_and_streamed_responses_are_not(self, visit):
        from django.http import StreamingHttpResponse

        assert visit(never_cache(lambda request: HttpResponse("hallo"))) == 2
        assert visit(vary_on_headers("Accept")(lambda request: HttpResponse("hallo"))) == 2
        assert visit(lambda request: HttpResponse("weg", status=404)) == 2
        assert visit(lambda request: StreamingHttpResponse(["hallo"])) == 2


# --- CSP nonces ------------------------------------------------------------------------------


@pytest.fixture
def csp(settings):
    """Django's Content Security Policy with a nonce for scripts, as the site may run it."""
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0],
                           "django.middleware.csp.ContentSecurityPolicyMiddleware",
                           *settings.MIDDLEWARE[1:]]
    settings.SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]}
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {**engine["OPTIONS"], "context_processors": [
        *engine["OPTIONS"]["context_processors"], "django.template.context_processors.csp"]}
    settings.TEMPLATES = [engine]


def inline_script_page(request):
    """A public page with an inline script, which needs the nonce (no page of the site has one
    today: JSON-LD is a data block without a nonce)."""
    from django.template import engines

    template = engines["django"].from_string(
        '<!DOCTYPE html><script nonce="{{ csp_nonce }}">document.title = "x";</script>')
    return HttpResponse(template.render({}, request))


def nonce_urls():
    from django.urls import path

    return [path("met-script/", public_page(inline_script_page))]


urlpatterns = nonce_urls()  # ROOT_URLCONF of the nonce test below


def test_each_visitor_gets_their_own_nonce_in_a_cached_page(anonymous, csp, settings):
    settings.ROOT_URLCONF = __name__
    responses = [anonymous.get("/met-script/") for _ in range(3)]

    assert [response[STATUS_HEADER] for response in responses] == ["miss", "hit", "hit"]
    nonces = []
    for response in responses:
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        in_page = re.findall(r'<script nonce="([^"]+)"', response.content.decode())
        assert in_page == [header]
        assert NONCE_PLACEHOLDER not in response.content
        nonces.append(header)
    assert len(set(nonces)) == 3


def test_a_cached_page_without_a_nonce_stays_without_one(anonymous, csp):
    for _ in range(2):
        response = anonymous.get(reverse("site:about"))
        assert "nonce" not in response.content.decode()
        assert "nonce-" not in response["Content-Security-Policy"]


# --- conditional GET and compression -------------------------------------------------------------


def test_a_visitor_who_has_the_page_gets_304(anonymous, place):
    url = place.get_absolute_url()
    etag = anonymous.get(url)["ETag"]
    assert anonymous.get(url)["ETag"] == etag  # from the cache, the same page

    response = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response.content == b""
    assert anonymous.get(url, HTTP_IF_NONE_MATCH='"anders"').status_code == 200


def test_a_304_also_for_a_compressed_page(anonymous, place):
    url = place.get_absolute_url()
    etag = anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    assert etag.startswith('W/"')
    assert anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip",
                         HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_anonymous_html_is_compressed(anonymous, place):
    url = place.get_absolute_url()
    plain = anonymous.get(url)
    for _ in range(2):  # made, then from the cache
        response = anonymous.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 2


def test_feeds_are_compressed_and_photos_are_not(anonymous, content):
    calendar = anonymous.get(reverse("locations:agenda_calendar"), HTTP_ACCEPT_ENCODING="gzip")
    geojson = anonymous.get(reverse("locations:places_geojson"), HTTP_ACCEPT_ENCODING="gzip")
    assert calendar["Content-Encoding"] == geojson["Content-Encoding"] == "gzip"

    from zuidwest.caching.middleware import CompressPublicResponsesMiddleware

    photo = HttpResponse(b"\xff\xd8" + b"0" * 1000, content_type="image/jpeg")
    request = RequestFactory().get("/media/foto.jpg", HTTP_ACCEPT_ENCODING="gzip")
    response = CompressPublicResponsesMiddleware(lambda request: photo)(request)
    assert not response.has_header("Content-Encoding")


def test_pages_with_secrets_are_not_compressed(place):
    partner_browser = Client()
    partner_browser.force_login(partner_user())
    for url in (place.get_absolute_url(), reverse("partner:dashboard")):
        response = partner_browser.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and not response.has_header("Content-Encoding")
    login = Client().get(reverse("accounts:login"), HTTP_ACCEPT_ENCODING="gzip")
    assert "csrftoken" in login.cookies and not login.has_header("Content-Encoding")


# --- Redis --------------------------------------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    def use(location, **extra):
        backends._resting_until.clear()
        settings.CACHES = {"default": {
            "BACKEND": "zuidwest.caching.backends.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # nothing of another run or person
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }}

    yield use
    backends._resting_until.clear()


def test_with_redis_down_every_page_is_served_and_the_outage_is_logged(
        anonymous, content, redis_cache, caplog, monkeypatch):
    redis_cache(DEAD_REDIS)
    monkeypatch.setattr(backends, "REST_SECONDS", 600)  # longer than the test, however busy
    with caplog.at_level(logging.WARNING, logger="zuidwest.caching.backends"):
        for url in public_urls(content):
            for _ in range(2):
                response = anonymous.get(url)
                assert (response.status_code, response[STATUS_HEADER]) == (200, "miss"), url

    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1  # then it rests, instead of trying on every call
    assert warnings[0].startswith("Redis cache unreachable (get_many: Error 111 connecting")


def test_with_redis_down_a_partner_stays_logged_in(redis_cache, place):
    redis_cache(DEAD_REDIS)
    partner_browser = Client()
    partner_browser.force_login(partner_user(OrganisationFactory(name="Stichting De Linde")))

    for _ in range(3):
        backends._resting_until.clear()  # try Redis on each request
        dashboard = partner_browser.get(reverse("partner:dashboard"))
        assert dashboard.status_code == 200
        assert "Stichting De Linde" in dashboard.content.decode()
    assert partner_browser.post(reverse("accounts:logout")).status_code == 302
    assert partner_browser.get(reverse("partner:dashboard")).status_code == 302


def test_the_fail_open_cache_answers_like_an_empty_cache(redis_cache):
    from django.core.cache import cache

    redis_cache(DEAD_REDIS)
    for _ in range(2):  # trying Redis, then resting
        assert cache.get("sleutel", "standaard") == "standaard"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("sleutel", 1) is False
        assert cache.set("sleutel", 1) is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert "sleutel" not in cache
        with pytest.raises(ValueError):
            cache.incr("teller")


def live_redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(LIVE_REDIS, socket_connect_timeout=0.25).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.mark.skipif(not live_redis_reachable(), reason=f"no Redis at {LIVE_REDIS}")
def test_with_a_live_redis_pages_are_cached_and_a_change_shows_at_once(
        anonymous, place, redis_cache):
    redis_cache(LIVE_REDIS)
    url = place.get_absolute_url()
    anonymous.get(url)
    response, queries = fetch(anonymous, url)
    assert (response[STATUS_HEADER], queries) == ("hit", 0)

    place.description = "Een nieuwe tekst."
    place.save()

    response = anonymous.get(url)
    assert response[STATUS_HEADER] == "miss" and "Een nieuwe tekst." in response.content.decode()
