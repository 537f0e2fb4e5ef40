from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance, Organisation
from locations.public import neighbourhood_filter
from zuidwest.ui import widgets
from zuidwest.ui.filters import LenientFilterForm

from .models import Initiative, Spearhead


class InitiativeFilterForm(LenientFilterForm):
    """The filters of the public initiatives list; every value lives in the URL."""

    spearhead = forms.ModelChoiceField(
        label=_("Speerpunt"), queryset=Spearhead.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle speerpunten"),
    )
    alliance = forms.ModelChoiceField(
        label=_("Alliantie"), queryset=Alliance.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle allianties"),
    )
    neighbourhood = neighbourhood_filter()
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle organisaties"), widget=widgets.Select,
        help_text=_("Als trekker of als partner."),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False,
        choices=[("", _("Alle soorten")), *Initiative.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Elke status")), *Initiative.Status.choices],
    )

    def filter(self, queryset):
        """Apply the valid filters; an invalid one is left out (and shown as an error)."""
        data = self.valid_data
        lookups = {
            "spearhead": "spearhead",
            "alliance": "alliance",
            "neighbourhood": "neighbourhoods",
            "kind": "kind",
            "status": "status",
        }
        for field, lookup in lookups.items():
            if data.get(field):
                queryset = queryset.filter(**{lookup: data[field]})
        if data.get("organisation"):
            organisation = data["organisation"]
            queryset = queryset.filter(
                Q(lead_organisation=organisation) | Q(partner_organisations=organisation)
            )
        needs_distinct = data.get("neighbourhood") or data.get("organisation")
        return queryset.distinct() if needs_distinct else queryset
