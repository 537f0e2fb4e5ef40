"""The form residents sign up with: a name, a way to be reached (phone or e-mail, one is
enough), an optional short message and consent to the stated purpose. Nothing else is asked.

`website` is a honeypot: a text field hidden from view (its label asks to leave it empty, for
screen-reader users who do meet it). People leave it empty; form-filling robots do not."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.forms import PlainRequiredMessages

from .models import EMAIL_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_MAX_LENGTH

HONEYPOT_FIELD = "website"
# Digits with the spaces, dashes, dots, brackets and leading + people write in a number.
PHONE_PATTERN = re.compile(r"\+?[0-9 ()\-.]+")
MIN_PHONE_DIGITS = 6


class SignupForm(PlainRequiredMessages, forms.Form):
    name = forms.CharField(
        label=_("Je naam"), max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Vul je naam in."),
                        "max_length": _("Je naam is te lang: hooguit %(limit_value)d tekens, "
                                        "nu %(show_value)d.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"), max_length=PHONE_MAX_LENGTH, required=False,
        help_text=_("Bijvoorbeeld 06 12 34 56 78. Vul een telefoonnummer of een e-mailadres "
                    "in. Eén van de twee is genoeg."),
        error_messages={"max_length": _("Dit telefoonnummer is te lang: hooguit "
                                        "%(limit_value)d tekens.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel",
                                      "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"), max_length=EMAIL_MAX_LENGTH, required=False,
        help_text=_("Dan krijg je ook een bevestiging per e-mail."),
        error_messages={
            "invalid": _("Dit e-mailadres klopt niet. Een e-mailadres ziet eruit als "
                         "naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang: hooguit %(limit_value)d tekens."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Wil je iets vragen of vertellen?"), max_length=MESSAGE_MAX_LENGTH,
        required=False,
        help_text=_("Niet verplicht. Hooguit 500 tekens. Schrijf hier geen gegevens over je "
                    "gezondheid of je geld."),
        error_messages={"max_length": _("Je bericht is te lang: hooguit %(limit_value)d "
                                        "tekens, nu %(show_value)d. Maak het korter.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        help_text=_("Je gegevens zijn je naam, je telefoonnummer of e-mailadres en je "
                     "bericht."),
        error_messages={"required": _(
            "Zet hier een vinkje. Zonder je toestemming kunnen we je aanmelding niet "
            "doorsturen.")},
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # The purpose, in the words the resident agrees to.
        self.fields["consent"].label = _(
            "Ik vind het goed dat %(organisation)s mijn gegevens krijgt om contact met mij op "
            "te nemen over deze aanmelding, en voor niets anders.") % {
                "organisation": organisation}
        # A typed-in or pasted message over the limit gets a message, not silently cut off.
        self.fields["message"].widget.attrs.pop("maxlength", None)

    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_PATTERN.fullmatch(phone)
                      or sum(char.isdigit() for char in phone) < MIN_PHONE_DIGITS):
            raise forms.ValidationError(_(
                "Dit telefoonnummer klopt niet. Gebruik cijfers, en eventueel spaties of een "
                "+ vooraan. Bijvoorbeeld 06 12 34 56 78."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if (not cleaned.get("phone") and not cleaned.get("email")
                and "phone" not in self.errors and "email" not in self.errors):
            self.add_error("phone", _(
                "Vul een telefoonnummer of een e-mailadres in, zodat de organisatie je kan "
                "bereiken. Eén van de twee is genoeg."))
        return cleaned
