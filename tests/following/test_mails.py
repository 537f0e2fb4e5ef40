"""Every mail of following: plain text and HTML, no images or remote resources, links on
SITE_URL only, and the unsubscribe headers of RFC 2369 and RFC 8058."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from following import services, subjects
from following.models import Follower, FollowRequest
from tests.following.conftest import PUBLIC, follower
from tests.following.test_digests import this_week  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""https?://[^\s"'<>]+""")


def every_kind_of_mail(client, place, hood, capture):
    """The confirmation, "you follow already", a digest and a notice."""
    with capture(execute=True):
        client.post(reverse("following:follow"),
                    {"email": "nieuw@voorbeeld.example", "kind": "plek", "key": place.slug})
    reader = follower("a@voorbeeld.example", ("plek", place.slug))
    with capture(execute=True):
        client.post(reverse("following:follow"),
                    {"email": "a@voorbeeld.example", "kind": "wijk", "key": hood.slug})
    call_command("send_digests", "--force", stdout=StringIO())
    services.notify_now("plek", place.slug, subjects.Item("Nieuws", "Open dag", "/open-dag/"))
    assert Follower.objects.filter(pk=reader.pk).exists()
    return list(mail.outbox)


def test_every_mail_is_plain_text_and_html_with_links_on_site_url_only(
        client, place, hood, this_week, django_capture_on_commit_callbacks):  # noqa: F811
    messages = every_kind_of_mail(client, place, hood, django_capture_on_commit_callbacks)

    assert len(messages) == 4
    for message in messages:
        assert len(message.alternatives) == 1
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert message.content_subtype == "plain"
        for part in (message.body, html):
            links = LINK.findall(part)
            assert links, message.subject
            assert all(link.startswith(PUBLIC + "/") for link in links), links
        # Nothing loads from anywhere: no images, no remote style sheets, no scripts.
        assert not re.search(r"<img|<link|<script|src=|url\(|@import", html, re.I)
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_every_mail_carries_one_click_unsubscribe_headers(
        client, place, hood, this_week, django_capture_on_commit_callbacks):  # noqa: F811
    messages = every_kind_of_mail(client, place, hood, django_capture_on_commit_callbacks)

    paths = set()
    for message in messages:
        header = message.extra_headers["List-Unsubscribe"]
        assert re.fullmatch(re.escape(f"<{PUBLIC}/volgen/afmelden/") + r"[\w-]+/>", header)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        paths.add(header.strip("<>").removeprefix(PUBLIC))
    assert len(paths) == 2  # the request's (confirmation) and the follower's (the others)
    # Each address ends it with one POST, without cookies or a token.
    for path in paths:
        assert Client(enforce_csrf_checks=True).post(
            path, "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded").status_code == 200
    assert not Follower.objects.exists()
    assert not FollowRequest.objects.exists()


def test_the_html_fits_a_narrow_screen(client, place, hood, this_week,  # noqa: F811
                                       django_capture_on_commit_callbacks):
    messages = every_kind_of_mail(client, place, hood, django_capture_on_commit_callbacks)

    for message in messages:
        html = message.alternatives[0][0]
        widths = [int(width) for width in re.findall(r"(?<![-\w])width:\s*(\d+)px", html)]
        assert all(width <= 320 for width in widths), widths
        assert "max-width: 600px" in html
        assert "<table" not in html  # one column, no layout tables
