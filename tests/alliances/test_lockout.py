"""Five wrong passwords for one account from one address lock that pair out for 15 minutes,
on the partner login and on the admin login alike (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib import auth

from tests.factories import PARTNER_PASSWORD, PartnerUserFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PARTNER_LOGIN = "/partner/inloggen/"
ADMIN_LOGIN = "/beheer/login/"
EMAIL = "fatima@buurtkamer.example"


@pytest.fixture
def partner():
    return PartnerUserFactory(email=EMAIL)


def fail(client, url, username, times, **extra):
    for _attempt in range(times):
        response = client.post(url, {"username": username, "password": "fout-wachtwoord"}, **extra)
    return response


def test_four_wrong_passwords_still_show_the_login_form(client, partner):
    response = fail(client, PARTNER_LOGIN, EMAIL, 4)
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet" in response.content.decode()


def test_the_fifth_wrong_password_locks_out_with_a_dutch_page_and_status_429(client, partner):
    response = fail(client, PARTNER_LOGIN, EMAIL, 5)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in html
    assert "Probeer het over 15 minuten opnieuw" in html
    assert 'href="/partner/wachtwoord/vergeten/"' in html


def test_the_right_password_during_a_lock_out_is_refused_too(client, partner):
    fail(client, PARTNER_LOGIN, EMAIL, 5)
    response = client.post(PARTNER_LOGIN, {"username": EMAIL, "password": PARTNER_PASSWORD})
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_the_lock_is_on_the_account_and_address_together(client, partner):
    fail(client, PARTNER_LOGIN, EMAIL, 5)
    other_address = client.post(
        PARTNER_LOGIN, {"username": EMAIL, "password": PARTNER_PASSWORD},
        REMOTE_ADDR="192.0.2.44",
    )
    assert other_address.status_code == 302
    assert auth.get_user(client).pk == partner.pk


def test_the_lock_ends_after_15_minutes(client, partner):
    fail(client, PARTNER_LOGIN, EMAIL, 5)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = client.post(PARTNER_LOGIN, {"username": EMAIL, "password": PARTNER_PASSWORD})
    assert response.status_code == 302
    assert auth.get_user(client).pk == partner.pk


def test_a_good_login_wipes_the_earlier_failures(client, partner):
    fail(client, PARTNER_LOGIN, EMAIL, 4)
    client.post(PARTNER_LOGIN, {"username": EMAIL, "password": PARTNER_PASSWORD})
    assert auth.get_user(client).pk == partner.pk
    assert not AccessAttempt.objects.filter(username=EMAIL).exists()
    client.post("/partner/uitloggen/")
    response = fail(client, PARTNER_LOGIN, EMAIL, 4)
    assert response.status_code == 200  # four new failures, not eight


def test_the_admin_login_locks_out_after_five_wrong_passwords(client):
    StaffUserFactory(username="beheerder")
    response = fail(client, ADMIN_LOGIN, "beheerder", 5)
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    response = client.post(ADMIN_LOGIN, {"username": "beheerder", "password": PARTNER_PASSWORD})
    assert response.status_code == 429
    assert not auth.get_user(client).is_authenticated
