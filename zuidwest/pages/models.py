from django.db import models
from django.utils.translation import gettext_lazy as _


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
        app_label = "zuidwest"
        verbose_name = _("programma")
        verbose_name_plural = _("programma")

    def __str__(self):
        return self.name
