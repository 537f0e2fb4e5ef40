"""Inviting people to an organisation's partner accounts, and accepting an invitation once.

The token in the e-mail is secrets.token_urlsafe(32); only its SHA-256 hash is stored, so a
copy of the database gives no working links. The mail is a background task that makes the token
itself (and stores its hash), so the token is not in the task queue either; a retry makes a new
one. accept() locks the invitation row (SELECT … FOR
UPDATE on PostgreSQL; SQLite runs transactions in IMMEDIATE mode), so two clicks at the same
moment make one membership.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zuidwest.tasks import retried_task

from ..models import Invitation, PartnerMembership, PartnerRole
from ..permissions import can_invite


class InvitationError(Exception):
    """A request the service refuses; the message is meant for the person who asked."""


class InvitationRefused(InvitationError):
    """The inviter may not invite to this organisation."""


class DuplicateInvitation(InvitationError):
    pass


class InvalidInvitation(InvitationError):
    """The token is unknown, expired or already used. `status` is 404 or 410."""

    def __init__(self, message, *, status):
        super().__init__(message)
        self.status = status


def normalise_email(email):
    return (email or "").strip().lower()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def accept_path(token):
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("accounts:invitation_accept", kwargs={"token": token})


def account_for_email(email):
    """The account with this e-mail address (as username or e-mail), or None."""
    email = normalise_email(email)
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        .order_by("pk")
        .first()
    )


def invite(*, inviter, organisation, email, role):
    """Create an invitation and queue the mail with its link; returns the Invitation.

    The link in the e-mail starts with settings.SITE_URL. Raises
    InvitationRefused when the inviter may not invite here and DuplicateInvitation when the
    address already has access or an open invitation.
    """
    email = check_invite(inviter=inviter, organisation=organisation, email=email, role=role)
    now = timezone.now()
    try:
        with transaction.atomic():
            open_invitations = Invitation.objects.filter(
                email__iexact=email, organisation=organisation, accepted_at__isnull=True
            )
            # An expired invitation makes way for a new one.
            open_invitations.filter(expires_at__lte=now).delete()
            if open_invitations.exists():
                raise DuplicateInvitation(_duplicate_message(email))
            invitation = Invitation.objects.create(
                email=email,
                organisation=organisation,
                role=role,
                # A placeholder nobody holds, until the mail task makes the real token.
                token_hash=hash_token(secrets.token_urlsafe(32)),
                invited_by=inviter,
                expires_at=now + Invitation.VALID_FOR,
            )
    except IntegrityError:
        # Someone else invited the same address at the same moment.
        raise DuplicateInvitation(_duplicate_message(email)) from None
    send_invitation.enqueue(invitation.pk)
    return invitation


def check_invite(*, inviter, organisation, email, role):
    """Raise InvitationError when this invitation would be refused; return the clean address."""
    if not can_invite(inviter, organisation):
        raise InvitationRefused(_("Je mag geen mensen uitnodigen voor deze organisatie."))
    email = normalise_email(email)
    if role not in PartnerRole.values:
        raise InvitationError(_("Kies een rol."))
    if PartnerMembership.objects.filter(
        Q(user__username__iexact=email) | Q(user__email__iexact=email),
        organisation=organisation,
    ).exists():
        raise DuplicateInvitation(
            _("%(email)s heeft al een account bij %(organisation)s.")
            % {"email": email, "organisation": organisation}
        )
    if Invitation.objects.pending().filter(email__iexact=email, organisation=organisation).exists():
        raise DuplicateInvitation(_duplicate_message(email))
    return email


def _duplicate_message(email):
    return _(
        "Er staat al een uitnodiging klaar voor %(email)s. Die is 7 dagen geldig. Vraag de "
        "ontvanger de e-mail te openen en daarin de uitnodiging aan te nemen. Of vraag te kijken "
        "of de e-mail bij de ongewenste e-mail staat."
    ) % {"email": email}


@retried_task
def send_invitation(invitation_id):
    """Mail the invitation with a new token, while it is still open."""
    invitation = (Invitation.objects.select_related("organisation", "invited_by")
                  .filter(pk=invitation_id).first())
    if invitation is None or not invitation.is_pending:
        return
    token = secrets.token_urlsafe(32)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(token))
    # Partners get Dutch mail whatever language the inviter used the site in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "role": invitation.get_role_display(),
            "inviter_name": _inviter_name(invitation.invited_by, invitation.organisation),
            "accept_url": f"{settings.SITE_URL}{accept_path(token)}",
            "expires_at": invitation.expires_at,
        }
        subject = "".join(
            render_to_string("alliances/email/invitation_subject.txt", context).splitlines()
        )
        body = render_to_string("alliances/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def _inviter_name(user, organisation):
    """Who invites, as the invited person knows them: a name and the organisation behind it
    ("Fatima Yilmaz van Stichting De Linde"), never a username such as "beheer"."""
    if user is None:
        return ""
    if PartnerMembership.objects.filter(user=user, organisation=organisation).exists():
        behind = organisation.name
    else:
        behind = _("het programmabureau van de Regio Deal")
    name = user.get_full_name()
    if name:
        return _("%(name)s van %(organisation)s") % {"name": name, "organisation": behind}
    return behind[:1].upper() + behind[1:]


def find_invitation(token):
    """The invitation for this token if it can still be accepted; raises InvalidInvitation."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    _check_usable(invitation)
    return invitation


