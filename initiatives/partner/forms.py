"""The forms partners use to keep an initiative page current (see zuidwest.partner)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alliances.models import Organisation
from locations.models import Place
from zuidwest.partner.accounts import organisations_of
from zuidwest.partner.forms import PartnerPageForm, PartnerRowForm, partner_formfield

from ..models import Initiative, Milestone, Update
from ..review import INITIATIVE_SPEC


class InitiativeForm(PartnerPageForm):
    sections = (
        (_("Over het initiatief"), ("title", "summary", "body", "kind", "status",
                                    "start_date", "end_date")),
        (_("Waar het bij hoort"), ("spearhead", "alliance", "partner_organisations",
                                   "neighbourhoods", "places")),
        (_("Foto"), ("cover_image", "cover_image_alt")),
    )
    help_texts = {
        "title": _("Een korte naam die zegt wat het is, bijvoorbeeld 'Buurtkamer De Linde'."),
        "summary": _("Eén of twee zinnen: wat doe je, en voor wie? Deze tekst staat ook in "
                     "de lijst met initiatieven."),
        "body": _("Vertel meer: wat gebeurt er, wanneer, en hoe doet iemand mee? Schrijf in "
                  "korte zinnen. Een witregel begint een nieuwe alinea."),
        "start_date": _("Leeg laten als je het nog niet weet."),
        "end_date": _("Leeg laten als het initiatief geen einddatum heeft."),
        "partner_organisations": _("Organisaties die meedoen. Zij kunnen deze pagina ook "
                                   "bijhouden."),
        "places": _("Plekken waar het initiatief iets doet. Je ziet de plekken die op de site "
                    "staan en de plekken van je eigen organisatie."),
        "cover_image_alt": _("Wat is er op de foto te zien? Voor wie de foto niet kan zien. "
                             "Verplicht als je een foto kiest."),
    }

    class Meta:
        model = Initiative
        fields = INITIATIVE_SPEC.fields + INITIATIVE_SPEC.m2m
        formfield_callback = partner_formfield
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = Place.objects.linkable_by(
            organisations_of(self.user), keep=self.linked_pks("places"))
        self.fields["partner_organisations"].queryset = Organisation.objects.order_by("name")


class MilestoneForm(PartnerRowForm):
    class Meta:
        model = Milestone
        fields = ("title", "description", "planned_for", "reached_on", "delay_reason")
        formfield_callback = partner_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"reached_on": _("Leeg laten zolang het nog niet zo ver is.")}


class UpdateForm(PartnerRowForm):
    class Meta:
        model = Update
        fields = ("title", "published_on", "body")
        formfield_callback = partner_formfield
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"published_on": _("De datum die boven het bericht staat.")}
