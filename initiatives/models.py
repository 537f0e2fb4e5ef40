
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, ReviewedModel, TimestampedModel


class SpearheadQuerySet(models.QuerySet):
    def with_open_opportunity_counts(self, today):
        """Each spearhead with `open_opportunity_count`: the published, open opportunities of
        its initiatives."""
        opportunity = "initiatives__opportunities"
        return self.annotate(open_opportunity_count=models.Count(
            opportunity, distinct=True,
            filter=Q(**{f"{opportunity}__is_published": True})
            & (Q(**{f"{opportunity}__closes_on__isnull": True})
               | Q(**{f"{opportunity}__closes_on__gte": today})),
        ))


class Spearhead(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)

    objects = SpearheadQuerySet.as_manager()

    class Meta:
        verbose_name = _("speerpunt")
        verbose_name_plural = _("speerpunten")
        ordering = ["number"]

    def __str__(self):
        return self.short_name


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def owned_by(self, organisations):
        """Initiatives these organisations lead or take part in: the ones they may edit."""
        as_partner = Initiative.partner_organisations.through.objects.filter(
            organisation__in=organisations).values("initiative_id")
        return self.filter(Q(lead_organisation__in=organisations) | Q(pk__in=as_partner))

    def linkable_by(self, organisations, keep=()):
        """Initiatives a partner may link an activity to: the own ones, plus those linked
        already (`keep`), so editing never drops a link."""
        return self.filter(Q(pk__in=self.owned_by(organisations).values("pk"))
                           | Q(pk__in=list(keep)))

    def for_listing(self):
        """Published initiatives with what a card shows."""
        return self.published().select_related(
            "spearhead", "alliance", "lead_organisation"
        ).prefetch_related("neighbourhoods")


class Initiative(ReviewedModel, DemoFlaggedModel, TimestampedModel):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD_ROOM = "buurtkamer", _("buurtkamer")
        GREEN_MEETING_PLACE = "groen", _("ontmoetingsplek in het groen")
        NEIGHBOURHOOD_ENTERPRISE = "wijkbedrijf", _("wijkbedrijf")
        GROUND_FLOOR = "plint", _("plint")
        LEARN_WORK = "leerwerk", _("leerwerktraject")
        YOUTH = "jongeren", _("jongerenaanpak")
        GREEN_JOBS = "energiebanen", _("energie- en klimaatbanen")
        ENTREPRENEURSHIP = "ondernemen", _("ondernemerschap")
        MEANINGFUL_WORK = "werk_van_waarde", _("werk van waarde")
        OTHER = "anders", _("anders")

    class Status(models.TextChoices):
        PLANNED = "planned", _("in voorbereiding")
        RUNNING = "running", _("loopt")
        COMPLETED = "completed", _("afgerond")
        STOPPED = "stopped", _("gestopt")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    spearhead = models.ForeignKey(
        Spearhead, on_delete=models.PROTECT, related_name="initiatives",
        verbose_name=_("speerpunt"),
    )
    alliance = models.ForeignKey(
        "alliances.Alliance", on_delete=models.PROTECT, related_name="initiatives",
        verbose_name=_("alliantie"),
    )
    lead_organisation = models.ForeignKey(
        "alliances.Organisation", on_delete=models.PROTECT, related_name="led_initiatives",
        verbose_name=_("trekker"),
    )
    partner_organisations = models.ManyToManyField(
        "alliances.Organisation", blank=True, related_name="partner_initiatives",
        verbose_name=_("partners"),
    )
    neighbourhoods = models.ManyToManyField(
        "locations.Neighbourhood", blank=True, related_name="initiatives",
        verbose_name=_("wijken"),
    )
    places = models.ManyToManyField(
        "locations.Place", blank=True, related_name="initiatives", verbose_name=_("plekken")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    cover_image = models.ImageField(_("omslagfoto"), upload_to="initiatives/", blank=True)
    cover_image_alt = models.CharField(
        _("beschrijving van de foto"), max_length=250, blank=True,
        help_text=_("Wat is er op de foto te zien? Voor wie de foto niet kan zien."),
    )
    is_featured = models.BooleanField(_("uitgelicht op de homepage"), default=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cover_image="") | ~Q(cover_image_alt=""),
                name="initiative_image_has_alt_text",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:initiative_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de startdatum.")
        if self.cover_image and not self.cover_image_alt.strip():
            errors["cover_image_alt"] = _(
                "Beschrijf wat er op de foto staat, voor wie hem niet kan zien."
            )
        if errors:
            raise ValidationError(errors)


class Milestone(TimestampedModel):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="milestones",
        verbose_name=_("initiatief"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    planned_for = models.DateField(_("gepland op"))
    reached_on = models.DateField(_("bereikt op"), null=True, blank=True)
    delay_reason = models.TextField(
        _("waarom later"), blank=True,
        help_text=_("Als de mijlpaal later komt dan gepland: waarom? Dit staat in het "
                    "jaarverslag."),
    )

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["planned_for"]

    def __str__(self):
        return self.title


class Update(TimestampedModel):
    """A news item on an initiative's page."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="updates",
        verbose_name=_("initiatief"),
    )
    title = models.CharField(_("titel"), max_length=200)
    published_on = models.DateField(_("datum"))
    body = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-published_on"]

    def __str__(self):
        return self.title
