"""Opening hours in the spirit of Open Referral HSDS: regular weekly hours with a validity
period (`regular_schedule`) and exceptions for given dates (`holiday_schedule`)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    # Python's date.weekday(): Monday is 0.
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class OpeningHours(models.Model):
    """Open on `weekday` from `opens` to `closes`. A closing time at or before the opening time
    means the place closes after midnight, on the next day."""

    place = models.ForeignKey(
        "locations.Place", on_delete=models.CASCADE, related_name="opening_hours",
        verbose_name=_("plek"),
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open vanaf"))
    closes = models.TimeField(
        _("open tot"), help_text=_("Na middernacht? Vul de tijd gewoon in, bijvoorbeeld 01:00.")
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=~Q(opens=F("closes")),
                                   name="opening_hours_not_empty"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="opening_hours_valid_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def past_midnight(self):
        return self.closes <= self.opens

    def applies_on(self, day):
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )

    def clean(self):
        if self.opens and self.closes and self.opens == self.closes:
            raise ValidationError({"closes": _("De sluitingstijd is gelijk aan de openingstijd.")})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Deze datum ligt voor de begindatum.")})


class SpecialHours(models.Model):
    """Closed, or open at other hours, from `start_date` to `end_date` (holidays, summer
    closure, an extra late evening). Takes precedence over the weekly hours on those days."""

    place = models.ForeignKey(
        "locations.Place", on_delete=models.CASCADE, related_name="special_hours",
        verbose_name=_("plek"),
    )
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"))
    is_closed = models.BooleanField(_("gesloten"), default=True)
    opens = models.TimeField(_("open vanaf"), null=True, blank=True)
    closes = models.TimeField(_("open tot"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=200, blank=True,
                              help_text=_("Bijvoorbeeld: Tweede Kerstdag, zomersluiting."))

    class Meta:
        verbose_name = _("afwijkende openingstijd of sluiting")
        verbose_name_plural = _("afwijkende openingstijden en sluitingen")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")),
                                   name="special_hours_period"),
            models.CheckConstraint(
                condition=Q(is_closed=True)
                | (Q(opens__isnull=False) & Q(closes__isnull=False) & ~Q(opens=F("closes"))),
                name="special_hours_open_needs_times",
            ),
        ]

    def __str__(self):
        return f"{self.place}: {self.start_date}–{self.end_date}"

    @property
    def past_midnight(self):
        return bool(self.opens and self.closes and self.closes <= self.opens)

    def applies_on(self, day):
        return self.start_date <= day <= self.end_date

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Deze datum ligt voor de begindatum.")
        if not self.is_closed:
            if not self.opens:
                errors["opens"] = _("Vul in hoe laat de plek opengaat, of kies 'gesloten'.")
            if not self.closes:
                errors["closes"] = _("Vul in hoe laat de plek dichtgaat, of kies 'gesloten'.")
            if self.opens and self.closes and self.opens == self.closes:
                errors["closes"] = _("De sluitingstijd is gelijk aan de openingstijd.")
        if errors:
            raise ValidationError(errors)
