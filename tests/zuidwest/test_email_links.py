"""Every e-mail the portal sends links to its public address (SITE_URL), never to a loopback
address, whatever the Host header of the request that caused it (docs/operations/canonical-url.md).

The mails are made the way the portal makes them: through the pages and services that send
them, with the request's host set to a loopback address. A source scan keeps the list complete:
a new place in the code that sends mail fails `test_every_place_that_sends_mail_is_covered`
until a case for it is added here.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from alliances.accounts import invitations
from alliances.models import PartnerRole
from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OpportunityFactory,
    PartnerUserFactory,
    StaffUserFactory,
    partner_user,
)
from zuidwest import review

pytestmark = pytest.mark.django_db

PUBLIC = "https://portal.zuidwest.example"
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[?::1\]?(?![0-9a-f:])|0\.0\.0\.0", re.IGNORECASE)
LOCAL_HOST = {"HTTP_HOST": "127.0.0.1:8000"}


@pytest.fixture(autouse=True)
def public_site_url(settings):
    settings.SITE_URL = PUBLIC
    cache.clear()  # the sign-up rate limit counts in the cache


def links(message):
    return re.findall(r"https?://\S+", message.body)


def assert_public_links_only(messages, expected_count):
    assert len(messages) == expected_count
    for message in messages:
        assert not LOOPBACK.search(message.body), message.body
        assert not LOOPBACK.search(message.subject)
        assert links(message), f"no link in {message.subject!r}"
        assert all(link.startswith(PUBLIC + "/") for link in links(message)), links(message)


def test_the_loopback_pattern_finds_every_local_address():
    for body in ("http://127.0.0.1:8000/x", "http://localhost/x", "http://[::1]:8000/x",
                 "http://0.0.0.0:8000/"):
        assert LOOPBACK.search(body)
    assert not LOOPBACK.search(f"{PUBLIC}/partner/ en 06 12 34 56 78")


def test_review_mails_to_staff_and_partners(django_capture_on_commit_callbacks):
    StaffUserFactory(email="staf@zuidwest.example")
    partner = PartnerUserFactory(email="partner@zuidwest.example")
    for decide in (lambda draft, staff: review.approve(draft, staff=staff),
                   lambda draft, staff: review.reject(draft, staff=staff, reason="Foto mist.")):
        initiative = InitiativeFactory()
        draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                                  token=review.version_token(initiative))
        with django_capture_on_commit_callbacks(execute=True):
            review.submit(draft, user=partner)
        with django_capture_on_commit_callbacks(execute=True):
            decide(draft, StaffUserFactory(email=""))

    # submitted, approved; submitted, rejected
    assert_public_links_only(mail.outbox, 4)


def test_invitations_from_the_partner_area_and_the_service(client, organisation):
    admin = partner_user(organisation, role=PartnerRole.ADMIN)
    client.force_login(admin)
    client.post(reverse("accounts:invite", kwargs={"slug": organisation.slug}),
                {"email": "nieuw@zuidwest.example", "role": "editor"}, **LOCAL_HOST)
    invitations.invite(inviter=StaffUserFactory(), organisation=organisation,
                       email="ander@zuidwest.example", role=PartnerRole.EDITOR)

    assert_public_links_only(mail.outbox, 2)


def test_the_password_reset_mail(client):
    PartnerUserFactory(email="fatima@zuidwest.example")
    client.post(reverse("accounts:password_reset"), {"email": "fatima@zuidwest.example"},
                **LOCAL_HOST)

    assert_public_links_only(mail.outbox, 1)


def test_the_sign_up_mails_for_an_opportunity_and_an_activity(
        client, organisation, django_capture_on_commit_callbacks):
    partner_user(organisation, email="collega@zuidwest.example")
    opportunity = OpportunityFactory(organisation=organisation, is_published=True,
                                     accepts_signups=True)
    activity = ActivityFactory(organiser=organisation, is_published=True,
                               registration_required=True, accepts_signups=True)
    activity.place.is_published = True
    activity.place.save()
    refresh_occurrences()  # the activity's dates, to sign up for
    form = {"name": "Samira", "phone": "", "email": "samira@zuidwest.example", "message": "",
            "consent": "on", "website": ""}
    for url in (reverse("signups:opportunity_signup", kwargs={"slug": opportunity.slug}),
                reverse("signups:activity_signup", kwargs={"slug": activity.slug})):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form, **LOCAL_HOST)
        assert response.status_code == 303

    # per sign-up: the confirmation to the resident and the notice to the organisation
    assert_public_links_only(mail.outbox, 4)


# Where the code sends mail, and the test above that covers it.
MAIL_SENDERS = {
    "zuidwest/review/notifications.py": test_review_mails_to_staff_and_partners,
    "alliances/accounts/invitations.py": test_invitations_from_the_partner_area_and_the_service,
    "alliances/accounts/password_reset.py": test_the_password_reset_mail,
    "alliances/accounts/views.py": test_the_password_reset_mail,  # PasswordResetForm
    "signups/mail.py": test_the_sign_up_mails_for_an_opportunity_and_an_activity,
}
SENDS_MAIL = re.compile(r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|"
                        r"EmailMultiAlternatives|PasswordResetForm|get_connection)\b")


def test_every_place_that_sends_mail_is_covered():
    root = Path(django_settings.BASE_DIR)
    found = {
        str(path.relative_to(root))
        for package in ("zuidwest", "alliances", "initiatives", "funding", "progress", "work",
                        "signups", "locations", "site_pages", "opendata")
        for path in (root / package).rglob("*.py")
        if SENDS_MAIL.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(MAIL_SENDERS)
