from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class DemoFlaggedModel(models.Model):
    """Sample content for trying the portal; shown with a visible "Voorbeeld" label."""

    is_demo = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Voorbeeldinhoud om het portaal te proberen. Wordt op de site gelabeld."),
    )

    class Meta:
        abstract = True


class PublishableModel(models.Model):
    """Content partners edit. Only published rows are public; partner changes wait as
    revisions (zuidwest.review) until staff approve them. Staff-made rows start published."""

    is_published = models.BooleanField(
        _("gepubliceerd"), default=True,
        help_text=_("Alleen gepubliceerde inhoud staat op de site."),
    )

    class Meta:
        abstract = True


class Programme(models.Model):
    """The Regio Deal itself: one row, the facts the about page and home page show."""

    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=100)
    tranche = models.PositiveSmallIntegerField(_("tranche Regio Deals"))
    district = models.CharField(_("stadsdeel"), max_length=100)
    area_hectares = models.PositiveIntegerField(_("oppervlakte (hectare)"))
    summary = models.TextField(_("samenvatting"))
    challenge = models.TextField(_("opgave"))
    ambition = models.TextField(_("ambitie"))
    websites = models.JSONField(_("websites"), default=list, blank=True)

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma")

    def __str__(self):
        return self.name
