"""The residents' forms: sending an idea or a question, supporting one, and the filters of the
list. Short, in B1 Dutch; nothing is asked that the feature does not need. `website` is the
honeypot, as on the sign-up form (initiatives/signup_forms.py)."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from locations.models import Neighbourhood
from zuidwest.images.fields import SafeImageField
from zuidwest.ui.forms import PlainRequiredMessages

from .models import (
    BODY_MAX_LENGTH,
    DISPLAY_NAME_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    WHY_MAX_LENGTH,
    Idea,
    Status,
)

HONEYPOT_FIELD = "website"
# The four neighbourhoods and a margin around them: a point further away is a mistake.
AREA = {"latitude": (Decimal("52.00"), Decimal("52.08")),
        "longitude": (Decimal("4.20"), Decimal("4.33"))}


def too_long(what):
    return _("%(what)s is te lang: hooguit %%(limit_value)d tekens, nu %%(show_value)d. Maak "
             "het korter.") % {"what": what}


class HoneypotMixin:
    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())


class IdeaForm(HoneypotMixin, PlainRequiredMessages, forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wil je sturen?"), choices=Idea.Kind.choices, initial=Idea.Kind.IDEA,
        widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Je idee of vraag in een paar woorden"), max_length=TITLE_MAX_LENGTH,
        help_text=_("Bijvoorbeeld: Meer bankjes in het Zuiderpark."),
        error_messages={"required": _("Schrijf in een paar woorden wat je idee of vraag is."),
                        "max_length": too_long(_("De titel"))})
    body = forms.CharField(
        label=_("Vertel meer"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={
            "rows": 6}),
        help_text=_("Wat wil je? Schrijf geen namen, telefoonnummers of adressen van andere "
                    "mensen."),
        error_messages={"required": _("Vertel wat meer over je idee of vraag."),
                        "max_length": too_long(_("Je tekst"))})
    why = forms.CharField(
        label=_("Waarom is dit belangrijk? (niet verplicht)"), max_length=WHY_MAX_LENGTH,
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long(_("Je uitleg"))})
    neighbourhood = forms.ModelChoiceField(
        label=_("Over welke wijk gaat het?"), queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("Kies een wijk"), to_field_name="slug",
        error_messages={"required": _("Kies de wijk waar je idee of vraag over gaat."),
                        "invalid_choice": _("Kies een van de vier wijken.")})
    street = forms.CharField(
        label=_("Adres of plek (niet verplicht)"), max_length=200, required=False,
        help_text=_("Bijvoorbeeld: Moerweg 100, of: het plein bij de bibliotheek."))
    latitude = forms.DecimalField(
        label=_("Breedtegraad (niet verplicht)"), max_digits=9, decimal_places=6,
        required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Alleen als je de plek precies wilt aanwijzen. Met de kaart gaat het "
                    "vanzelf."))
    longitude = forms.DecimalField(
        label=_("Lengtegraad (niet verplicht)"), max_digits=9, decimal_places=6,
        required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    photo = SafeImageField(label=_("Foto (niet verplicht)"), required=False)
    display_name = forms.CharField(
        label=_("Naam op de site (niet verplicht)"), max_length=DISPLAY_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Laat je dit leeg? Dan staat er bijvoorbeeld 'Bewoner uit Moerwijk'."),
        error_messages={"max_length": too_long(_("De naam"))},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    email = forms.EmailField(
        label=_("Je e-mailadres (niet verplicht)"), max_length=EMAIL_MAX_LENGTH,
        required=False,
        help_text=_("Dan sturen we je een e-mail als er iets verandert. Zonder e-mailadres "
                    "krijg je een eigen link om je idee te volgen."),
        error_messages={"invalid": _("Dit e-mailadres klopt niet. Een e-mailadres ziet eruit "
                                     "als naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    website = forms.CharField(
        label=_("Laat dit veld leeg"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    class Media:
        # The address search and the map to click on, as on the partner place form (static/js/
        # place-location.js); without JavaScript the address field is enough.
        css = {"all": ["vendor/leaflet/leaflet.css"]}
        js = ["vendor/leaflet/leaflet.js", "js/place-location.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text over the limit gets a message, not silently cut off.
        for name in ("body", "why"):
            self.fields[name].widget.attrs.pop("maxlength", None)
        texts = {
            "data-chosen-text": _("De plek %(address)s is gekozen."),
            "data-map-chosen-text": _("De plek op de kaart is gekozen."),
        }
        if settings.GEOCODER_URL:
            texts.update({
                "data-address-search": reverse("ideas:address_search"),
                "data-button-text": _("Zoek dit adres op de kaart"),
                "data-busy-text": _("Even zoeken…"),
                "data-choose-text": _("Kies het juiste adres."),
                "data-failed-text": _("Zoeken lukt nu niet. Dat is niet erg: het adres is "
                                      "genoeg."),
            })
        self.fields["latitude"].widget.attrs.update(texts)
        self.fields["longitude"].widget.attrs.update({
            "data-location-map": settings.MAP_TILE_URL,
            "data-attribution": _("Kaartgegevens © Kadaster"),
            "data-label": _("Kaart: kies de plek van je idee"),
            "data-hint": _("Of wijs de plek aan op de kaart."),
            "data-marker-icon": static("vendor/leaflet/images/marker-icon.png"),
            "data-marker-icon-2x": static("vendor/leaflet/images/marker-icon-2x.png"),
            "data-marker-shadow": static("vendor/leaflet/images/marker-shadow.png"),
        })

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors.get("latitude"):
            self.add_error("latitude", _("Vul allebei de coördinaten in, of laat ze allebei "
                                         "leeg."))
        elif latitude is not None and longitude is not None and not (
                AREA["latitude"][0] <= latitude <= AREA["latitude"][1]
                and AREA["longitude"][0] <= longitude <= AREA["longitude"][1]):
            self.add_error("latitude", _("Deze plek ligt niet in Zuidwest. Kies een plek in "
                                         "Bouwlust, Vrederust, Morgenstond of Moerwijk."))
        return cleaned

    def idea_fields(self):
        data = self.cleaned_data
        return {"kind": data["kind"], "title": data["title"], "body": data["body"].strip(),
                "why": data["why"].strip(), "neighbourhood": data["neighbourhood"],
                "place_label": data["street"].strip(), "latitude": data["latitude"],
                "longitude": data["longitude"], "photo": data["photo"] or "",
                "display_name": data["display_name"],
                "email": data["email"].strip().lower()}


class SupportForm(HoneypotMixin, PlainRequiredMessages, forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"), max_length=EMAIL_MAX_LENGTH,
        help_text=_("We sturen je een e-mail met een link. Pas als je die link opent, telt "
                    "je steun mee. Niemand ziet je e-mailadres."),
        error_messages={"required": _("Vul je e-mailadres in."),
                        "invalid": _("Dit e-mailadres klopt niet. Een e-mailadres ziet eruit "
                                     "als naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    wants_updates = forms.BooleanField(
        label=_("Stuur mij een e-mail als er iets verandert aan dit idee."), required=False)
    website = forms.CharField(
        label=_("Laat dit veld leeg"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class IdeaFilterForm(forms.Form):
    """The list's filters; a value that does not fit is ignored, as on the other lists."""

    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.order_by("name"), required=False,
        empty_label=_("Alle wijken"), to_field_name="slug")
    spearhead = forms.ModelChoiceField(
        label=_("Speerpunt"), queryset=None, required=False, empty_label=_("Alle speerpunten"),
        to_field_name="slug")
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        from initiatives.models import Spearhead

        super().__init__(*args, **kwargs)
        self.fields["spearhead"].queryset = Spearhead.objects.order_by("pk")
        self.fields["status"].choices = [("", _("Alle statussen"))] + [
            choice for choice in Status.choices if choice[0] != Status.RECEIVED]

    def filter(self, queryset):
        if not self.is_bound:
            return queryset
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for name in ("neighbourhood", "spearhead", "status"):
            if name not in self.errors and data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return queryset
