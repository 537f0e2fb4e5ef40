"""Initiatives in the site search (zuidwest.search)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Initiative, Opportunity

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

OPPORTUNITIES = SearchType(
    key="opportunities",
    position=25,
    label=_("Werk en leren"),
    list_url_name="initiatives:opportunity_list",
    list_label=_("Alle kansen op werk en leren bekijken"),
    public_queryset=lambda: Opportunity.objects.published().open(),
    title_field="title",
    weighted_fields={"title": "A", "summary": "B", "organisation__name": "B",
                     "description": "C", "how_to_apply": "D"},
    select_related=("organisation",),
    snippet=lambda opportunity: " · ".join(map(str, opportunity.key_facts())) + ". "
    + opportunity.summary,
)
