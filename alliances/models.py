import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, TimestampedModel


class Organisation(DemoFlaggedModel, TimestampedModel):
    class Kind(models.TextChoices):
        RESIDENTS = "residents", _("bewonersorganisatie")
        COMMUNITY = "community", _("maatschappelijke organisatie")
        EDUCATION = "education", _("onderwijs")
        CHILDCARE = "childcare", _("kinderopvang en jeugdhulp")
        HOUSING = "housing", _("woningcorporatie")
        BUSINESS = "business", _("bedrijfsleven")
        CULTURE = "culture", _("cultuur")
        CARE = "care", _("zorg en welzijn")
        SAFETY = "safety", _("veiligheid")
        MUNICIPALITY = "municipality", _("gemeente")
        MINISTRY = "ministry", _("ministerie")
        OTHER = "other", _("anders")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Public (the Handelsregister is): the organisation's identifier in open data, such as
    # the 360Giving file's NL-KVK-... (org-id.guide).
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft 8 cijfers."))],
        help_text=_("8 cijfers, zoals in het Handelsregister. Leeg als het niet bekend is."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliances:organisation_detail", kwargs={"slug": self.slug})


class Alliance(TimestampedModel):
    """A member of the Alliantieraad Den Haag Zuidwest: an alliance, the Partnerraad or the
    municipality."""

    class Kind(models.TextChoices):
        ALLIANCE = "alliance", _("alliantie")
        PARTNER_COUNCIL = "partner_council", _("partnerraad")
        MUNICIPALITY = "municipality", _("gemeente")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    theme = models.CharField(_("thema"), max_length=200, blank=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)
    member_count_stated = models.PositiveIntegerField(
        _("aantal organisaties volgens het programma"),
        null=True,
        blank=True,
        help_text=_("Het aantal dat het programma noemt, ook als niet alle leden hier staan."),
    )
    members_description = models.TextField(
        _("wie zitten erin"), blank=True,
        help_text=_("Wie er in zitten, in gewone woorden: ook de leden die niet als organisatie "
                    "op de site staan, zoals bewoners of groepen die het programma niet bij "
                    "naam noemt."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="alliances", verbose_name=_("leden")
    )

    class Meta:
        verbose_name = _("lid van de Alliantieraad")
        verbose_name_plural = _("Alliantieraad")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliances:alliance_detail", kwargs={"slug": self.slug})


class Membership(TimestampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("lid")
        CHAIR = "chair", _("voorzitter")
        LEAD = "lead", _("trekker")
        ADVISOR = "advisor", _("adviseur")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("organisatie"),
    )
    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("alliantie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("lid sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["alliance__position", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "alliance"], name="membership_unique_per_alliance"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.alliance} ({self.get_role_display()})"


class PartnerRole(models.TextChoices):
    """What a partner account may do for its organisation."""

    EDITOR = "editor", _("Redacteur")
    ADMIN = "admin", _("Beheerder van de organisatie")


class PartnerMembership(models.Model):
    """A partner account belongs to an organisation with a role; one account may belong to
    several organisations. (Membership above is an organisation's seat in an alliance.)"""

    Role = PartnerRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships",
        verbose_name=_("account"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partner_memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.EDITOR
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("partneraccount bij organisatie")
        verbose_name_plural = _("partneraccounts bij organisaties")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="partner_membership_unique_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Not yet accepted and not yet expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation's partner accounts.

    Only a SHA-256 hash of the token is stored; the token itself is only in the e-mail. An
    invitation can be accepted once (alliances.invitations.accept locks the row).
    """

    VALID_FOR = datetime.timedelta(days=7)

    email = models.EmailField(_("e-mailadres"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.EDITOR
    )
    token_hash = models.CharField(_("hash van de code"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="invitations_sent", verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="invitations_accepted", verbose_name=_("aangenomen door"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and organisation; the service replaces an
            # expired one before it sends a new one.
            models.UniqueConstraint(
                Lower("email"), "organisation",
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email_and_organisation",
            )
        ]

    def __str__(self):
        return f"{self.email} – {self.organisation}"

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return not self.is_accepted and self.expires_at <= timezone.now()

    @property
    def is_pending(self):
        return not self.is_accepted and not self.is_expired
