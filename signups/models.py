"""Sign-ups: a resident asks an organisation to contact them about an opportunity or an
activity, on the portal itself. Only what the organisation needs to reach the resident is kept
(a name, a phone number or an e-mail address, an optional message), with the time of consent,
and only for a stated time (`delete_after`, see the retention rule below).

The resident gets a link to delete the sign-up at once. Its token is shown once (the
confirmation page and e-mail); only its SHA-256 hash is stored, so a copy of the database gives
no working links (as alliances/invitations.py does for invitations). The token is made from the
sign-up's id and time with the secret key (deletion_token_for), so the mail task can make it
again from the id: the queue never holds the token."""

import hashlib
import secrets
from base64 import urlsafe_b64encode
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel

# The retention rule, also stated on the privacy page and the confirmation page.
KEEP_AFTER_CLOSING = timedelta(days=30)  # an opportunity with a closing date
KEEP_WITHOUT_CLOSING = timedelta(days=90)  # an opportunity that stays open
KEEP_AFTER_ACTIVITY = timedelta(days=30)  # after the activity's date, or after signing up

# Field sizes: what a name, a phone number, an address and a short message need, no more.
NAME_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 30
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 500


def new_deletion_token():
    return secrets.token_urlsafe(32)


def deletion_token_for(signup):
    """The deletion token of a saved sign-up: only who has the secret key can make it."""
    moment = (signup.created_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    digest = salted_hmac("signups.deletion-token", f"{signup.pk}:{moment}",
                         algorithm="sha256").digest()
    return urlsafe_b64encode(digest).decode().rstrip("=")


def hash_token(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


def delete_after_for_opportunity(opportunity, signed_up_on):
    if opportunity.closes_on:
        return max(opportunity.closes_on, signed_up_on) + KEEP_AFTER_CLOSING
    return signed_up_on + KEEP_WITHOUT_CLOSING


def delete_after_for_activity(activity_date, signed_up_on):
    return max(activity_date or signed_up_on, signed_up_on) + KEEP_AFTER_ACTIVITY


class SignupQuerySet(models.QuerySet):
    def for_organisations(self, organisations):
        """The sign-ups these organisations received: the ones they may see. By the
        organisation the resident signed up with, not the page's owner now: when staff move a
        page to another organisation, its earlier sign-ups do not go along."""
        return self.filter(organisation__in=organisations)

    def unhandled(self):
        return self.filter(handled_at__isnull=True)

    def expired(self, today=None):
        """Sign-ups kept past their last day."""
        return self.filter(delete_after__lt=today or timezone.localdate())

    def counts(self):
        """{"total": n, "unhandled": n} in one query."""
        return self.aggregate(total=Count("pk"),
                              unhandled=Count("pk", filter=Q(handled_at__isnull=True)))


class Signup(DemoFlaggedModel):
    opportunity = models.ForeignKey(
        "work.Opportunity", on_delete=models.CASCADE, null=True, blank=True,
        related_name="signups", verbose_name=_("kans"),
    )
    activity = models.ForeignKey(
        "locations.Activity", on_delete=models.CASCADE, null=True, blank=True,
        related_name="signups", verbose_name=_("activiteit"),
    )
    activity_date = models.DateField(
        _("voor de keer op"), null=True, blank=True,
        help_text=_("Bij een activiteit: de eerstvolgende keer toen iemand zich aanmeldde."),
    )
    # Who the resident gave their details to (the page's owner when they signed up); the
    # consent is for this organisation only. None for an activity without an organiser: then
    # no organisation sees it.
    organisation = models.ForeignKey(
        "alliances.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX_LENGTH)
    phone = models.CharField(_("telefoon"), max_length=PHONE_MAX_LENGTH, blank=True)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX_LENGTH, blank=True)
    # A CharField rather than a TextField, so the database holds the limit as well.
    message = models.CharField(_("bericht"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"))
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("afgehandeld door"),
    )
    deletion_token_hash = models.CharField(_("verwijderlink (hash)"), max_length=64, unique=True,
                                           editable=False)
    delete_after = models.DateField(_("wordt verwijderd na"), db_index=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_signup"  # the table from before the apps were split
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opportunity__isnull=False, activity__isnull=True)
                | Q(opportunity__isnull=True, activity__isnull=False),
                name="signup_for_one_opportunity_or_activity",
            ),
            models.CheckConstraint(condition=~Q(phone="") | ~Q(email=""),
                                   name="signup_has_phone_or_email"),
            models.CheckConstraint(condition=~Q(name=""), name="signup_has_name"),
            models.CheckConstraint(condition=Q(handled_at__isnull=False)
                                   | Q(handled_by__isnull=True),
                                   name="signup_handled_by_only_when_handled"),
        ]
        indexes = [models.Index(fields=["opportunity", "handled_at"]),
                   models.Index(fields=["activity", "handled_at"])]

    def __str__(self):
        # No personal data: this text appears in the admin's history and delete pages.
        return _("Aanmelding voor %(target)s (%(date)s)") % {
            "target": self.target, "date": date_format(timezone.localtime(self.created_at),
                                                       "j F Y")}

    @property
    def target(self):
        return self.opportunity if self.opportunity_id else self.activity

    @property
    def is_handled(self):
        return self.handled_at is not None

    def mark_handled(self, user):
        """The first who handles it is remembered; a second click changes nothing."""
        if self.handled_at is None:
            self.handled_at = timezone.now()
            self.handled_by = user
            self.save(update_fields=["handled_at", "handled_by"])
