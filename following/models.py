"""Following by e-mail (README, "Following by e-mail"). Three tables, and nothing more is kept:

- FollowRequest: an address that asked to follow one subject and has not pressed the button in
  the confirmation mail yet. Deleted on confirmation, or after REQUEST_DAYS days.
- Follower: a confirmed address, its language, when it confirmed and when it last got a
  digest. Its token opens the management page and ends the subscription (List-Unsubscribe).
- Subscription: one subject a follower follows, named by the subject kind and a key
  (following/subjects.py). Deleting the follower deletes these.

The tokens are stored as such: every digest must carry the link, so they cannot be kept as a
hash the way the once-only sign-up links are. A token is worth no more than the address beside
it, and "stop everything" deletes both."""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EMAIL_MAX_LENGTH = 254
KEY_MAX_LENGTH = 200
KIND_MAX_LENGTH = 20
TOKEN_MAX_LENGTH = 64
# An unconfirmed request is deleted after this many days (the privacy page says so).
REQUEST_DAYS = 7


def new_token():
    return secrets.token_urlsafe(32)  # 43 characters


class FollowRequestQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - timedelta(days=REQUEST_DAYS))


class FollowRequest(models.Model):
    email = models.EmailField(_("e-mailadres"), max_length=EMAIL_MAX_LENGTH)
    kind = models.CharField(_("soort"), max_length=KIND_MAX_LENGTH)
    key = models.CharField(_("wat"), max_length=KEY_MAX_LENGTH)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    token = models.CharField(max_length=TOKEN_MAX_LENGTH, unique=True, default=new_token,
                             editable=False)
    created_at = models.DateTimeField(_("gevraagd op"), default=timezone.now, db_index=True)

    objects = FollowRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om te volgen")
        verbose_name_plural = _("verzoeken om te volgen")

    def __str__(self):
        return f"{self.kind}:{self.key}"


class FollowerQuerySet(models.QuerySet):
    def by_address(self, email):
        """The follower with exactly this address (upper and lower case are the same)."""
        return self.filter(email__iexact=(email or "").strip())

    def due_for_digest(self, now):
        """Confirmed followers whose last digest is at least DIGEST_GAP ago (or who had none)."""
        return self.filter(
            models.Q(last_digest_at__isnull=True) | models.Q(last_digest_at__lte=now - DIGEST_GAP))


# Less than a week, so a digest queued a little earlier on a Monday than last week's is due.
DIGEST_GAP = timedelta(days=6)


class Follower(models.Model):
    email = models.EmailField(_("e-mailadres"), max_length=EMAIL_MAX_LENGTH)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    token = models.CharField(max_length=TOKEN_MAX_LENGTH, unique=True, default=new_token,
                             editable=False)
    confirmed_at = models.DateTimeField(_("bevestigd op"), default=timezone.now)
    last_digest_at = models.DateTimeField(_("laatste overzicht"), null=True, blank=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="follower_unique_address"),
        ]

    def __str__(self):
        return _("volger %(number)s") % {"number": self.pk}


class Subscription(models.Model):
    follower = models.ForeignKey(Follower, on_delete=models.CASCADE,
                                 related_name="subscriptions", verbose_name=_("volger"))
    kind = models.CharField(_("soort"), max_length=KIND_MAX_LENGTH)
    key = models.CharField(_("wat"), max_length=KEY_MAX_LENGTH)
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("gevolgd onderwerp")
        verbose_name_plural = _("gevolgde onderwerpen")
        constraints = [
            models.UniqueConstraint(fields=["follower", "kind", "key"],
                                    name="subscription_once_per_subject"),
        ]
        indexes = [models.Index(fields=["kind", "key"], name="subscription_by_subject")]

    def __str__(self):
        return f"{self.kind}:{self.key}"
