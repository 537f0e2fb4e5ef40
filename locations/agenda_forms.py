"""The agenda's filter form: every value lives in the URL, so a filtered agenda can be shared.

Like the initiatives filter, a value we do not know gets a polite message and is left out;
it never causes an error page.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Neighbourhood, Place
from .models.activities import Audience

# Formats people type when their browser has no date picker (older phones).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y"]


class AgendaFilterForm(forms.Form):
    date = forms.DateField(
        label=_("Kies een dag"), required=False, input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Bijvoorbeeld 24-12-2026."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle wijken"),
    )
    place = forms.ModelChoiceField(
        label=_("Plek"), queryset=Place.objects.published().only("pk", "slug", "name"),
        to_field_name="slug", required=False, empty_label=_("Alle plekken"),
    )
    audience = forms.ChoiceField(
        label=_("Voor wie"), required=False,
        choices=[("", _("Voor iedereen en alle groepen")), *Audience.choices],
    )
    free = forms.BooleanField(label=_("Alleen gratis activiteiten"), required=False)

    # Parameters that belong to the page, not to the filters.
    FILTER_FIELDS = ("neighbourhood", "place", "audience", "free")

    def __init__(self, *args, show_date=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_date:
            del self.fields["date"]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "Deze keuze kennen we niet. We laten dit filter weg."
            )
        if "date" in self.fields:
            self.fields["date"].error_messages["invalid"] = _(
                "Deze datum kennen we niet. Schrijf de datum zo: 24-12-2026."
            )

    @property
    def valid_data(self):
        """The cleaned values without the ones that had an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if name not in self.errors}

    @property
    def chosen_date(self):
        return self.valid_data.get("date")

    def filter(self, queryset, prefix="activity__"):
        """Apply the valid filters to an Occurrence queryset (prefix "activity__") or an
        Activity queryset (prefix "")."""
        data = self.valid_data
        conditions = Q()
        if data.get("neighbourhood"):
            conditions &= Q(**{f"{prefix}place__neighbourhood": data["neighbourhood"]})
        if data.get("place"):
            conditions &= Q(**{f"{prefix}place": data["place"]})
        if data.get("audience"):
            conditions &= Q(**{f"{prefix}audience": data["audience"]})
        if data.get("free"):
            conditions &= Q(**{f"{prefix}is_free": True})
        return queryset.filter(conditions)

    @property
    def active_filters(self):
        data = self.valid_data
        active = []
        for name in self.FILTER_FIELDS:
            value = data.get(name)
            if not value:
                continue
            if name == "audience":
                value = Audience(value).label
            elif name == "free":
                value = _("ja")
            active.append((self.fields[name].label, value))
        return active
