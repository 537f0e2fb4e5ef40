"""Residents' ideas and questions: sent without an account, public only after moderation,
answered in public by a member of the Alliantieraad within the promised time.

Personal data (the submitter's e-mail address, supporters' addresses) is kept only to send the
updates asked for, never shown on a public page, in the API, feeds or search, and deleted
RETENTION after the idea is closed (retention.py). Links in mails are signed (links.py), so no
token is stored and background tasks carry ids only."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.models import DemoFlaggedModel, ReviewedModel, TimestampedModel

# The retention rule, also on the privacy page and in every mail.
RETENTION = timedelta(days=91)  # three months after the idea is closed
UNCONFIRMED_SUPPORT_RETENTION = timedelta(days=7)  # a support nobody confirmed

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 2000
WHY_MAX_LENGTH = 1000
DISPLAY_NAME_MAX_LENGTH = 60
EMAIL_MAX_LENGTH = 254
STATUS_TEXT_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 4000


class Status(models.TextChoices):
    RECEIVED = "received", _("ontvangen")
    IN_PROGRESS = "in_progress", _("in behandeling")
    ANSWERED = "answered", _("beantwoord")
    IN_EXECUTION = "in_execution", _("wordt uitgevoerd")
    DONE = "done", _("uitgevoerd")
    NOT_FEASIBLE = "not_feasible", _("niet haalbaar")


# A status that counts as the programme's answer for the promise.
ANSWERING_STATUSES = (Status.ANSWERED, Status.IN_EXECUTION, Status.DONE, Status.NOT_FEASIBLE)
CLOSING_STATUSES = (Status.DONE, Status.NOT_FEASIBLE)


class Moderation(models.TextChoices):
    WAITING = "waiting", _("wacht op beoordeling")
    APPROVED = "approved", _("goedgekeurd")
    REFUSED = "refused", _("geweigerd")


class RefusalReason(models.TextChoices):
    """The reasons used in practice; the submitter gets the reason by mail."""

    PERSONAL_DATA = "personal_data", _("gaat over persoonlijke gegevens van anderen")
    OFFENSIVE = "offensive", _("is kwetsend of beledigend")
    NOT_ZUIDWEST = "not_zuidwest", _("gaat niet over Zuidwest")
    DUPLICATE = "duplicate", _("staat er al: hetzelfde idee van iemand anders")


class IdeaQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: approved, and past 'ontvangen'."""
        return self.filter(moderation=Moderation.APPROVED).exclude(status=Status.RECEIVED)

    def for_listing(self):
        return self.published().select_related("neighbourhood").order_by("-submitted_at", "-pk")

    def waiting_for_answer(self):
        return self.filter(moderation=Moderation.APPROVED, first_answered_at__isnull=True)

    def overdue(self, now=None):
        """Past the promise without an answer."""
        now = now or timezone.now()
        return self.waiting_for_answer().filter(
            submitted_at__lt=now - timedelta(days=settings.ANSWER_PROMISE_DAYS))

    def assigned_to_organisations(self, organisations):
        """The ideas whose Alliantieraad member counts one of these organisations as a member."""
        return self.filter(moderation=Moderation.APPROVED,
                           assigned_to__organisations__in=organisations).distinct()


