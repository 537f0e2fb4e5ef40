"""The form partners use to keep an opportunity page current (see zuidwest.partner)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locations.models import Activity
from locations.public import limit_place_and_initiative
from zuidwest.partner.forms import PartnerPageForm, partner_formfield

from ..models import Opportunity
from ..review import OPPORTUNITY_SPEC


class OpportunityForm(PartnerPageForm):
    sections = (
        (_("Over de kans"), ("title", "kind", "summary", "description", "initiative")),
        (_("Voor wie"), ("age_from", "age_to", "no_diploma_needed", "dutch_level",
                         "benefit_allowed")),
        (_("Waar"), ("place", "address", "neighbourhood")),
        (_("Uren, geld en wanneer"), ("hours_per_week", "pay", "pay_details", "starts_on",
                                      "closes_on")),
        (_("Zo meld je je aan"), ("how_to_apply", "contact_name", "contact_phone",
                                  "contact_email", "information_activity", "accepts_signups")),
    )
    help_texts = {
        "title": _("Zeg wat het is, bijvoorbeeld 'Leerwerkplek in de keuken'."),
        "summary": _("Eén of twee zinnen: wat ga je doen, en voor wie is het? Deze tekst "
                     "staat ook in de lijst."),
        "age_from": _("Leeg laten als er geen ondergrens is."),
        "age_to": _("Leeg laten als er geen bovengrens is."),
        "place": _("De plek waar het werk of de opleiding is. Staat de plek niet op de site? "
                   "Vul dan hieronder het adres in."),
        "neighbourhood": _("Leeg laten: dan geldt de wijk van de plek."),
    }

    class Meta:
        model = Opportunity
        fields = OPPORTUNITY_SPEC.fields
        formfield_callback = partner_formfield
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "how_to_apply": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = limit_place_and_initiative(self)
        self.fields["information_activity"].queryset = Activity.objects.filter(
            Q(pk__in=Activity.objects.owned_by(organisations).values("pk"))
            | Q(is_published=True) | Q(pk__in=self.linked_pks("information_activity"))
        ).select_related("place")
