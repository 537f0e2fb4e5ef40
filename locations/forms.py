from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Neighbourhood, Place
from .opening_hours import open_place_ids


class PlaceFilterForm(forms.Form):
    """The filters of the places list, the map and the GeoJSON of the map. Every value lives in
    the URL (a GET form), so a filtered list can be bookmarked and shared."""

    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle wijken"),
    )
    kind = forms.ChoiceField(
        label=_("Soort plek"), required=False,
        choices=[("", _("Alle soorten")), *Place.Kind.choices],
    )
    open_now = forms.BooleanField(
        label=_("Nu open"), required=False,
        help_text=_("Alleen plekken die op dit moment open zijn."),
    )
    wheelchair = forms.BooleanField(
        label=_("Toegankelijk met rolstoel"), required=False,
        help_text=_("Alleen plekken waar u met een rolstoel naar binnen kunt."),
    )
    free_entry = forms.BooleanField(
        label=_("Gratis toegang"), required=False,
        help_text=_("Alleen plekken waar u niet hoeft te betalen om binnen te komen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "Deze keuze kennen we niet. We laten dit filter weg."
            )

    @property
    def valid_data(self):
        """The cleaned values without the ones that had an error: a bad filter is ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()  # fills cleaned_data and errors
        return {name: value for name, value in self.cleaned_data.items()
                if name not in self.errors}

    def filter(self, queryset, now=None):
        """Apply the valid filters to a Place queryset."""
        data = self.valid_data
        if data.get("neighbourhood"):
            queryset = queryset.filter(neighbourhood=data["neighbourhood"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("wheelchair"):
            queryset = queryset.filter(wheelchair_accessible=True)
        if data.get("free_entry"):
            queryset = queryset.filter(free_entry=True)
        if data.get("open_now"):
            queryset = queryset.filter(pk__in=open_place_ids(now))
        return queryset

    @property
    def active_filters(self):
        """(label, value) of each filter in use, to say what the list shows."""
        active = []
        for name, value in self.valid_data.items():
            if not value:
                continue
            field = self.fields[name]
            if isinstance(field, forms.BooleanField):
                active.append((field.label, ""))
            elif name == "kind":
                active.append((field.label, Place.Kind(value).label))
            else:
                active.append((field.label, str(value)))
        return active