class Idea(DemoFlaggedModel, TimestampedModel):
    class Kind(models.TextChoices):
        IDEA = "idea", _("idee")
        QUESTION = "question", _("vraag")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.IDEA)
    title = models.CharField(_("titel"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    body = models.TextField(_("idee of vraag"), max_length=BODY_MAX_LENGTH)
    why = models.TextField(_("waarom"), max_length=WHY_MAX_LENGTH, blank=True)
    neighbourhood = models.ForeignKey("locations.Neighbourhood", on_delete=models.PROTECT,
                                      related_name="ideas", verbose_name=_("wijk"))
    spearhead = models.ForeignKey("initiatives.Spearhead", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="ideas", verbose_name=_("speerpunt"))
    place_label = models.CharField(_("plek"), max_length=200, blank=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    photo = models.ImageField(_("foto"), upload_to="ideas/", blank=True)
    photo_approved = models.BooleanField(
        _("foto goedgekeurd"), default=False,
        help_text=_("Een foto staat pas op de site als de redactie hem heeft bekeken."))
    photo_alt = models.CharField(_("beschrijving van de foto"), max_length=200, blank=True)
    display_name = models.CharField(_("naam op de site"), max_length=DISPLAY_NAME_MAX_LENGTH,
                                    blank=True)
    # Personal data: only to send the updates the resident asked for.
    email = models.EmailField(_("e-mailadres voor updates"), max_length=EMAIL_MAX_LENGTH,
                              blank=True)
    submitted_at = models.DateTimeField(_("ingestuurd op"), default=timezone.now, db_index=True)
    moderation = models.CharField(_("beoordeling"), max_length=10, choices=Moderation.choices,
                                  default=Moderation.WAITING, db_index=True)
    refusal_reason = models.CharField(_("reden van weigeren"), max_length=20, blank=True,
                                      choices=RefusalReason.choices)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates", verbose_name=_("zelfde als"))
    redacted = models.BooleanField(
        _("aangepast door de redactie"), default=False,
        help_text=_("Zet dit aan als je persoonlijke gegevens uit de tekst hebt gehaald. De "
                    "site laat dan zien dat de redactie de tekst heeft aangepast."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    assigned_to = models.ForeignKey(
        "alliances.Alliance", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="ideas", verbose_name=_("toegewezen aan"),
        help_text=_("Een alliantie, de Partnerraad of de Gemeente: die geeft het antwoord."))
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="source_ideas", verbose_name=_("werd het initiatief"))
    activity = models.ForeignKey(
        "locations.Activity", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="source_ideas", verbose_name=_("werd de activiteit"))
    # Kept from the status changes, for the promise and the retention (no search through them).
    first_answered_at = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    supporter_count = models.PositiveIntegerField(_("aantal steunbetuigingen"), default=0,
                                                  editable=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idee of vraag")
        verbose_name_plural = _("ideeën en vragen")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="idea_has_title"),
            models.CheckConstraint(
                condition=~Q(moderation="refused") | ~Q(refusal_reason=""),
                name="idea_refusal_has_reason"),
            models.CheckConstraint(
                condition=~Q(refusal_reason="duplicate") | Q(duplicate_of__isnull=False),
                name="idea_duplicate_names_the_other"),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt="") | Q(photo_approved=False),
                name="idea_shown_photo_has_alt_text"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.moderation == Moderation.APPROVED and self.status != Status.RECEIVED

    @property
    def shown_name(self):
        return self.display_name or _("Bewoner uit %(neighbourhood)s") % {
            "neighbourhood": self.neighbourhood.name}

    @property
    def shown_photo(self):
        return self.photo if self.photo and self.photo_approved else None

    @property
    def delete_personal_data_on(self):
        return timezone.localdate(self.closed_at + RETENTION) if self.closed_at else None

    def clean(self):
        errors = {}
        if self.moderation == Moderation.REFUSED and not self.refusal_reason:
            errors["refusal_reason"] = _("Kies waarom je dit idee weigert; de inzender leest het.")
        if self.refusal_reason == RefusalReason.DUPLICATE and self.duplicate_of_id is None:
            errors["duplicate_of"] = _("Kies het idee waar dit hetzelfde als is.")
        if self.duplicate_of_id is not None and self.duplicate_of_id == self.pk:
            errors["duplicate_of"] = _("Een idee kan niet hetzelfde zijn als zichzelf.")
        if self.photo and self.photo_approved and not self.photo_alt.strip():
            errors["photo_alt"] = _("Beschrijf wat er op de foto staat, voor wie hem niet kan "
                                    "zien.")
        if self.status in (Status.IN_EXECUTION, Status.DONE) and not (
                self.initiative_id or self.activity_id):
            errors["status"] = _("Koppel eerst het initiatief of de activiteit die uit dit idee "
                                 "is gekomen.")
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    """One dated step of the public timeline."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes",
                             verbose_name=_("idee"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    public_text = models.TextField(_("uitleg op de site"), max_length=STATUS_TEXT_MAX_LENGTH,
                                   blank=True)
    changed_at = models.DateTimeField(_("datum"), default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("door"))

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["changed_at", "pk"]
        constraints = [models.CheckConstraint(
            condition=~Q(status="not_feasible") | ~Q(public_text=""),
            name="status_not_feasible_has_reason")]

    def __str__(self):
        return f"{self.idea} – {self.get_status_display()}"


class AnswerQuerySet(models.QuerySet):
    def owned_by(self, organisations):
        return self.filter(organisation__in=organisations)


class Answer(ReviewedModel, TimestampedModel):
    """The public answer to an idea, written in the partner area by an organisation of the
    assigned member of the Alliantieraad and published by staff through the review flow."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="answer",
                                verbose_name=_("idee"))
    organisation = models.ForeignKey("alliances.Organisation", on_delete=models.PROTECT,
                                     related_name="idea_answers",
                                     verbose_name=_("beantwoord door"))
    on_behalf_of = models.ForeignKey("alliances.Alliance", on_delete=models.PROTECT,
                                     related_name="idea_answers",
                                     verbose_name=_("namens"))
    text = models.TextField(_("antwoord"), max_length=ANSWER_MAX_LENGTH)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord op een idee")
        verbose_name_plural = _("antwoorden op ideeën")

    def __str__(self):
        return _("Antwoord op: %(title)s") % {"title": self.idea.title}

    def get_absolute_url(self):
        return self.idea.get_absolute_url()


class SupportQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Support(models.Model):
    """'Ik steun dit idee': an address, confirmed through a link (double opt-in). One per
    address per idea; only the number is public."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports",
                             verbose_name=_("idee"))
    email = models.EmailField(_("e-mailadres"), max_length=EMAIL_MAX_LENGTH)
    wants_updates = models.BooleanField(_("wil updates"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    objects = SupportQuerySet.as_manager()

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [models.UniqueConstraint(fields=["idea", "email"],
                                               name="support_once_per_address")]

    def __str__(self):
        return _("Steun voor %(title)s") % {"title": self.idea.title}
