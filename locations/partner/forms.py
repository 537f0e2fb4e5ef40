"""The forms partners use to keep place and activity pages current
(see zuidwest.partner)."""

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from zuidwest.partner.accounts import organisations_of
from zuidwest.partner.forms import PartnerPageForm, PartnerRowForm, partner_formfield

from ..models import Activity, ActivityCancellation, OpeningHours, Place, SpecialHours
from ..review import ACTIVITY_SPEC, PLACE_SPEC

LATITUDE_HELP = _(
    "Het eerste getal van de plek op de kaart, bijvoorbeeld 52.0401 (met een punt of een "
    "komma). Tip: houd je vinger of muis op de plek in een kaart-app en neem de twee getallen "
    "over. De plek moet in Den Haag liggen."
)
LONGITUDE_HELP = _(
    "Het tweede getal, bijvoorbeeld 4.2723 (met een punt of een komma)."
)


class PlaceForm(PartnerPageForm):
    sections = (
        (_("Over de plek"), ("name", "kind", "description", "wheelchair_accessible",
                             "free_entry", "languages")),
        (_("Adres"), ("street", "house_number", "postcode", "city", "neighbourhood",
                      "latitude", "longitude", "directions")),
        (_("Contact"), ("phone", "email", "website")),
        (_("Foto"), ("image", "image_alt")),
    )
    help_texts = {
        "name": _("De naam zoals mensen hem kennen, bijvoorbeeld 'Buurtkamer De Linde'."),
        "description": _("Wat kunnen mensen hier doen? Schrijf in korte zinnen. Een witregel "
                         "begint een nieuwe alinea."),
        "latitude": LATITUDE_HELP,
        "longitude": LONGITUDE_HELP,
        "phone": _("Bijvoorbeeld 070 123 45 67."),
        "website": _("Begin met https://"),
        "image_alt": _("Wat is er op de foto te zien? Voor wie de foto niet kan zien. "
                       "Verplicht als je een foto kiest."),
    }

    class Meta:
        model = Place
        fields = PLACE_SPEC.fields
        formfield_callback = partner_formfield

    class Media:
        # The button "Zoek de plek bij dit adres" and a map to click on (static/js/
        # place-location.js); without JavaScript the partner types the coordinates, as the help
        # texts explain.
        css = {"all": ["vendor/leaflet/leaflet.css"]}
        js = ["vendor/leaflet/leaflet.js", "js/place-location.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        texts = {
            "data-chosen-text": _("De coördinaten van %(address)s zijn ingevuld."),
            "data-map-chosen-text": _("De coördinaten van de plek op de kaart zijn ingevuld."),
        }
        if settings.GEOCODER_URL:
            texts.update({
                "data-address-search": reverse("partner:place_address_search"),
                "data-button-text": _("Zoek de plek bij dit adres"),
                "data-busy-text": _("Even zoeken…"),
                "data-choose-text": _("Kies het juiste adres. De coördinaten worden dan "
                                      "ingevuld."),
                "data-failed-text": _("Zoeken op adres lukt nu niet. Vul de coördinaten zelf "
                                      "in, of probeer het later opnieuw."),
            })
        self.fields["latitude"].widget.attrs.update(texts)
        self.fields["longitude"].widget.attrs.update({
            "data-location-map": settings.MAP_TILE_URL,
            "data-attribution": _("Kaartgegevens © Kadaster"),
            "data-label": _("Kaart: kies de plek om de coördinaten in te vullen"),
            "data-hint": _("Of kies de plek op de kaart: de coördinaten worden dan "
                           "ingevuld."),
            "data-marker-icon": static("vendor/leaflet/images/marker-icon.png"),
            "data-marker-icon-2x": static("vendor/leaflet/images/marker-icon-2x.png"),
            "data-marker-shadow": static("vendor/leaflet/images/marker-shadow.png"),
        })


class OpeningHoursForm(PartnerRowForm):
    class Meta:
        model = OpeningHours
        fields = ("weekday", "opens", "closes", "valid_from", "valid_until")
        formfield_callback = partner_formfield
        help_texts = {
            "valid_from": _("Leeg laten als deze tijd altijd geldt."),
            "valid_until": _("Leeg laten als deze tijd altijd geldt."),
        }


class SpecialHoursForm(PartnerRowForm):
    class Meta:
        model = SpecialHours
        fields = ("start_date", "end_date", "is_closed", "opens", "closes", "reason")
        formfield_callback = partner_formfield
        help_texts = {
            "end_date": _("Voor één dag: dezelfde datum als bij 'van'."),
            "is_closed": _("Haal het vinkje weg als de plek open is, maar op andere tijden. "
                           "Vul dan de tijden in."),
        }


class ActivityForm(PartnerPageForm):
    sections = (
        (_("Over de activiteit"), ("title", "summary", "description", "audience", "place",
                                   "initiative", "languages")),
        (_("Wanneer"), ("recurrence", "interval_weeks", "week_of_month", "start_date",
                        "end_date", "start_time", "end_time")),
        (_("Kosten en aanmelden"), ("is_free", "price", "registration_required",
                                    "registration_info", "accepts_signups")),
    )
    help_texts = {
        "summary": _("Eén zin: wat gaan mensen doen? Deze tekst staat ook in de agenda."),
        "place": _("Je ziet de plekken die op de site staan en de plekken van je eigen "
                   "organisatie."),
        "initiative": _("Hoort de activiteit bij een initiatief van je organisatie? Kies het "
                        "hier. Anders leeg laten."),
        "start_date": _("De eerste keer. Bij 'elke week' ook de dag van de week."),
        "end_date": _("De laatste keer. Leeg laten als het doorgaat."),
        "price": _("In euro, bijvoorbeeld 2,50. Alleen als de activiteit niet gratis is."),
    }

    class Meta:
        model = Activity
        fields = ACTIVITY_SPEC.fields
        formfield_callback = partner_formfield
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_place_and_initiative(self)


def limit_place_and_initiative(form):
    """A page's place and initiative: only what the partner may link to (see linkable_by),
    keeping what the version links already."""
    organisations = organisations_of(form.user)
    form.fields["place"].queryset = Place.objects.linkable_by(
        organisations, keep=form.linked_pks("place"))
    form.fields["initiative"].queryset = Initiative.objects.linkable_by(
        organisations, keep=form.linked_pks("initiative"))
    return organisations


class CancellationForm(PartnerRowForm):
    class Meta:
        model = ActivityCancellation
        fields = ("date", "reason")
        formfield_callback = partner_formfield
        help_texts = {"reason": _("Bijvoorbeeld: de ruimte is dicht. Bezoekers zien dit.")}
