"""The "Volg" form: an e-mail address and nothing else a person fills in. The subject travels
in two hidden fields (`kind`, `key`); `website` is the honeypot, as in the sign-up form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.forms import PlainRequiredMessages

from . import subjects
from .models import EMAIL_MAX_LENGTH

HONEYPOT_FIELD = "website"
NOT_FOLLOWABLE = _("Dit kun je niet (meer) volgen. Ga terug naar de pagina en probeer het "
                   "opnieuw.")


class FollowForm(PlainRequiredMessages, forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"), max_length=EMAIL_MAX_LENGTH,
        help_text=_("Je krijgt eerst een e-mail om te bevestigen. Daarna één keer per week "
                    "een e-mail, alleen als er iets nieuws is."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit e-mailadres klopt niet. Een e-mailadres ziet eruit als "
                         "naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang: hooguit %(limit_value)d tekens."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    website = forms.CharField(
        label=_("Laat dit veld leeg"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean(self):
        cleaned = super().clean()
        subject = subjects.clean(cleaned.get("kind"), cleaned.get("key"))
        if subject is None or subjects.describe(*subject) is None:
            raise forms.ValidationError(NOT_FOLLOWABLE, code="subject")
        cleaned["kind"], cleaned["key"] = subject
        return cleaned
