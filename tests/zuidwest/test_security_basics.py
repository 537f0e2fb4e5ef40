"""security.txt, the Permissions-Policy header and the portal's own CSRF failure page."""

import datetime
import re
from pathlib import Path

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


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/plekken/", "/partner/inloggen/", "/beheer/login/",
                                  "/bestaat-niet/", "/.well-known/security.txt"])
def test_every_response_carries_a_strict_content_security_policy(client, path):
    directives = csp_directives(client.get(path))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'" and len(directives["script-src"]) <= 2
    assert directives["style-src"][0] == "'self'" and len(directives["style-src"]) <= 2
    assert directives["img-src"] == ["'self'", "https://service.pdok.nl"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    header = client.get(path)["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "data:" not in header


@pytest.mark.django_db
def test_a_page_with_json_ld_is_the_same_for_every_visitor(client):
    """JSON-LD is a data block, outside the policy: no nonce, so the page (and its ETag) stays
    the same and conditional GETs work."""
    from locations.models import Place
    from tests.factories import PlaceFactory

    PlaceFactory(is_published=True)
    url = Place.objects.get().get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert '<script type="application/ld+json">' in first.content.decode()
    assert "nonce-" not in first["Content-Security-Policy"]
    assert first.content == second.content and first["ETag"] == second["ETag"]


# Rendered for the PDF only (WeasyPrint), never served to a browser.
PDF_ONLY_TEMPLATES = {"progress/report/annual_report.html"}
# The HTML of e-mails: no browser policy applies in a mail program, which ignores linked style
# sheets (following/mail.py: no remote resources at all), so their style is in the document.
MAIL_TEMPLATES = "following/email/"
INLINE_CODE = re.compile(
    r"""\sstyle\s*=|<style\b|\son[a-z]+\s*=|<script\b(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)""",
    re.IGNORECASE,
)


def test_no_template_has_inline_styles_scripts_or_event_handlers():
    """The policy allows neither style attributes nor inline scripts or handlers: a template
    that had one would break in the browser (and the browser tests would fail on it)."""
    from django.conf import settings

    roots = [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates" for app in ("alliances", "initiatives",
                                                                "locations", "opendata",
                                                                "zuidwest")
    ]
    offenders = []
    for root in roots:
        for template in root.rglob("*.html"):
            name = template.relative_to(root).as_posix()
            if name in PDF_ONLY_TEMPLATES or name.startswith(MAIL_TEMPLATES):
                continue
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                if INLINE_CODE.search(line):
                    offenders.append(f"{name}:{number}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)


# A data: URL where a style sheet loads something (url(data:...)), not a class name that happens
# to end in "data" before a pseudo-element (.card--numeric-data::before).
DATA_URL = re.compile(r"url\(\s*[\"']?data:")


def test_the_style_sheets_the_pages_use_load_no_data_urls():
    """img-src allows no data: URLs. The select arrow of the Den Haag theme was one; whether the
    browser fetched it before portal.css overrode it depended on timing, so only some browser
    test runs caught it. The Utrecht components' own data: URLs are for custom checkboxes,
    which the portal does not use."""
    from django.conf import settings

    static = Path(settings.BASE_DIR) / "static"
    sheets = [path.relative_to(static).as_posix() for path in (static / "css").glob("*.css")]
    for sheet in (*sheets, "vendor/denhaag-design-tokens/denhaag-theme.css",
                  "vendor/leaflet/leaflet.css"):
        assert not DATA_URL.search((static / sheet).read_text()), sheet
    components = (static / "vendor/utrecht-component-library-css/utrecht-components.css")
    for rule in re.findall(r"([^{}]*)\{[^{}]*url\(\s*[\"']?data:", components.read_text()):
        assert "utrecht-checkbox--custom" in rule, rule
    roots = ("templates", "alliances", "initiatives", "funding", "progress", "work", "signups",
             "ideas", "following", "locations", "opendata", "site_pages", "zuidwest")
    templates = [t for root in roots for t in (Path(settings.BASE_DIR) / root).rglob("*.html")]
    assert templates and not [t for t in templates if "utrecht-checkbox--custom" in t.read_text()]
