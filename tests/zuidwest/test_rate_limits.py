"""Rate limits beyond django-axes' lock-out of a username and address: login attempts per IP
address across usernames (both logins), password-reset mails per address and per IP address,
the client address behind a trusted proxy, and a cache that is down."""

import logging
import math
import socket
import threading

import pytest
from axes.models import AccessAttempt
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.test import RequestFactory

from tests.factories import PARTNER_PASSWORD, PartnerUserFactory, StaffUserFactory
from zuidwest import ratelimit
from zuidwest.client_ip import client_ip

pytestmark = pytest.mark.django_db

PARTNER_LOGIN = "/partner/inloggen/"
ADMIN_LOGIN = "/beheer/login/"
RESET = "/partner/wachtwoord/vergeten/"


@pytest.fixture
def small_limits(settings):
    settings.RATE_LIMITS = {
        "login_ip": (3, 600),
        "password_reset_email": (3, 3600),
        "password_reset_ip": (10, 3600),
    }


@pytest.fixture
def authentications(monkeypatch):
    """How often a password was checked (ModelBackend.authenticate ran)."""
    calls = []
    original = ModelBackend.authenticate

    def counting(self, request, *args, **kwargs):
        calls.append(kwargs.get("username"))
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return calls


# --- logins per IP address ------------------------------------------------------------------


