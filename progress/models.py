"""Whether anything improves: indicators with a baseline, targets per year and measurements,
optionally the same figure for The Hague as a whole (the programme's ambition is that residents
of Zuidwest get the same chances as the average resident of the city); and the outputs of an
initiative (participants, sessions, people into work, diplomas) against its targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, TimestampedModel

FIRST_YEAR = 2015
LAST_YEAR = 2040


def year_field(verbose_name, **kwargs):
    return models.PositiveSmallIntegerField(verbose_name, **kwargs)


def plausible_year(name):
    return Q(**{f"{name}__gte": FIRST_YEAR, f"{name}__lte": LAST_YEAR})


def figure_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class IndicatorQuerySet(models.QuerySet):
    def programme_level(self):
        return self.filter(initiative__isnull=True)

    def owned_by(self, organisations):
        """Indicators of the initiatives these organisations lead or take part in: the
        figures they may report."""
        from initiatives.models import Initiative

        return self.filter(initiative__in=Initiative.objects.owned_by(organisations))


class Indicator(DemoFlaggedModel, TimestampedModel):
    """At programme level (per spearhead) or for one initiative (then its spearhead is the
    initiative's)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("hoger is beter")
        LOWER = "lower", _("lager is beter")

    spearhead = models.ForeignKey(
        "initiatives.Spearhead", on_delete=models.PROTECT, related_name="indicators",
        verbose_name=_("speerpunt"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, blank=True,
        related_name="indicators", verbose_name=_("initiatief"),
        help_text=_("Leeg voor een indicator van het hele programma."),
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    explanation = models.TextField(_("uitleg in gewone woorden"))
    unit = models.CharField(_("eenheid"), max_length=40,
                            help_text=_("Bijvoorbeeld: %, jongeren, plekken."))
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("bron"), max_length=200)
    baseline_value = figure_field(_("nulmeting"))
    baseline_year = year_field(_("jaar van de nulmeting"))
    city_value = figure_field(_("heel Den Haag"), null=True, blank=True,
                              help_text=_("Hetzelfde cijfer voor de hele stad, om te vergelijken."))
    city_year = year_field(_("jaar van het stadscijfer"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_indicator"  # the table from before the apps were split
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["spearhead__number", "position", "name"]
        constraints = [
            models.CheckConstraint(condition=plausible_year("baseline_year"),
                                   name="indicator_baseline_year_plausible"),
            models.CheckConstraint(
                condition=Q(city_value__isnull=True) | Q(city_year__isnull=False),
                name="indicator_city_value_has_year"),
        ]

    def __str__(self):
        return self.name

    @property
    def higher_is_better(self):
        return self.direction == self.Direction.HIGHER

    def clean(self):
        if self.city_value is not None and not self.city_year:
            raise ValidationError({"city_year": _("Van welk jaar is het stadscijfer?")})
        if self.initiative_id and self.spearhead_id != self.initiative.spearhead_id:
            raise ValidationError({"spearhead": _(
                "Een indicator van een initiatief hoort bij het speerpunt van dat initiatief.")})


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indicator"))
    year = year_field(_("jaar"))
    value = figure_field(_("doel"))

    class Meta:
        db_table = "initiatives_indicatortarget"  # the table from before the apps were split
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year"),
            models.CheckConstraint(condition=plausible_year("year"),
                                   name="indicator_target_year_plausible"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.year})"


class MeasurementQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(is_approved=True)


class Measurement(DemoFlaggedModel, TimestampedModel):
    """A measured value. Staff enter approved values; a partner's value for an initiative's
    indicator waits until staff approve it, and only approved values are public."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="measurements", verbose_name=_("indicator"))
    year = year_field(_("jaar"))
    value = figure_field(_("gemeten waarde"))
    source = models.CharField(_("bron"), max_length=200, blank=True,
                              help_text=_("Leeg laten als de bron van de indicator geldt."))
    note = models.TextField(_("toelichting"), blank=True)
    is_approved = models.BooleanField(_("goedgekeurd"), default=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("doorgegeven door"),
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_measurement"  # the table from before the apps were split
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"],
                                    name="one_measurement_per_year"),
            models.CheckConstraint(condition=plausible_year("year"),
                                   name="measurement_year_plausible"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.year})"


class Output(models.Model):
    """What an initiative did in a year, against what it planned: reported by its partners
    (as child rows of the initiative, through the review flow) or by staff."""

    class Kind(models.TextChoices):
        PARTICIPANTS = "deelnemers", _("deelnemers")
        SESSIONS = "bijeenkomsten", _("bijeenkomsten")
        INTO_WORK = "aan_het_werk", _("mensen aan het werk")
        DIPLOMAS = "diplomas", _("diploma's")

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="outputs",
        verbose_name=_("initiatief"),
    )
    kind = models.CharField(_("wat"), max_length=20, choices=Kind.choices)
    year = year_field(_("jaar"))
    planned = models.PositiveIntegerField(_("gepland"), null=True, blank=True)
    achieved = models.PositiveIntegerField(_("gehaald"), null=True, blank=True,
                                           help_text=_("Leeg laten zolang het jaar loopt."))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        db_table = "initiatives_output"  # the table from before the apps were split
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "kind", "year"],
                                    name="one_output_per_kind_and_year"),
            models.CheckConstraint(condition=plausible_year("year"),
                                   name="output_year_plausible"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"



class ReportNarrative(models.Model):
    """What staff write for the yearly report to the ministries: a short narrative per
    spearhead."""

    year = year_field(_("jaar"))
    spearhead = models.ForeignKey("initiatives.Spearhead", on_delete=models.PROTECT,
                                  related_name="report_narratives", verbose_name=_("speerpunt"))
    text = models.TextField(_("tekst"), help_text=_("Een korte terugblik in gewone woorden: wat "
                                                    "ging goed, wat niet, en wat nu?"))

    class Meta:
        db_table = "initiatives_reportnarrative"  # the table from before the apps were split
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
