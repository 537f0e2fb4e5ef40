"""Opportunities in the site search (zuidwest.search)."""

from django.utils.translation import gettext_lazy as _

from zuidwest.search import SearchType

from .models import Opportunity

OPPORTUNITIES = SearchType(
    key="opportunities",
    position=25,
    label=_("Werk en leren"),
    list_url_name="work:opportunity_list",
    list_label=_("Alle kansen op werk en leren bekijken"),
    public_queryset=lambda: Opportunity.objects.published().open(),
    title_field="title",
    weighted_fields={"title": "A", "summary": "B", "organisation__name": "B",
                     "description": "C", "how_to_apply": "D"},
    select_related=("organisation",),
    snippet=lambda opportunity: " · ".join(map(str, opportunity.key_facts())) + ". "
    + opportunity.summary,
)
