from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
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


class RevisionQuerySet(models.QuerySet):
    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )


class Revision(models.Model):
    """One saved version of a partner page (an initiative, place or activity), as a snapshot
    of its fields, many-to-many links and child rows (see zuidwest.review).

    The page's own row holds what is public; a revision becomes public when staff approve it.
    Approved revisions are the page's history and can be restored."""

    class State(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ter beoordeling")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("soort")
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("inhoud"))
    state = models.CharField(_("status"), max_length=20, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gebaseerd op"),
    )
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("teruggezet van"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_reason = models.TextField(_("reden"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="rejected") | ~models.Q(decision_reason=""),
                name="revision_rejection_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id} – {self.get_state_display()}"
