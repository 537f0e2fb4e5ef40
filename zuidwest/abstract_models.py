"""Abstract models the domain apps build on."""

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
