"""Activities at places and their occurrences (the agenda).

Recurrence is expressed with python-dateutil's rrule. Occurrences for a rolling window are
stored (see locations/occurrences.py), so agenda pages read rows instead of expanding every
rule on each request.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, ReviewedModel, TimestampedModel

from .languages import SpokenLanguagesMixin

RRULE_WEEKDAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]


class Audience(models.TextChoices):
    EVERYONE = "iedereen", _("iedereen")
    CHILDREN = "kinderen", _("kinderen")
    YOUTH = "jongeren", _("jongeren")
    PARENTS = "ouders", _("ouders")
    ELDERLY = "ouderen", _("ouderen")
    WOMEN = "vrouwen", _("vrouwen")
    MEN = "mannen", _("mannen")
    JOB_SEEKERS = "werkzoekenden", _("werkzoekenden")
    NEWCOMERS = "nieuwkomers", _("nieuwkomers")
    ENTREPRENEURS = "ondernemers", _("ondernemers")


class ActivityQuerySet(models.QuerySet):
    def published(self):
        """Published activities at published places."""
        return self.filter(is_published=True, place__is_published=True)

    def owned_by(self, organisations):
        """Activities these organisations organise: the ones they may edit."""
        return self.filter(organiser__in=organisations)


class Activity(SpokenLanguagesMixin, ReviewedModel, DemoFlaggedModel, TimestampedModel):
    class Recurrence(models.TextChoices):
        ONCE = "once", _("één keer")
        WEEKLY = "weekly", _("elke week")
        EVERY_N_WEEKS = "every_n_weeks", _("om de zoveel weken")
        MONTHLY = "monthly", _("elke maand op een vaste dag")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, _("eerste")
        SECOND = 2, _("tweede")
        THIRD = 3, _("derde")
        FOURTH = 4, _("vierde")
        LAST = -1, _("laatste")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    place = models.ForeignKey(
        "locations.Place", on_delete=models.CASCADE, related_name="activities",
        verbose_name=_("plek"),
    )
    organiser = models.ForeignKey(
        "alliances.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="activities", verbose_name=_("organisator"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="activities", verbose_name=_("initiatief"),
    )
    summary = models.CharField(_("korte beschrijving"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)
    audience = models.CharField(_("voor wie"), max_length=20, choices=Audience.choices,
                                default=Audience.EVERYONE)
    recurrence = models.CharField(_("hoe vaak"), max_length=20, choices=Recurrence.choices,
                                  default=Recurrence.WEEKLY)
    interval_weeks = models.PositiveSmallIntegerField(
        _("om de hoeveel weken"), default=1, help_text=_("Alleen voor 'om de zoveel weken'.")
    )
    week_of_month = models.SmallIntegerField(
        _("welke week van de maand"), choices=WeekOfMonth.choices, null=True, blank=True,
        help_text=_("Alleen voor 'elke maand': bijvoorbeeld de eerste zaterdag. De dag is die "
                    "van de startdatum."),
    )
    start_date = models.DateField(_("eerste datum"))
    end_date = models.DateField(_("laatste datum"), null=True, blank=True)
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(
        _("eindtijd"), help_text=_("Na middernacht? Vul de tijd gewoon in.")
    )
    is_free = models.BooleanField(_("gratis"), default=True)
    price = models.DecimalField(_("prijs (euro)"), max_digits=7, decimal_places=2, null=True,
                                blank=True)
    registration_required = models.BooleanField(_("aanmelden nodig"), default=False)
    registration_info = models.CharField(
        _("zo meld je je aan"), max_length=300, blank=True,
        help_text=_("Bijvoorbeeld: bel 070 123 45 67 of mail naar ..."),
    )
    languages = models.CharField(_("talen"), max_length=200, blank=True,
                                 help_text=_("Gescheiden door komma's."))
    accepts_signups = models.BooleanField(
        _("aanmelden via de site"), default=False,
        help_text=_("Alleen als aanmelden nodig is. Bewoners kunnen zich dan op deze pagina "
                    "aanmelden voor de eerstvolgende keer, met hun naam en een telefoonnummer "
                    "of e-mailadres. De organisator krijgt een e-mail en ziet de aanmeldingen "
                    "in het partnergedeelte."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(start_time=F("end_time")),
                                   name="activity_has_duration"),
            models.CheckConstraint(condition=Q(is_free=True) | Q(price__gt=0),
                                   name="activity_paid_has_price"),
            models.CheckConstraint(condition=Q(interval_weeks__gte=1, interval_weeks__lte=52),
                                   name="activity_interval_range"),
            models.CheckConstraint(
                condition=~Q(recurrence="monthly") | Q(week_of_month__isnull=False),
                name="activity_monthly_has_week",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("locations:activity_detail", kwargs={"slug": self.slug})

    @property
    def is_listed(self):
        """Published at a published place: its dates are in the agenda."""
        return self.is_published and self.place.is_published

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De laatste datum ligt voor de eerste datum.")
        if self.start_time and self.end_time and self.start_time == self.end_time:
            errors["end_time"] = _("De eindtijd is gelijk aan de begintijd.")
        if not self.is_free and not self.price:
            errors["price"] = _("Vul een prijs in, of kies 'gratis'.")
        if self.recurrence == self.Recurrence.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = _("Kies welke week van de maand, bijvoorbeeld 'eerste'.")
        if self.registration_required and not self.registration_info.strip():
            errors["registration_info"] = _("Schrijf op hoe mensen zich kunnen aanmelden.")
        if self.accepts_signups and not self.registration_required:
            errors["accepts_signups"] = _(
                "Aanmelden via de site kan alleen als aanmelden nodig is. Zet 'aanmelden nodig' "
                "aan, of zet dit uit.")
        if errors:
            raise ValidationError(errors)

    @property
    def duration(self):
        start = datetime.combine(self.start_date, self.start_time)
        end = datetime.combine(self.start_date, self.end_time)
        if end <= start:  # ends after midnight
            end += timedelta(days=1)
        return end - start

    def rule(self):
        """The dates this activity happens on, as a dateutil rrule (without cancellations)."""
        start = datetime.combine(self.start_date, datetime.min.time())
        until = datetime.combine(self.end_date, datetime.min.time()) if self.end_date else None
        if self.recurrence == self.Recurrence.ONCE:
            return rrule.rrule(rrule.DAILY, dtstart=start, count=1)
        if self.recurrence == self.Recurrence.MONTHLY:
            weekday = RRULE_WEEKDAYS[self.start_date.weekday()](self.week_of_month)
            return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, byweekday=weekday)
        interval = self.interval_weeks if self.recurrence == self.Recurrence.EVERY_N_WEEKS else 1
        return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until, interval=interval)

    def dates_between(self, first_day, last_day):
        """Dates (not datetimes) of the rule from first_day up to and including last_day."""
        after = datetime.combine(first_day, datetime.min.time())
        before = datetime.combine(last_day, datetime.min.time())
        return [moment.date() for moment in self.rule().between(after, before, inc=True)]

    def starts_and_ends_on(self, day):
        """Aware datetimes in Europe/Amsterdam: wall-clock times stay right across DST."""
        zone = ZoneInfo(settings.TIME_ZONE)
        starts_at = datetime.combine(day, self.start_time, tzinfo=zone)
        ends_at = datetime.combine(day, self.end_time, tzinfo=zone)
        if ends_at <= starts_at:
            ends_at = datetime.combine(day + timedelta(days=1), self.end_time, tzinfo=zone)
        return starts_at, ends_at


class ActivityCancellation(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="cancellations", verbose_name=_("activiteit"))
    date = models.DateField(_("datum"))
    reason = models.CharField(_("reden"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vervallen datum")
        verbose_name_plural = _("vervallen datums")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"],
                                    name="cancellation_once_per_date")
        ]

    def __str__(self):
        return f"{self.activity} – {self.date}"


class OccurrenceQuerySet(models.QuerySet):
    def published(self):
        """Occurrences of published activities at published places (the stored `is_listed`)."""
        return self.filter(is_listed=True)

    def refresh_listed(self):
        """Set `is_listed` from the activities and places, writing only the rows it changes."""
        listed = Q(activity__is_published=True, activity__place__is_published=True)
        self.filter(listed, is_listed=False).update(is_listed=True)
        self.filter(is_listed=True).exclude(listed).update(is_listed=False)

    def for_agenda(self):
        """Published occurrences with what an agenda item shows."""
        return self.published().select_related(
            "activity__place__neighbourhood", "activity__organiser"
        ).order_by("starts_at", "activity__title")


class Occurrence(models.Model):
    """One date of an activity, stored for a rolling window; rebuilt from the activity's rule
    on save and nightly by `manage.py refresh_occurrences`."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences",
                                 verbose_name=_("activiteit"))
    # The activity's place, stored so a place's next dates come from one index range however
    # many activities there are elsewhere (indexed with starts_at below).
    place = models.ForeignKey("locations.Place", on_delete=models.CASCADE, related_name="+",
                              db_index=False, editable=False, verbose_name=_("plek"))
    starts_at = models.DateTimeField(_("begint om"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt om"))
    is_cancelled = models.BooleanField(_("vervalt"), default=False)
    cancellation_reason = models.CharField(_("reden"), max_length=200, blank=True)
    # The activity is published at a published place. Stored, so the agenda selects, counts
    # and pages through its index alone instead of joining every activity and place; kept by
    # refresh_occurrences and, when a place is saved, by signals.place_saved.
    is_listed = models.BooleanField(_("in de agenda"), default=False, editable=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("datum van een activiteit")
        verbose_name_plural = _("datums van activiteiten")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "starts_at"],
                                    name="occurrence_once_per_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="occurrence_ends_after_start"),
        ]
        indexes = [
            # The agenda's pages and counts: listed occurrences by start, with the end in the
            # index for "still going on" (an index-only count on PostgreSQL).
            models.Index(fields=["starts_at", "ends_at"], condition=Q(is_listed=True),
                         name="occurrence_listed_by_start"),
            # A place's page, print page and feed: its dates in order.
            models.Index(fields=["place", "starts_at"], name="occurrence_by_place_start"),
        ]

    def __str__(self):
        return f"{self.activity} – {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # Derived from the activity, never chosen (refresh_occurrences sets them in bulk).
        self.place_id = self.activity.place_id
        self.is_listed = self.activity.is_listed
        super().save(*args, **kwargs)
