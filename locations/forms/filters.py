from django import forms
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.filters import LenientFilterForm

from ..models import Neighbourhood, Place
from ..opening_hours import open_place_ids


def neighbourhood_filter():
    """The neighbourhood choice of every list's filters, by slug in the URL."""
    return forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.all(), to_field_name="slug",
        required=False, empty_label=_("Alle wijken"),
    )


class PlaceFilterForm(LenientFilterForm):
    """The filters of the places list, the map and the GeoJSON of the map."""

    neighbourhood = neighbourhood_filter()
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
        help_text=_("Alleen plekken waar je met een rolstoel naar binnen kunt."),
    )
    free_entry = forms.BooleanField(
        label=_("Gratis toegang"), required=False,
        help_text=_("Alleen plekken waar je niet hoeft te betalen om binnen te komen."),
    )

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
