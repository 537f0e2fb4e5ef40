"""Initiatives in the site search (zuidwest.search)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Initiative

INITIATIVES = SearchType(
    key="initiatives",
    position=30,
    label=_("Initiatieven"),
    list_url_name="initiatives:initiative_list",
    list_label=_("Alle initiatieven bekijken"),
    public_queryset=Initiative.objects.published,
    title_field="title",
    weighted_fields={"title": "A", "summary": "B", "body": "C"},
    snippet=lambda initiative: initiative.summary,
)
