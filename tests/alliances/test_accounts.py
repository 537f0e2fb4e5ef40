"""Partners log in with their e-mail address, log out by POST, and change or reset their password.

Logins go through the login page (axes needs the request), never through client.login().
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib import auth
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import (
    PARTNER_PASSWORD,
    OrganisationFactory,
    PartnerUserFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = "/partner/inloggen/"


def logged_in_user(client):
    return auth.get_user(client)


def test_the_account_pages_have_dutch_addresses_under_partner():
    assert reverse("accounts:login") == "/partner/inloggen/"
    assert reverse("accounts:logout") == "/partner/uitloggen/"
    assert reverse("accounts:password_change") == "/partner/wachtwoord/wijzigen/"
    assert reverse("accounts:password_reset") == "/partner/wachtwoord/vergeten/"


def test_the_login_page_is_in_dutch_with_a_link_to_reset_the_password(client):
    html = client.get(LOGIN_URL).content.decode()
    assert "Inloggen voor partners" in html
    assert "E-mailadres" in html
    assert 'href="/partner/wachtwoord/vergeten/"' in html


def test_a_partner_logs_in_with_their_email_address_and_lands_in_the_partner_area(client):
    user = PartnerUserFactory(email="fatima@buurtkamer.example")
    response = client.post(
        LOGIN_URL, {"username": "fatima@buurtkamer.example", "password": PARTNER_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/partner/"
    assert logged_in_user(client).pk == user.pk


def test_the_email_address_may_be_typed_with_capitals(client):
    user = PartnerUserFactory(email="fatima@buurtkamer.example")
    client.post(LOGIN_URL, {"username": "Fatima@Buurtkamer.example", "password": PARTNER_PASSWORD})
    assert logged_in_user(client).pk == user.pk


def test_staff_log_in_with_their_username_or_their_email_address(client):
    staff = StaffUserFactory(username="beheerder", email="beheerder@gemeente.example")
    client.post(LOGIN_URL, {"username": "beheerder", "password": PARTNER_PASSWORD})
    assert logged_in_user(client).pk == staff.pk
    client.post(reverse("accounts:logout"))
    client.post(LOGIN_URL, {"username": "beheerder@gemeente.example", "password": PARTNER_PASSWORD})
    assert logged_in_user(client).pk == staff.pk


def test_a_wrong_password_gives_a_dutch_message_and_no_login(client):
    PartnerUserFactory(email="fatima@buurtkamer.example")
    response = client.post(
        LOGIN_URL, {"username": "fatima@buurtkamer.example", "password": "niet-het-wachtwoord"}
    )
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet" in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_an_unknown_address_gets_the_same_message_as_a_wrong_password(client):
    response = client.post(
        LOGIN_URL, {"username": "niemand@zuidwest.example", "password": "wat-dan-ook-123"}
    )
    assert "Het e-mailadres of het wachtwoord klopt niet" in response.content.decode()


def test_login_follows_a_safe_next_address(client):
    PartnerUserFactory(email="fatima@buurtkamer.example")
    response = client.post(
        LOGIN_URL,
        {"username": "fatima@buurtkamer.example", "password": PARTNER_PASSWORD,
         "next": "/partner/wachtwoord/wijzigen/"},
    )
    assert response["Location"] == "/partner/wachtwoord/wijzigen/"


def test_logging_out_takes_a_post_and_a_get_changes_nothing(client):
    user = PartnerUserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert logged_in_user(client).pk == user.pk
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("site:home")
    assert not logged_in_user(client).is_authenticated
    assert "Je bent uitgelogd." in client.get(response["Location"]).content.decode()


def test_changing_the_password_needs_a_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")


def test_a_partner_changes_their_password_and_logs_in_with_the_new_one(client):
    user = PartnerUserFactory(email="fatima@buurtkamer.example")
    client.force_login(user)
    new_password = "lantaarn-paal-brug-2026"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PARTNER_PASSWORD, "new_password1": new_password,
         "new_password2": new_password},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    assert "Je wachtwoord is gewijzigd" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_a_too_short_new_password_is_refused_with_the_form_again(client):
    user = PartnerUserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PARTNER_PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "portal-error-summary" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PARTNER_PASSWORD)


def test_a_reset_request_sends_a_dutch_mail_with_a_working_link(client):
    user = PartnerUserFactory(email="fatima@buurtkamer.example")
    response = client.post(
        reverse("accounts:password_reset"), {"email": "fatima@buurtkamer.example"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@buurtkamer.example"]
    assert "nieuw wachtwoord" in message.subject
    assert "Open deze link om een nieuw wachtwoord te kiezen" in message.body
    link = re.search(re.escape(settings.SITE_URL) + r"(/partner/wachtwoord/nieuw/\S+/)",
                     message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Typ je nieuwe wachtwoord twee keer." in form_page.content.decode()
    new_password = "fiets-bank-plein-2026"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    PartnerUserFactory(email="fatima@buurtkamer.example")
    known = client.post(reverse("accounts:password_reset"), {"email": "fatima@buurtkamer.example"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "niemand@zuidwest.example"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1  # only the known address
    done = client.get(unknown["Location"]).content.decode()
    assert "Als er een account is met dit e-mailadres" in done


def test_an_old_or_broken_reset_link_says_so_in_dutch(client):
    response = client.get("/partner/wachtwoord/nieuw/MQ/ongeldig-token/")
    assert response.status_code == 200
    assert "Deze link werkt niet meer" in response.content.decode()


def test_the_local_make_run_partner_account_edits_its_demo_organisation(client):
    organisation = OrganisationFactory(slug="jongerencollectief-opstap", is_demo=True)
    output = io.StringIO()
    call_command("ensure_local_partner", stdout=output)
    password = re.search(r"password: (\S+)", output.getvalue()).group(1)
    response = client.post(LOGIN_URL, {"username": "partner@voorbeeld.example",
                                       "password": password})
    assert response.status_code == 302
    assert organisation.name in client.get("/partner/").content.decode()
    call_command("ensure_local_partner", stdout=io.StringIO())  # a second run changes nothing
    assert organisation.partner_memberships.count() == 1


def test_no_local_partner_account_without_the_demo_organisation():
    call_command("ensure_local_partner")
    assert not auth.get_user_model().objects.filter(username="partner@voorbeeld.example").exists()
