"""Opportunities ("kansen"): a next step towards work a resident can take. A leerwerkplek, a
stage, a job, werk van waarde, a course towards a diploma, and so on, owned by an
organisation and usually part of an initiative. The fields are what a resident needs to
decide: for whom, where, how many hours, paid or not, when, and how to apply."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, ReviewedModel, TimestampedModel

# Ages an opportunity can name; outside this range a number is a typing error.
YOUNGEST_AGE = 12
OLDEST_AGE = 99
MAX_HOURS_PER_WEEK = 60
# The partner dashboard warns this many days before an opportunity closes.
CLOSING_SOON_DAYS = 7


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        """Opportunities that still take people on `day`: no closing date, or not passed."""
        return self.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))

    def open(self):
        return self.open_on(timezone.localdate())

    def for_listing(self):
        """Published, open opportunities with what a card shows."""
        return self.published().open().select_related(
            "organisation", "neighbourhood", "place__neighbourhood")

    def owned_by(self, organisations):
        """Opportunities of these organisations: the ones they may edit."""
        return self.filter(organisation__in=organisations)

    def in_neighbourhood(self, neighbourhood):
        """In the neighbourhood chosen, or without one at a place in it (shown_neighbourhood)."""
        return self.filter(Q(neighbourhood=neighbourhood)
                           | Q(neighbourhood__isnull=True, place__neighbourhood=neighbourhood))

    def for_age(self, age):
        return self.filter(Q(age_from__isnull=True) | Q(age_from__lte=age),
                           Q(age_to__isnull=True) | Q(age_to__gte=age))


class Opportunity(ReviewedModel, DemoFlaggedModel, TimestampedModel):
    class Kind(models.TextChoices):
        LEARN_WORK = "leerwerkplek", _("leerwerkplek")
        INTERNSHIP = "stage", _("stage")
        JOB = "baan", _("baan")
        MEANINGFUL_WORK = "werk_van_waarde", _("werk van waarde")
        TRAINING = "opleiding", _("opleiding of traject naar een diploma")
        LANGUAGE_AND_WORK = "taal_en_werk", _("taal en werk")
        ENTREPRENEURSHIP = "ondernemen", _("je eigen bedrijf beginnen")
        ENERGY_JOB = "energiebaan", _("werk in energie en klimaat")
        VOLUNTEERING = "vrijwilligerswerk", _("vrijwilligerswerk met een vervolg")

    class Pay(models.TextChoices):
        PAID = "betaald", _("betaald")
        ALLOWANCE = "vergoeding", _("met een vergoeding")
        UNPAID = "onbetaald", _("onbetaald")

    class DutchLevel(models.TextChoices):
        NONE = "geen", _("geen Nederlands nodig")
        A1 = "A1", _("een beetje Nederlands (A1)")
        A2 = "A2", _("eenvoudig Nederlands (A2)")
        B1 = "B1", _("gewoon Nederlands (B1)")
        B2 = "B2", _("goed Nederlands (B2)")

    # Kinds that are work: JobPosting in schema.org. The others are learning: a programme.
    WORK_KINDS = frozenset({Kind.LEARN_WORK, Kind.INTERNSHIP, Kind.JOB, Kind.MEANINGFUL_WORK,
                            Kind.ENERGY_JOB})

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "alliances.Organisation", on_delete=models.PROTECT, related_name="opportunities",
        verbose_name=_("organisatie"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunities", verbose_name=_("initiatief"),
    )
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("wat ga je doen?"), blank=True)

    # For whom
    age_from = models.PositiveSmallIntegerField(
        _("leeftijd vanaf"), null=True, blank=True,
        validators=[MinValueValidator(YOUNGEST_AGE), MaxValueValidator(OLDEST_AGE)],
    )
    age_to = models.PositiveSmallIntegerField(
        _("leeftijd tot en met"), null=True, blank=True,
        validators=[MinValueValidator(YOUNGEST_AGE), MaxValueValidator(OLDEST_AGE)],
    )
    no_diploma_needed = models.BooleanField(_("geen diploma nodig"), default=False)
    dutch_level = models.CharField(_("Nederlands"), max_length=4, choices=DutchLevel.choices,
                                   default=DutchLevel.A2)
    benefit_allowed = models.BooleanField(
        _("kan met een uitkering"), default=False,
        help_text=_("Je kunt meedoen terwijl je een uitkering hebt."),
    )

    # Where
    place = models.ForeignKey(
        "locations.Place", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunities", verbose_name=_("plek"),
    )
    address = models.CharField(
        _("adres"), max_length=200, blank=True,
        help_text=_("Alleen als het niet bij een plek op deze site is."),
    )
    neighbourhood = models.ForeignKey(
        "locations.Neighbourhood", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunities", verbose_name=_("wijk"),
    )

    # How much, and when
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    pay = models.CharField(_("betaald?"), max_length=12, choices=Pay.choices)
    pay_details = models.CharField(
        _("over het geld"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld: € 14 per uur, of € 150 per maand vergoeding."),
    )
    starts_on = models.DateField(
        _("begint op"), null=True, blank=True,
        help_text=_("Leeg laten als je steeds kunt beginnen."),
    )
    closes_on = models.DateField(
        _("aanmelden kan tot en met"), null=True, blank=True,
        help_text=_("Na deze dag staat de kans niet meer in de lijst."),
    )

    # How to apply
    how_to_apply = models.TextField(
        _("zo meld je je aan"),
        help_text=_("Eén stap per regel, in gewone woorden. Bijvoorbeeld: Bel Fatima. "
                    "Kom langs op dinsdag. Je krijgt een gesprek."),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=100, blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    information_activity = models.ForeignKey(
        "locations.Activity", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunities", verbose_name=_("inloopspreekuur of informatiebijeenkomst"),
        help_text=_("Een activiteit in de agenda waar je kunt binnenlopen of meer hoort."),
    )
    accepts_signups = models.BooleanField(
        _("aanmelden via de site"), default=False,
        help_text=_("Bewoners kunnen zich dan op deze pagina aanmelden met hun naam en een "
                    "telefoonnummer of e-mailadres. Je organisatie krijgt een e-mail en ziet "
                    "de aanmeldingen in het partnergedeelte."),
    )

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        db_table = "initiatives_opportunity"  # the table from before the apps were split
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
        ordering = ["closes_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_from__isnull=True) | Q(age_to__isnull=True)
                | Q(age_from__lte=models.F("age_to")),
                name="opportunity_ages_in_order",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=1, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="opportunity_hours_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(how_to_apply=""), name="opportunity_says_how_to_apply",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "closes_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("work:opportunity_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.age_from and self.age_to and self.age_to < self.age_from:
            errors["age_to"] = _("Deze leeftijd is lager dan de leeftijd 'vanaf'.")
        if not (self.contact_phone or self.contact_email or self.information_activity_id):
            errors["contact_phone"] = _(
                "Vul een telefoonnummer of e-mailadres in, of kies een inloopspreekuur: "
                "hoe komt iemand met jullie in contact?")
        if errors:
            raise ValidationError(errors)

    # --- what a resident reads first ---------------------------------------------------------

    def is_closed_on(self, day):
        return self.closes_on is not None and self.closes_on < day

    @property
    def is_closed(self):
        return self.is_closed_on(timezone.localdate())

    @property
    def shown_neighbourhood(self):
        """The neighbourhood chosen, or else the place's: derived, so moving the opportunity
        to another place moves it to that place's neighbourhood too."""
        if self.neighbourhood_id:
            return self.neighbourhood
        return self.place.neighbourhood if self.place_id else None

    def closes_within(self, days, today=None):
        """Days until the closing date when that is 0 to `days` away, else None."""
        if self.closes_on is None:
            return None
        left = (self.closes_on - (today or timezone.localdate())).days
        return left if 0 <= left <= days else None

    @property
    def apply_steps(self):
        """The lines of "how to apply", without empty ones and list marks people type."""
        steps = []
        for line in self.how_to_apply.splitlines():
            step = line.strip().lstrip("-*•").strip()
            if step[:1].isdigit():
                step = step.lstrip("0123456789").lstrip(".)").strip()
            if step:
                steps.append(step)
        return steps

    @property
    def age_range(self):
        if self.age_from and self.age_to:
            return _("%(low)s tot en met %(high)s jaar") % {"low": self.age_from,
                                                            "high": self.age_to}
        if self.age_from:
            return _("vanaf %(low)s jaar") % {"low": self.age_from}
        if self.age_to:
            return _("tot en met %(high)s jaar") % {"high": self.age_to}
        return ""

    def key_facts(self, today=None):
        """The few facts a card leads with: "Betaald · 24 uur · zonder diploma · sluit 12
        januari"."""
        facts = [self.get_pay_display().capitalize()]
        if self.hours_per_week:
            facts.append(_("%(hours)s uur per week") % {"hours": self.hours_per_week})
        if self.no_diploma_needed:
            facts.append(_("zonder diploma"))
        if self.closes_on:
            day = today or timezone.localdate()
            if self.closes_on < day:
                facts.append(_("gesloten"))
            else:
                facts.append(_("sluit %(date)s") % {"date": date_format(self.closes_on, "j F")})
        return facts