def _check_usable(invitation):
    message = _(
        "Deze uitnodiging is niet meer geldig. Misschien is hij al gebruikt of is hij verlopen "
        "(een uitnodiging is 7 dagen geldig). Vraag degene die je uitnodigde om een nieuwe "
        "uitnodiging."
    )
    if invitation is None:
        raise InvalidInvitation(message, status=404)
    if not invitation.is_pending:
        raise InvalidInvitation(message, status=410)


def split_name(name):
    """'Jan de Vries' -> ('Jan', 'de Vries'): first and last name for Django's user."""
    first, _space, last = " ".join((name or "").split()).partition(" ")
    return first[:150], last[:150]


def validate_new_password(password, *, email, name):
    """Django's password validators for the account about to be made; raises ValidationError."""
    first_name, last_name = split_name(name)
    candidate = get_user_model()(
        username=email, email=email, first_name=first_name, last_name=last_name
    )
    password_validation.validate_password(password, user=candidate)


def accept(token, *, user=None, name="", password=None):
    """Accept the invitation once; returns the PartnerMembership.

    With `user`: the existing account whose address was invited joins the organisation. Without:
    a new account is made with the invited address as username and e-mail, the given name and
    the given password (checked by the caller with validate_new_password).
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=hash_token(token or ""))
            .first()
        )
        _check_usable(invitation)
        if user is None:
            user = _create_account(invitation.email, name=name, password=password)
        elif not _is_invited_account(user, invitation):
            raise InvitationError(
                _("Deze uitnodiging is voor %(email)s. Log in met dat account.")
                % {"email": invitation.email}
            )
        membership, created = PartnerMembership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        upgrade = invitation.role == PartnerRole.ADMIN and membership.role != PartnerRole.ADMIN
        if not created and upgrade:
            membership.role = PartnerRole.ADMIN
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _create_account(email, *, name, password):
    account_exists = InvitationError(_("Er is al een account met dit e-mailadres. Log eerst in."))
    if account_for_email(email) is not None:
        raise account_exists
    first_name, last_name = split_name(name)
    try:
        with transaction.atomic():
            return get_user_model().objects.create_user(
                username=email,
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
    except IntegrityError:
        # The same address accepted another organisation's invitation at the same moment.
        raise account_exists from None


def _is_invited_account(user, invitation):
    email = normalise_email(invitation.email)
    return normalise_email(user.get_username()) == email or normalise_email(user.email) == email
