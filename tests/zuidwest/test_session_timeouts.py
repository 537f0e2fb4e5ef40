"""Logged-in sessions end after a while without activity and after a maximum, with a clear
message; the admin's limit is shorter than the partner area's."""

import time

import pytest
from django.urls import reverse

from zuidwest.sessions import LAST_SEEN, STARTED

pytestmark = pytest.mark.django_db


def age_session(client, *, idle=0, started=0):
    session = client.session
    now = time.time()
    session[LAST_SEEN] = now - idle
    session[STARTED] = now - started
    session.save()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_partner_is_logged_out_after_four_idle_hours(partner_client):
    dashboard = reverse("partner:dashboard")
    assert partner_client.get(dashboard).status_code == 200
    age_session(partner_client, idle=3 * 3600)
    assert partner_client.get(dashboard).status_code == 200  # three hours: still in

    age_session(partner_client, idle=4 * 3600 + 1)
    response = partner_client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/partner/"
    page = partner_client.get(response["Location"])
    assert ("U bent uitgelogd, omdat u een tijd niets op de site heeft gedaan. Log opnieuw in "
            "om verder te gaan.") in messages_of(page)
    assert partner_client.get(dashboard).status_code == 302  # really logged out


def test_staff_are_logged_out_of_the_admin_after_half_an_hour(staff_client):
    assert staff_client.get("/beheer/").status_code == 200
    age_session(staff_client, idle=31 * 60)
    response = staff_client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_session_ends_after_twelve_hours(partner_client):
    age_session(partner_client, idle=0, started=12 * 3600 + 1)
    response = partner_client.get(reverse("partner:dashboard"))
    assert response.status_code == 302
    page = partner_client.get(response["Location"])
    assert ("U bent uitgelogd, omdat u al lang bent ingelogd. Log opnieuw in om verder te "
            "gaan.") in messages_of(page)


def test_a_post_after_the_timeout_changes_nothing_and_is_not_replayed(partner_client):
    age_session(partner_client, idle=5 * 3600)
    response = partner_client.post(reverse("partner:initiative_create"), {"title": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
