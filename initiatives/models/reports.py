"""What staff write for the yearly report to the ministries: a short narrative per spearhead."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .indicators import plausible_year, year_field


class ReportNarrative(models.Model):
    year = year_field(_("jaar"))
    spearhead = models.ForeignKey("initiatives.Spearhead", on_delete=models.PROTECT,
                                  related_name="report_narratives", verbose_name=_("speerpunt"))
    text = models.TextField(_("tekst"), help_text=_("Een korte terugblik in gewone woorden: wat "
                                                    "ging goed, wat niet, en wat nu?"))

    class Meta:
        verbose_name = _("tekst voor het jaarverslag")
        verbose_name_plural = _("teksten voor het jaarverslag")
        ordering = ["-year", "spearhead__number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "spearhead"],
                                    name="one_narrative_per_year_and_spearhead"),
            models.CheckConstraint(condition=plausible_year("year"),
                                   name="narrative_year_plausible"),
        ]

    def __str__(self):
        return f"{self.spearhead} {self.year}"
