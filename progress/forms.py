"""The outputs of an initiative as rows of its partner form (see initiatives.partner_forms)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.partner.forms import PartnerRowForm, partner_formfield

from .models import Output


class OutputForm(PartnerRowForm):
    class Meta:
        model = Output
        fields = ("kind", "year", "planned", "achieved", "note")
        formfield_callback = partner_formfield
        help_texts = {"planned": _("Hoeveel je voor dat jaar van plan was."),
                      "achieved": _("Leeg laten zolang het jaar nog loopt.")}
