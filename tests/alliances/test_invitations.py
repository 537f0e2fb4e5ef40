"""Organisation admins and staff invite people by e-mail; an invitation works once, for 7 days."""

import datetime
import hashlib
import re
import threading
import time

import pytest
from django.conf import settings
from django.contrib import auth
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from alliances.accounts import invitations
from alliances.models import Invitation, PartnerMembership, PartnerRole
from alliances.permissions import can_invite, is_organisation_admin, organisations_of
from tests.factories import (
    PARTNER_PASSWORD,
    InvitationFactory,
    OrganisationFactory,
    PartnerMembershipFactory,
    PartnerUserFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "een-geheime-code-voor-de-test-0123456789abcdefghij"
NEW_PASSWORD = "markt-fiets-zonnebloem-7"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Buurtkamer Moerwijk", slug="buurtkamer-moerwijk")


@pytest.fixture
def org_admin(organisation):
    return PartnerMembershipFactory(organisation=organisation, role=PartnerRole.ADMIN).user


def invite_url(organisation):
    return reverse("accounts:invite", kwargs={"slug": organisation.slug})


def accept_url(token):
    return reverse("accounts:invitation_accept", kwargs={"token": token})


def link_in(message):
    return re.search(re.escape(settings.SITE_URL) + r"(/partner/uitnodiging/[\w-]+/)",
                     message.body).group(1)


# Roles and permissions


def test_an_account_may_belong_to_several_organisations_with_its_own_role_in_each():
    user = PartnerUserFactory()
    first = PartnerMembershipFactory(user=user, role=PartnerRole.ADMIN).organisation
    second = PartnerMembershipFactory(user=user, role=PartnerRole.EDITOR).organisation
    OrganisationFactory()
    assert set(organisations_of(user)) == {first, second}
    assert is_organisation_admin(user, first)
    assert not is_organisation_admin(user, second)
    assert can_invite(user, first)
    assert not can_invite(user, second)


def test_staff_may_invite_everywhere_but_belong_to_no_organisation_of_their_own(organisation):
    staff = StaffUserFactory()
    assert can_invite(staff, organisation)
    assert not organisations_of(staff).exists()


# The invite page


def test_the_invite_page_shows_members_and_open_invitations_to_the_organisation_admin(
    client, organisation, org_admin
):
    editor = PartnerMembershipFactory(organisation=organisation, role=PartnerRole.EDITOR).user
    InvitationFactory(organisation=organisation, email="open@zuidwest.example")
    InvitationFactory(
        organisation=organisation, email="verlopen@zuidwest.example",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(org_admin)
    response = client.get(invite_url(organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mensen uitnodigen voor Buurtkamer Moerwijk" in html
    assert editor.email in html and org_admin.email in html
    assert "open@zuidwest.example" in html
    assert "verlopen@zuidwest.example" not in html


@pytest.mark.parametrize("who", ["editor", "admin_of_another_organisation", "outsider"])
def test_others_get_not_found_so_organisations_cannot_be_probed(client, organisation, who):
    if who == "editor":
        user = PartnerMembershipFactory(organisation=organisation, role=PartnerRole.EDITOR).user
    elif who == "admin_of_another_organisation":
        user = PartnerMembershipFactory(role=PartnerRole.ADMIN).user
    else:
        user = PartnerUserFactory()
    client.force_login(user)
    assert client.get(invite_url(organisation)).status_code == 404
    response = client.post(invite_url(organisation), {"email": "x@zuidwest.example",
                                                      "role": "admin"})
    assert response.status_code == 404
    assert client.get("/partner/organisaties/bestaat-niet/uitnodigen/").status_code == 404
    assert not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, organisation):
    response = client.get(invite_url(organisation))
    assert response.status_code == 302
    assert response["Location"].startswith("/partner/inloggen/?next=")


def test_staff_may_open_every_organisations_invite_page(client, organisation):
    client.force_login(StaffUserFactory())
    assert client.get(invite_url(organisation)).status_code == 200


def test_an_invitation_mails_a_dutch_link_and_stores_only_a_hash(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(
        invite_url(organisation), {"email": "Nieuw@Zuidwest.example", "role": "editor"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@zuidwest.example"
    assert invitation.role == PartnerRole.EDITOR
    assert invitation.invited_by == org_admin
    valid_for = invitation.expires_at - invitation.created_at
    assert abs(valid_for - datetime.timedelta(days=7)) < datetime.timedelta(seconds=5)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@zuidwest.example"]
    assert "Buurtkamer Moerwijk" in message.subject
    assert "Open deze link om de uitnodiging aan te nemen" in message.body
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert len(token) == 43  # 32 random bytes in URL-safe base64, without padding
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values_list())
    page = client.get(response["Location"]).content.decode()
    assert "We hebben een uitnodiging gestuurd naar nieuw@zuidwest.example" in page


def test_a_second_invitation_while_one_is_open_is_refused_politely(
    client, organisation, org_admin
):
    InvitationFactory(organisation=organisation, email="nieuw@zuidwest.example")
    client.force_login(org_admin)
    response = client.post(
        invite_url(organisation), {"email": "nieuw@zuidwest.example", "role": "editor"}
    )
    assert response.status_code == 200
    assert "Er staat al een uitnodiging klaar voor nieuw@zuidwest.example" in (
        response.content.decode()
    )
    assert Invitation.objects.count() == 1
    assert not mail.outbox


def test_an_expired_invitation_makes_way_for_a_new_one(client, organisation, org_admin):
    InvitationFactory(
        organisation=organisation, email="nieuw@zuidwest.example",
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(org_admin)
    client.post(invite_url(organisation), {"email": "nieuw@zuidwest.example", "role": "editor"})
    assert Invitation.objects.get().is_pending
    assert len(mail.outbox) == 1


def test_inviting_someone_who_already_has_access_is_refused(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(invite_url(organisation), {"email": org_admin.email, "role": "admin"})
    assert "heeft al een account bij Buurtkamer Moerwijk" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_service_refuses_an_editor(organisation):
    editor = PartnerMembershipFactory(organisation=organisation, role=PartnerRole.EDITOR).user
    with pytest.raises(invitations.InvitationRefused):
        invitations.invite(
            inviter=editor, organisation=organisation, email="x@zuidwest.example",
            role=PartnerRole.EDITOR,
        )
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_the_link_starts_with_the_site_url(organisation, settings):
    settings.SITE_URL = "https://zuidwest.example"
    invitations.invite(
        inviter=StaffUserFactory(), organisation=organisation, email="x@zuidwest.example",
        role=PartnerRole.EDITOR,
    )
    assert "https://zuidwest.example/partner/uitnodiging/" in mail.outbox[0].body


def test_staff_invite_from_the_admin_and_the_mail_goes_out(client, organisation):
    staff = StaffUserFactory()
    client.force_login(staff)
    response = client.post(
        reverse("admin:alliances_invitation_add"),
        {"email": "via-beheer@zuidwest.example", "organisation": organisation.pk,
         "role": "admin"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == staff
    assert invitation.role == PartnerRole.ADMIN
    assert mail.outbox[0].to == ["via-beheer@zuidwest.example"]
    assert client.get(reverse("admin:alliances_invitation_change",
                              args=[invitation.pk])).status_code == 200


def test_the_admin_refuses_a_duplicate_invitation_with_the_reason(client, organisation):
    InvitationFactory(organisation=organisation, email="dubbel@zuidwest.example")
    client.force_login(StaffUserFactory())
    response = client.post(
        reverse("admin:alliances_invitation_add"),
        {"email": "dubbel@zuidwest.example", "organisation": organisation.pk, "role": "editor"},
    )
    assert response.status_code == 200
    assert "Er staat al een uitnodiging klaar" in response.content.decode()
    assert Invitation.objects.count() == 1


# Accepting


def test_accepting_makes_an_account_and_membership_and_logs_in(client, organisation):
    InvitationFactory(
        token=TOKEN, organisation=organisation, email="nieuw@zuidwest.example",
        role=PartnerRole.ADMIN,
    )
    page = client.get(accept_url(TOKEN))
    assert page.status_code == 200
    assert "Maak je account" in page.content.decode()
    response = client.post(
        accept_url(TOKEN),
        {"name": "Samira  el Amrani", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/partner/"
    user = auth.get_user(client)
    assert user.is_authenticated
    assert (user.username, user.email) == ("nieuw@zuidwest.example", "nieuw@zuidwest.example")
    assert user.get_full_name() == "Samira el Amrani"
    assert user.check_password(NEW_PASSWORD)
    membership = PartnerMembership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (organisation, PartnerRole.ADMIN)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_a_weak_password_is_refused_in_plain_dutch_and_nothing_is_made(client, organisation):
    InvitationFactory(token=TOKEN, organisation=organisation)
    response = client.post(
        accept_url(TOKEN), {"name": "Samira", "password1": "12345", "password2": "12345"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het wachtwoord is te kort. Kies minstens 12 tekens." in html
    assert "Het wachtwoord heeft alleen cijfers." in html
    assert not PartnerMembership.objects.exists()
    assert Invitation.objects.get().is_pending


def test_two_different_passwords_are_refused(client, organisation):
    InvitationFactory(token=TOKEN, organisation=organisation)
    response = client.post(
        accept_url(TOKEN), {"name": "Samira", "password1": NEW_PASSWORD, "password2": "anders"}
    )
    assert "De twee wachtwoorden zijn niet hetzelfde" in response.content.decode()
    assert not PartnerMembership.objects.exists()


def test_an_invitation_works_only_once(client, organisation):
    InvitationFactory(token=TOKEN, organisation=organisation)
    data = {"name": "Samira", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(accept_url(TOKEN), data)
    client.post(reverse("accounts:logout"))
    again = client.get(accept_url(TOKEN))
    assert again.status_code == 410
    assert "Deze uitnodiging is niet meer geldig" in again.content.decode()
    assert client.post(accept_url(TOKEN), data).status_code == 410
    assert PartnerMembership.objects.count() == 1


def test_an_expired_invitation_is_refused_politely(client, organisation):
    InvitationFactory(
        token=TOKEN, organisation=organisation,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    for response in (
        client.get(accept_url(TOKEN)),
        client.post(accept_url(TOKEN), {"name": "S", "password1": NEW_PASSWORD,
                                        "password2": NEW_PASSWORD}),
    ):
        assert response.status_code == 410
        assert "Deze uitnodiging is niet meer geldig" in response.content.decode()
    assert not PartnerMembership.objects.exists()


@pytest.mark.parametrize("token", ["bestaat-niet", TOKEN[:-1] + "X", TOKEN + "a", "a" * 500])
def test_an_unknown_or_tampered_token_gets_the_same_polite_page(client, organisation, token):
    InvitationFactory(token=TOKEN, organisation=organisation)
    response = client.get(accept_url(token))
    assert response.status_code == 404
    assert "Deze uitnodiging is niet meer geldig" in response.content.decode()
    assert client.post(accept_url(token), {}).status_code == 404


def test_an_existing_account_is_asked_to_log_in_first(client, organisation):
    PartnerUserFactory(email="bekend@zuidwest.example")
    InvitationFactory(token=TOKEN, organisation=organisation, email="bekend@zuidwest.example")
    response = client.get(accept_url(TOKEN))
    html = response.content.decode()
    assert "Er is al een account met dit e-mailadres. Log eerst in" in html
    assert f"/partner/inloggen/?next=%2Fpartner%2Fuitnodiging%2F{TOKEN}%2F" in html
    assert "Maak je account" not in html
    client.post(accept_url(TOKEN), {"name": "X", "password1": NEW_PASSWORD,
                                    "password2": NEW_PASSWORD})
    assert not PartnerMembership.objects.exists()


def test_an_existing_account_accepts_with_one_button_after_logging_in(client, organisation):
    user = PartnerUserFactory(email="bekend@zuidwest.example")
    earlier = PartnerMembershipFactory(user=user).organisation  # already in another one
    InvitationFactory(token=TOKEN, organisation=organisation, email="bekend@zuidwest.example")
    login = client.post(
        "/partner/inloggen/",
        {"username": "bekend@zuidwest.example", "password": PARTNER_PASSWORD,
         "next": accept_url(TOKEN)},
    )
    assert login["Location"] == accept_url(TOKEN)
    assert "Uitnodiging aannemen" in client.get(accept_url(TOKEN)).content.decode()
    response = client.post(accept_url(TOKEN))
    assert response["Location"] == "/partner/"
    assert set(organisations_of(user)) == {earlier, organisation}
    assert PartnerMembership.objects.filter(user=user).count() == 2


def test_someone_logged_in_as_another_account_cannot_take_the_invitation(client, organisation):
    PartnerUserFactory(email="bekend@zuidwest.example")
    intruder = PartnerUserFactory(email="ander@zuidwest.example")
    InvitationFactory(token=TOKEN, organisation=organisation, email="bekend@zuidwest.example")
    client.force_login(intruder)
    html = client.get(accept_url(TOKEN)).content.decode()
    assert "Deze uitnodiging is voor bekend@zuidwest.example" in html
    client.post(accept_url(TOKEN))
    assert not PartnerMembership.objects.exists()
    assert Invitation.objects.get().is_pending


def test_the_service_accepts_an_invitation_once(organisation):
    user = PartnerUserFactory(email="bekend@zuidwest.example")
    InvitationFactory(token=TOKEN, organisation=organisation, email="bekend@zuidwest.example")
    membership = invitations.accept(TOKEN, user=user)
    assert membership.organisation == organisation
    with pytest.raises(invitations.InvalidInvitation) as refused:
        invitations.accept(TOKEN, user=user)
    assert refused.value.status == 410


# Two clicks at the same moment


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_make_exactly_one_membership(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks (SELECT ... FOR UPDATE) are checked on PostgreSQL; run with "
            "DATABASE_URL=postgres://... to include this test."
        )
    organisation = OrganisationFactory()
    user = PartnerUserFactory(email="bekend@zuidwest.example")
    InvitationFactory(token=TOKEN, organisation=organisation, email="bekend@zuidwest.example")

    # Hold each transaction a moment after its check, so without the row lock both would pass.
    check = invitations._check_usable

    def slow_check(invitation):
        check(invitation)
        time.sleep(0.5)

    monkeypatch.setattr(invitations, "_check_usable", slow_check)
    start = threading.Barrier(2)
    results = {}

    def accept(key):
        try:
            start.wait()
            results[key] = invitations.accept(TOKEN, user=user)
        except Exception as error:  # the test inspects what went wrong
            results[key] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(key,)) for key in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    accepted = [r for r in results.values() if isinstance(r, PartnerMembership)]
    refused = [r for r in results.values() if isinstance(r, invitations.InvalidInvitation)]
    assert len(accepted) == 1, results
    assert len(refused) == 1, results
    assert PartnerMembership.objects.filter(user=user, organisation=organisation).count() == 1


def test_the_mail_names_the_inviter_and_the_organisation_behind_them(organisation, org_admin):
    org_admin.first_name, org_admin.last_name = "Fatima", "Yilmaz"
    org_admin.save()
    invitations.invite(inviter=org_admin, organisation=organisation, email="a@zuidwest.example",
                       role=PartnerRole.EDITOR)
    assert "Fatima Yilmaz van Buurtkamer Moerwijk nodigt je uit" in mail.outbox[0].body


def test_a_staff_member_without_a_name_invites_as_the_programme_office(organisation):
    staff = StaffUserFactory(username="beheer", first_name="", last_name="", email="")
    invitations.invite(inviter=staff, organisation=organisation, email="b@zuidwest.example",
                       role=PartnerRole.EDITOR)
    body = mail.outbox[0].body
    assert "Het programmabureau van de Regio Deal nodigt je uit" in body
    assert "beheer nodigt" not in body


def test_an_organisation_admin_withdraws_an_open_invitation(client, organisation, org_admin):
    invitation = InvitationFactory(organisation=organisation, email="weg@zuidwest.example")
    client.force_login(org_admin)
    page = client.get(invite_url(organisation)).content.decode()
    withdraw = reverse("accounts:invitation_withdraw",
                       kwargs={"slug": organisation.slug, "pk": invitation.pk})
    assert f'action="{withdraw}"' in page
    assert client.get(withdraw).status_code == 405  # only by the button (POST)
    response = client.post(withdraw, follow=True)
    assert not Invitation.objects.exists()
    assert "De uitnodiging voor weg@zuidwest.example is ingetrokken" in (
        response.content.decode())


def test_an_invitation_of_another_organisation_cannot_be_withdrawn(client, organisation,
                                                                   org_admin):
    other = InvitationFactory(organisation=OrganisationFactory())
    client.force_login(org_admin)
    response = client.post(reverse("accounts:invitation_withdraw",
                                   kwargs={"slug": organisation.slug, "pk": other.pk}))
    assert response.status_code == 404
    assert Invitation.objects.filter(pk=other.pk).exists()
