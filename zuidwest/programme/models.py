import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zuidwest.abstract_models import DemoFlaggedModel

validate_phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{8,}$",
    _("Schrijf een telefoonnummer met alleen cijfers, spaties of streepjes, zoals "
      "070 123 45 67 of +31 70 123 45 67."),
)


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


class ProgrammeOffice(DemoFlaggedModel):
    """How to reach the programme office: the contact page and the footer of every page.

    Its own row beside the Programme (edited on the programme's admin page), so that sample
    contact details can be loaded and labelled as such without repeating the programme's facts:
    the real fixture has none, since the programme publishes no phone number of its own."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, primary_key=True, related_name="office",
        verbose_name=_("programma"),
    )
    name = models.CharField(
        _("naam"), max_length=200, default="Programmabureau Regio Deal Zuidwest",
    )
    email = models.EmailField(
        _("e-mail"), blank=True,
        help_text=_("Hier komen ook de meldingen over fouten op de site binnen."),
    )
    phone = models.CharField(
        _("telefoon"), max_length=30, blank=True, validators=[validate_phone_number],
        help_text=_("Bijvoorbeeld 070 123 45 67."),
    )
    visiting_address = models.TextField(
        _("bezoekadres"), blank=True, help_text=_("Straat en huisnummer, postcode en plaats."),
    )
    opening_hours = models.TextField(
        _("bereikbaar"), blank=True,
        help_text=_("Wanneer iemand de telefoon opneemt of het bureau open is, in gewone "
                    "woorden. Bijvoorbeeld: maandag tot en met vrijdag van 9.00 tot 17.00 uur."),
    )

    class Meta:
        app_label = "zuidwest"
        verbose_name = _("contactgegevens van het programmabureau")
        verbose_name_plural = _("contactgegevens van het programmabureau")

    def __str__(self):
        return self.name

    @property
    def phone_uri(self):
        """'070 123 45 67' as 'tel:+31701234567' (RFC 3966), so a phone can dial it."""
        digits = re.sub(r"\D", "", self.phone.replace("(0)", ""))
        if self.phone.strip().startswith("+"):
            return f"tel:+{digits}"
        return f"tel:+31{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"

    @property
    def has_contact_details(self):
        return bool(self.email or self.phone or self.visiting_address)