@pytest.mark.parametrize("url", [PARTNER_LOGIN, ADMIN_LOGIN])
def test_many_usernames_from_one_address_are_refused_before_a_password_is_checked(
    client, url, small_limits, authentications
):
    for number in range(3):
        response = client.post(url, {"username": f"iemand{number}@example.org",
                                     "password": "geraden-wachtwoord"})
        assert response.status_code == 200
    assert len(authentications) == 3

    response = client.post(url, {"username": "iemand3@example.org", "password": "geraden"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1 class=\"utrecht-heading-1\">Te veel pogingen</h1>" in html
    retry_after = int(response["Retry-After"])  # until the ten-minute window ends
    assert 0 < retry_after <= 600
    minutes = math.ceil(retry_after / 60)
    assert (f"Probeer het over {minutes} minuut opnieuw." if minutes == 1
            else f"Probeer het over {minutes} minuten opnieuw.") in html
    assert 'href="/partner/wachtwoord/vergeten/"' in html
    assert len(authentications) == 3  # no password hashed for the refused attempt
    assert AccessAttempt.objects.count() == 3  # nor counted by axes


def test_the_right_password_is_refused_too_beyond_the_limit(client, small_limits):
    partner = PartnerUserFactory(email="fatima@buurtkamer.example")
    for _attempt in range(3):
        client.post(PARTNER_LOGIN, {"username": "ander@example.org", "password": "fout"})
    response = client.post(PARTNER_LOGIN, {"username": partner.email,
                                           "password": PARTNER_PASSWORD})
    assert response.status_code == 429
    assert not auth.get_user(client).is_authenticated


def test_other_addresses_and_looking_at_the_form_are_not_limited(client, small_limits):
    partner = PartnerUserFactory(email="fatima@buurtkamer.example")
    for _attempt in range(4):
        client.post(PARTNER_LOGIN, {"username": "ander@example.org", "password": "fout"})
    assert client.get(PARTNER_LOGIN).status_code == 200
    response = client.post(PARTNER_LOGIN, {"username": partner.email,
                                           "password": PARTNER_PASSWORD},
                           REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302


def test_the_two_logins_share_one_count_per_address(client, small_limits):
    for url in [PARTNER_LOGIN, ADMIN_LOGIN, PARTNER_LOGIN]:
        client.post(url, {"username": "x", "password": "y"})
    assert client.post(ADMIN_LOGIN, {"username": "x", "password": "y"}).status_code == 429


def test_the_limit_page_is_in_english_under_en(client, small_limits):
    for _attempt in range(3):
        client.post("/en" + PARTNER_LOGIN, {"username": "x", "password": "y"})
    response = client.post("/en" + PARTNER_LOGIN, {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


# --- password-reset mails -------------------------------------------------------------------


def request_reset(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def test_at_most_three_reset_mails_per_address_per_hour(client, mailoutbox, small_limits):
    PartnerUserFactory(email="fatima@buurtkamer.example")
    answers = [request_reset(client, "Fatima@Buurtkamer.example", REMOTE_ADDR=f"192.0.2.{n}")
               for n in range(5)]
    assert len(mailoutbox) == 3
    # The page says the same every time: nothing tells that a mail was not sent.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/partner/wachtwoord/vergeten/verstuurd/")}


def test_at_most_ten_reset_requests_per_address_per_hour(client, mailoutbox, small_limits):
    for number in range(12):
        PartnerUserFactory(email=f"partner{number}@example.org")
    answers = [request_reset(client, f"partner{number}@example.org") for number in range(12)]
    assert len(mailoutbox) == 10
    assert {mail.to[0] for mail in mailoutbox} == {f"partner{n}@example.org" for n in range(10)}
    assert {a["Location"] for a in answers} == {"/partner/wachtwoord/vergeten/verstuurd/"}


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, mailoutbox, small_limits):
    response = request_reset(client, "onbekend@example.org")
    assert response["Location"] == "/partner/wachtwoord/vergeten/verstuurd/"
    assert mailoutbox == []


# --- the client address ---------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy trusted: the header is anyone's to send
        (1, None, "10.0.0.1"),  # not through the proxy
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.66, 203.0.113.7", "203.0.113.7"),  # the visitor's own entry ignored
        (2, "198.51.100.66, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # fewer entries than proxies
        (1, "niet-een-adres", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_axes_locks_the_forwarded_address_behind_a_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    partner = PartnerUserFactory(email="fatima@buurtkamer.example")
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _attempt in range(5):
        client.post(PARTNER_LOGIN, {"username": partner.email, "password": "fout"}, **attacker)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    locked = client.post(PARTNER_LOGIN, {"username": partner.email,
                                         "password": PARTNER_PASSWORD}, **attacker)
    assert locked.status_code == 429
    # The partner, from their own address behind the same proxy, still gets in.
    response = client.post(PARTNER_LOGIN, {"username": partner.email,
                                           "password": PARTNER_PASSWORD},
                           HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_lock_out(client):
    partner = PartnerUserFactory(email="fatima@buurtkamer.example")
    for number in range(5):
        client.post(PARTNER_LOGIN, {"username": partner.email, "password": "fout"},
                    HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = client.post(PARTNER_LOGIN, {"username": partner.email,
                                           "password": PARTNER_PASSWORD},
                           HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_the_per_address_limit_uses_the_forwarded_address(client, settings, small_limits):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(3):
        client.post(ADMIN_LOGIN, {"username": "x", "password": "y"},
                    HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client.post(ADMIN_LOGIN, {"username": "x", "password": "y"},
                       HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.post(ADMIN_LOGIN, {"username": "x", "password": "y"},
                       HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 200


# --- the cache ------------------------------------------------------------------------------


@pytest.fixture
def dead_redis(settings):
    """A Redis cache on a port where nothing listens; the template fragments stay in each
    process's memory, as in production."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{port}/0"},
                       "template_fragments": settings.CACHES["template_fragments"]}


def test_with_the_cache_down_logins_and_resets_still_work_and_it_is_logged(
    client, dead_redis, small_limits, caplog, mailoutbox
):
    partner = PartnerUserFactory(email="fatima@buurtkamer.example")
    staff = StaffUserFactory(username="beheerder")
    with caplog.at_level(logging.WARNING, logger="zuidwest.ratelimit"):
        for _attempt in range(4):
            client.post(PARTNER_LOGIN, {"username": "x", "password": "y"})
        response = client.post(PARTNER_LOGIN, {"username": partner.email,
                                               "password": PARTNER_PASSWORD})
        assert response.status_code == 302
        client.logout()
        response = client.post(ADMIN_LOGIN, {"username": staff.username,
                                             "password": PARTNER_PASSWORD, "next": "/beheer/"})
        assert response.status_code == 302
        request_reset(client, partner.email)
    assert len(mailoutbox) == 1
    assert "Rate limit login_ip not checked: the cache could not be reached." in caplog.messages
    assert "Rate limit password_reset_ip not checked: the cache could not be reached." \
        in caplog.messages


def test_concurrent_hits_on_redis_are_all_counted(settings):
    """Several workers at once: add and incr are atomic in Redis, so exactly the limit is let
    through (the production cache; skipped where no Redis runs)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("No Redis at 127.0.0.1:6379.")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/15",
                                   "KEY_PREFIX": "zuidwest-ratelimit-test"}}
    settings.RATE_LIMITS = {"login_ip": (25, 600)}
    caches["default"].clear()
    verdicts = []
    lock = threading.Lock()

    def worker():
        for _attempt in range(10):
            allowed = ratelimit.hit("login_ip", "203.0.113.7").allowed
            with lock:
                verdicts.append(allowed)

    threads = [threading.Thread(target=worker) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    caches["default"].clear()
    assert len(verdicts) == 80
    assert verdicts.count(True) == 25


# --- every limit behind the proxy -----------------------------------------------------------
# Behind nginx every request comes from 127.0.0.1; a limit keyed on that address would count
# all visitors together, and one visitor could lock out everybody.

PROXY = {"REMOTE_ADDR": "127.0.0.1"}


def via_proxy(visitor, spoofed=None):
    """What nginx passes on: the address it saw, after whatever the visitor sent."""
    forwarded = f"{spoofed}, {visitor}" if spoofed else visitor
    return {**PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def open_opportunity(organisation):
    from tests.factories import OpportunityFactory

    return OpportunityFactory(organisation=organisation, is_published=True, accepts_signups=True)


def _sign_up(client, opportunity, extra, **changes):
    from django.urls import reverse

    data = {"name": "Bewoner", "phone": "0612345678", "email": "", "message": "",
            "consent": "on", **changes}
    return client.post(reverse("signups:opportunity_signup",
                               kwargs={"slug": opportunity.slug}), data, **extra)


def test_behind_the_proxy_one_visitor_cannot_block_signups_for_everybody(
        client, behind_proxy, open_opportunity):
    from signups.guard import RATE_LIMIT

    for _attempt in range(RATE_LIMIT):  # a robot filling in the honeypot
        _sign_up(client, open_opportunity, via_proxy("203.0.113.66"), website="spam")
    blocked = _sign_up(client, open_opportunity, via_proxy("203.0.113.66", "198.51.100.5"))
    assert blocked.status_code == 429  # a made-up address in front does not help the robot

    resident = _sign_up(client, open_opportunity, via_proxy("198.51.100.5"))
    assert resident.status_code == 303


def test_behind_the_proxy_the_api_limit_counts_per_visitor(client, behind_proxy, settings,
                                                             db):
    settings.API_RATE_LIMIT = "2/minute"
    for _attempt in range(2):
        client.get("/api/v1/neighbourhoods", **via_proxy("203.0.113.66"))
    assert client.get("/api/v1/neighbourhoods", **via_proxy("203.0.113.66")).status_code == 429
    assert client.get("/api/v1/neighbourhoods",
                      **via_proxy("203.0.113.66", "198.51.100.5")).status_code == 429
    assert client.get("/api/v1/neighbourhoods", **via_proxy("198.51.100.5")).status_code == 200


@pytest.mark.parametrize("url", [PARTNER_LOGIN, ADMIN_LOGIN])
def test_behind_the_proxy_the_login_limit_counts_per_visitor(client, behind_proxy,
                                                             small_limits, url):
    for number in range(4):
        client.post(url, {"username": f"iemand{number}@example.org", "password": "fout"},
                    **via_proxy("203.0.113.66"))
    assert client.post(url, {"username": "x@example.org", "password": "fout"},
                       **via_proxy("203.0.113.66")).status_code == 429
    assert client.post(url, {"username": "x@example.org", "password": "fout"},
                       **via_proxy("198.51.100.5")).status_code == 200


def test_behind_the_proxy_password_resets_count_per_visitor(client, behind_proxy, settings,
                                                           mailoutbox):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset_ip": (2, 3600)}
    for number in range(3):
        PartnerUserFactory(email=f"partner{number}@example.org")
    for number in range(2):
        client.post(RESET, {"email": f"partner{number}@example.org"},
                    **via_proxy("203.0.113.66"))
    client.post(RESET, {"email": "partner2@example.org"}, **via_proxy("203.0.113.66"))
    assert len(mailoutbox) == 2
    client.post(RESET, {"email": "partner2@example.org"}, **via_proxy("198.51.100.5"))
    assert len(mailoutbox) == 3


def test_no_code_reads_the_remote_address_but_the_client_address_function():
    """One function decides who the visitor is (zuidwest/client_ip.py)."""
    import re
    from pathlib import Path

    # A read: META["REMOTE_ADDR"] or META.get("REMOTE_ADDR"); a request the code builds itself
    # (zuidwest/caching/warming.py) may name it.
    reads = re.compile(r"""META(?:\[|\.get\()\s*["']REMOTE_ADDR["']""")
    root = Path(__file__).resolve().parents[2]
    readers = [str(path.relative_to(root)) for folder in ("alliances", "initiatives",
                                                          "locations", "opendata", "zuidwest")
               for path in (root / folder).rglob("*.py")
               if reads.search(path.read_text(encoding="utf-8"))]
    assert readers == ["zuidwest/client_ip.py"]
