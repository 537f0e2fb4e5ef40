"""Plain "what is missing" messages for the forms residents and partners fill in.

Django says "Dit veld is vereist." under an empty required field: true, but it does not say
what to do. `PlainRequiredMessages` gives every required field whose form did not write its own
message a sentence that names the field ("Vul ‘Titel’ in.", "Kies een antwoord bij ‘Wijk’.").
A form that knows a better sentence ("Vul je e-mailadres in.") keeps it in the field's
error_messages; the mixin only replaces Django's default.
"""

from django import forms
from django.utils.translation import gettext

# Widgets where one picks rather than types.
CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def _sentence(label, widget):
    label = str(label).strip().rstrip(":")
    if isinstance(widget, forms.CheckboxInput):
        return gettext("Zet een vinkje bij ‘%(label)s’.") % {"label": label}
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return gettext("Kies een bestand bij ‘%(label)s’.") % {"label": label}
    if label.endswith("?"):
        return gettext("Geef antwoord op de vraag ‘%(label)s’") % {"label": label}
    if isinstance(widget, CHOICE_WIDGETS):
        return gettext("Kies een antwoord bij ‘%(label)s’.") % {"label": label}
    return gettext("Vul ‘%(label)s’ in.") % {"label": label}


def plain_required_message(field):
    """The sentence for an empty `field`: one naming its label, or a general one."""
    if not field.label:
        return gettext("Vul dit in.")
    return _sentence(field.label, field.widget)


def is_django_default(message):
    return str(message) == str(forms.Field.default_error_messages["required"])


class PlainRequiredMessages:
    """Form mixin (put it before forms.Form or forms.ModelForm): replaces Django's default
    required message of every field with a sentence that names the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_django_default(field.error_messages.get("required", "")):
                field.error_messages["required"] = _LabelledMessage(field)


class _LabelledMessage:
    """The required message of one field, made when shown: in the language of the request
    that shows it, from the label the field has then (a form may set it after the mixin ran)."""

    def __init__(self, field):
        self.field = field

    def __str__(self):
        return str(plain_required_message(self.field))

    def __mod__(self, params):
        return str(self) % params if params else str(self)
