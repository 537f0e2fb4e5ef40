"""security.txt, the Permissions-Policy header and the portal's own CSRF failure page."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_security_txt_says_whom_to_contact_and_does_not_expire(client, settings):
    settings.SITE_URL = "https://portal.example.nl"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    assert fields["Canonical"] == "https://portal.example.nl/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    now = timezone.now()
    # RFC 9116: in the future, and less than a year from now.
    assert now + datetime.timedelta(days=30) < expires < now + datetime.timedelta(days=365)


@pytest.mark.parametrize("path", ["/", "/partner/inloggen/", "/beheer/login/",
                                  "/.well-known/security.txt"])
def test_every_response_refuses_powerful_browser_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()",
                    "interest-cohort=()"):
        assert feature in policy


def test_an_expired_form_gets_a_polite_page_without_debug_hints():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/partner/inloggen/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier is verlopen" in html
    assert "DEBUG" not in html and "CSRF" not in html
