"""Organisations in the site search (zuidwest.search)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Organisation

ORGANISATIONS = SearchType(
    key="organisations",
    position=40,
    label=_("Organisaties"),
    list_url_name="alliances:organisation_list",
    list_label=_("Alle organisaties bekijken"),
    public_queryset=Organisation.objects.all,
    title_field="name",
    weighted_fields={"name": "A", "short_name": "A", "description": "C"},
    snippet=lambda organisation: organisation.description or organisation.get_kind_display(),
)
