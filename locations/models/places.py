from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, ReviewedModel, TimestampedModel

from ..validators import (
    DEN_HAAG_LATITUDE,
    DEN_HAAG_LONGITUDE,
    normalise_postcode,
    validate_dutch_postcode,
    validate_latitude_in_den_haag,
    validate_longitude_in_den_haag,
)
from .languages import SpokenLanguagesMixin


class Neighbourhood(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:neighbourhood_detail", kwargs={"slug": self.slug})


class PlaceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def owned_by(self, organisations):
        """Places these organisations manage: the ones they may edit."""
        return self.filter(managing_organisation__in=organisations)

    def linkable_by(self, organisations, keep=()):
        """Places a partner may link to: every published place and the own ones (also still
        unpublished), plus those linked already (`keep`), so editing never drops a link."""
        return self.filter(
            Q(is_published=True) | Q(managing_organisation__in=organisations)
            | Q(pk__in=list(keep))
        ).select_related("neighbourhood")


class Place(SpokenLanguagesMixin, ReviewedModel, DemoFlaggedModel, TimestampedModel):
    """A meeting place in Zuidwest. Opening hours and activities hang off it."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD_ROOM = "buurtkamer", _("buurtkamer")
        COMMUNITY_CENTRE = "buurthuis", _("buurthuis")
        GREEN_MEETING_PLACE = "groen", _("ontmoetingsplek in het groen")
        NEIGHBOURHOOD_ENTERPRISE = "wijkbedrijf", _("wijkbedrijf")
        GROUND_FLOOR = "plint", _("plint")
        LIBRARY = "bibliotheek", _("bibliotheek")
        SCHOOL = "school", _("school")
        SPORTS = "sport", _("sportplek")
        OTHER = "anders", _("anders")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="places", verbose_name=_("wijk")
    )
    managing_organisation = models.ForeignKey(
        "alliances.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_places",
        verbose_name=_("beheerder"),
    )
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.CharField(_("huisnummer"), max_length=20)
    postcode = models.CharField(
        _("postcode"), max_length=7, validators=[validate_dutch_postcode],
        help_text=_("Bijvoorbeeld 2532 AB."),
    )
    city = models.CharField(_("plaats"), max_length=100, default="Den Haag")
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6,
        validators=[validate_latitude_in_den_haag],
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6,
        validators=[validate_longitude_in_den_haag],
    )
    directions = models.TextField(
        _("hoe kom je er"), blank=True, help_text=_("Bus, tram, fiets, ingang, parkeren.")
    )
    description = models.TextField(_("beschrijving"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    image = models.ImageField(_("foto"), upload_to="places/", blank=True)
    image_alt = models.CharField(
        _("beschrijving van de foto"), max_length=250, blank=True,
        help_text=_("Wat is er op de foto te zien? Voor wie de foto niet kan zien."),
    )
    wheelchair_accessible = models.BooleanField(_("toegankelijk met rolstoel"), default=False)
    free_entry = models.BooleanField(_("gratis toegang"), default=True)
    languages = models.CharField(
        _("talen"), max_length=200, blank=True,
        help_text=_("Talen die er gesproken worden, gescheiden door komma's."),
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=Decimal(str(DEN_HAAG_LATITUDE[0])),
                    latitude__lte=Decimal(str(DEN_HAAG_LATITUDE[1])),
                    longitude__gte=Decimal(str(DEN_HAAG_LONGITUDE[0])),
                    longitude__lte=Decimal(str(DEN_HAAG_LONGITUDE[1])),
                ),
                name="place_coordinates_in_den_haag",
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="place_image_has_alt_text",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:place_detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        self.postcode = normalise_postcode(self.postcode)
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Beschrijf wat er op de foto staat, voor wie hem niet kan zien.")}
            )

    @property
    def address(self):
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"
