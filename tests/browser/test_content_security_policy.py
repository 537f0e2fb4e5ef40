"""The Content Security Policy holds on every page: the public site, the partner area and the
admin. Every browser context records violations (conftest.CspLog) and fails its test on any;
these tests walk the pages the other browser tests do not open."""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse

from tests.factories import StaffUserFactory, partner_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Links a walk does not follow: downloads (not pages), logging out, and the language switch.
SKIPPED_SUFFIXES = (".ics", ".pdf", ".xlsx", ".csv", ".json", ".geojson", ".png", ".jpg", ".svg")
SKIPPED_WORDS = ("uitloggen", "logout", "/i18n/", "/media/", "/static/")


def log_in_as(context, live_server, user):
    """Give the browser context a session of `user`, without the login form."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def walk(page, live_server, start, within, limit):
    """Open `start` and follow same-site links under `within`, breadth first, each path once,
    at most `limit` pages. Returns the paths opened; every one must answer below 400."""
    seen, opened, queue = set(), [], deque([start])
    while queue and len(opened) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status < 400, (path, response and response.status)
        opened.append(path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(urldefrag(href).url)
            if parts.netloc != urlsplit(live_server.url).netloc:
                continue
            if not parts.path.startswith(within) or parts.path in seen:
                continue
            if parts.path.endswith(SKIPPED_SUFFIXES) or any(w in parts.path for w in SKIPPED_WORDS):
                continue
            queue.append(parts.path)
    return opened


def test_the_detector_reports_a_violation(new_context, live_server, site_data):
    """A style attribute is what the policy forbids; the recorded log must see it."""
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + reverse("site:home"))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("style-src" in str(violation) for violation in context.csp_log.violations)
    context.csp_log.violations.clear()  # the deliberate one must not fail this test


def test_the_public_site_keeps_the_policy(new_context, live_server, site_data):
    page = new_context().new_page()
    opened = walk(page, live_server, reverse("site:home"), "/", limit=70)
    assert len(opened) >= 40, opened


def test_the_partner_area_keeps_the_policy(new_context, live_server, site_data):
    from locations.models import Place

    place = Place.objects.filter(managing_organisation__isnull=False).order_by("pk").first()
    partner = partner_user(place.managing_organisation, role="admin",
                           email="csp@zuidwest.example", username="csp@zuidwest.example")
    context = new_context()
    log_in_as(context, live_server, partner)
    page = context.new_page()
    opened = walk(page, live_server, "/partner/", "/partner/", limit=40)
    assert any("bewerken" in path for path in opened) and any("nieuw" in path for path in opened)
    preview = reverse("partner:place_preview", kwargs={"pk": place.pk})
    assert page.goto(live_server.url + preview).ok


def test_the_admin_keeps_the_policy(new_context, live_server, site_data, settings):
    """Every admin list, an add form and the first object's change form of each model, the
    dashboard, the review queue and the yearly report page."""
    from django.contrib import admin

    settings.ADMIN_REQUIRE_2FA = False
    staff = StaffUserFactory(username="csp-beheer", is_superuser=True)
    context = new_context()
    log_in_as(context, live_server, staff)
    page = context.new_page()
    paths = [reverse("admin:index"), reverse("admin:progress_annual_report")]
    request = type("Request", (), {"user": staff})()
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            paths.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status < 400, (path, response and response.status)
