"""The API's URLs, without trailing slashes (NL API Design Rules), mounted at /api/v1/."""

from django.urls import path, re_path

from . import docs, views
from .index import ApiIndex
from .problems import not_found

app_name = "api"

urlpatterns = [
    # /api/v1/: the path "/" of the OpenAPI document below its `servers` URL (root_urls.py
    # answers /api/v1 itself the same way).
    path("", ApiIndex.as_view(), name="index"),
    path("openapi.json", docs.OpenApiDocument.as_view(), name="openapi"),
    path("docs", docs.documentation, name="docs"),
    path("organisations", views.OrganisationList.as_view(), name="organisation_list"),
    path("organisations/<slug:slug>", views.OrganisationDetail.as_view(),
         name="organisation_detail"),
    path("alliances", views.AllianceList.as_view(), name="alliance_list"),
    path("alliances/<slug:slug>", views.AllianceDetail.as_view(), name="alliance_detail"),
    path("spearheads", views.SpearheadList.as_view(), name="spearhead_list"),
    path("spearheads/<slug:slug>", views.SpearheadDetail.as_view(), name="spearhead_detail"),
    path("initiatives", views.InitiativeList.as_view(), name="initiative_list"),
    path("initiatives/<slug:slug>", views.InitiativeDetail.as_view(),
         name="initiative_detail"),
    path("indicators", views.IndicatorList.as_view(), name="indicator_list"),
    path("indicators/<slug:slug>", views.IndicatorDetail.as_view(), name="indicator_detail"),
    path("funding-sources", views.FundingSourceList.as_view(), name="funding_source_list"),
    path("funding-sources/<slug:slug>", views.FundingSourceDetail.as_view(),
         name="funding_source_detail"),
    path("allocations", views.AllocationList.as_view(), name="allocation_list"),
    path("opportunities", views.OpportunityList.as_view(), name="opportunity_list"),
    path("opportunities/<slug:slug>", views.OpportunityDetail.as_view(),
         name="opportunity_detail"),
    path("neighbourhoods", views.NeighbourhoodList.as_view(), name="neighbourhood_list"),
    path("neighbourhoods/<slug:slug>", views.NeighbourhoodDetail.as_view(),
         name="neighbourhood_detail"),
    path("places", views.PlaceList.as_view(), name="place_list"),
    path("places/<slug:slug>", views.PlaceDetail.as_view(), name="place_detail"),
    path("activities", views.ActivityList.as_view(), name="activity_list"),
    path("activities/<slug:slug>", views.ActivityDetail.as_view(), name="activity_detail"),
    path("occurrences", views.OccurrenceList.as_view(), name="occurrence_list"),
    path("ideas", views.IdeaList.as_view(), name="idea_list"),
    path("ideas/<slug:slug>", views.IdeaDetail.as_view(), name="idea_detail"),
    # Anything else, also a path with a trailing slash: a problem response, not the site's
    # HTML page (and no APPEND_SLASH redirect, since this matches).
    re_path(r"^(?P<path>[\s\S]*)$", not_found, name="not_found"),
]
