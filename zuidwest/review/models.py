from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewedModel(models.Model):
    """A page partners edit through the review workflow. Its own row holds what the public
    sees; only published rows are public. Partner changes wait as revisions until staff
    approve them. Staff-made rows start published.

    `latest_revision` is the newest version of the page, kept up to date by the workflow (as
    Wagtail keeps it on its pages), so showing a page's state costs no search through its
    history."""

    is_published = models.BooleanField(
        _("gepubliceerd"), default=True,
        help_text=_("Alleen gepubliceerde inhoud staat op de site."),
    )
    latest_revision = models.ForeignKey(
        "zuidwest.Revision", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("nieuwste versie"),
    )

    class Meta:
        abstract = True


class RevisionQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Revision(models.Model):
    """One saved version of a reviewed page, as a snapshot of its fields, many-to-many links
    and child rows (see zuidwest.review.snapshots).

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
        app_label = "zuidwest"
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

    @property
    def is_newest(self):
        page = self.content_object
        return page is not None and page.latest_revision_id == self.pk
