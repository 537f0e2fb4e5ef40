"""The API's own root, /api/v1: what it has and where its description is, so a client (or a
person) that starts at the `servers` URL of the OpenAPI document finds every resource."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from .base import PublicApiMixin

# The list operations, in the order of the documentation: (key in lowerCamelCase, URL name).
RESOURCES = (
    ("organisations", "organisation_list"),
    ("alliances", "alliance_list"),
    ("spearheads", "spearhead_list"),
    ("initiatives", "initiative_list"),
    ("indicators", "indicator_list"),
    ("fundingSources", "funding_source_list"),
    ("allocations", "allocation_list"),
    ("opportunities", "opportunity_list"),
    ("neighbourhoods", "neighbourhood_list"),
    ("places", "place_list"),
    ("activities", "activity_list"),
    ("occurrences", "occurrence_list"),
    ("ideas", "idea_list"),
)


class LinkSerializer(serializers.Serializer):
    href = serializers.URLField()


def _link():
    return LinkSerializer()


@extend_schema(
    summary="De ingang van de API: een link naar elke lijst, het OpenAPI-document en de uitleg",
    description="Begin hier: elke lijst heeft een eigen URL; details staan in het "
                "OpenAPI-document.",
    tags=["API"],
    responses=inline_serializer("ApiIndex", {
        "resources": inline_serializer("ApiResources", {
            key: _link() for key, _ in RESOURCES}),
        "openapi": _link(),
        "documentation": _link(),
    }))
class ApiIndex(PublicApiMixin, APIView):
    @extend_schema(operation_id="index")
    def get(self, request):
        def link(name):
            return {"href": reverse(f"api:{name}", request=request)}

        return Response({
            "resources": {key: link(name) for key, name in RESOURCES},
            "openapi": link("openapi"),
            "documentation": link("docs"),
        })
