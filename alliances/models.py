from django.db import models
from django.urls import reverse
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
