"""The OpenAPI document (JSON) and the documentation page for people, rendered on the server
from that same document: no JavaScript, nothing from another host."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView

from .base import PublicApiMixin, preflight_response, with_cors

METHODS = ("get", "head", "post", "put", "patch", "delete")


@extend_schema(summary="Dit OpenAPI-document", tags=["API"])
class OpenApiDocument(PublicApiMixin, SpectacularJSONAPIView):
    renderer_classes = [OpenApiJsonRenderer]
    query_parameters = ("lang",)  # the document in English (en) or Dutch (nl)


def openapi_document(request=None):
    return SchemaGenerator().get_schema(request=request, public=True)


def _resolve(schema, components):
    ref = schema.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], {}) if ref else schema


def _type_of(schema, components):
    """A short description of a schema's type for a table: 'string (date)', 'Money',
    'lijst van Milestone'."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " / ".join(_type_of(part, components) for part in schema["allOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"lijst van {_type_of(schema.get('items', {}), components)}"
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(value) for value in schema["enum"] if value)
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return kind


def _properties(schema, components):
    schema = _resolve(schema, components)
    return [
        {"name": name, "type": _type_of(prop, components),
         "nullable": prop.get("nullable", False),
         "description": prop.get("description", "")}
        for name, prop in schema.get("properties", {}).items()
    ]


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def documentation(request):
    if request.method == "OPTIONS":
        return preflight_response()
    document = openapi_document()
    components = document["components"]["schemas"]
    server = document["servers"][0]["url"]
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method not in METHODS:
                continue
            operations.append({
                "method": method.upper(),
                "path": path,
                "anchor": operation["operationId"],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "tag": (operation.get("tags") or [""])[0],
                "parameters": [
                    {"name": p["name"], "where": p["in"], "type": _type_of(p["schema"], components),
                     "description": p.get("description", "")}
                    for p in operation.get("parameters", [])
                ],
                "responses": sorted(operation["responses"]),
                "example": f"curl -i '{server}{path}'" if "{" not in path else "",
            })
    schemas = [
        {"name": name, "description": schema.get("description", ""),
         "properties": _properties(schema, components),
         "enum": schema.get("enum")}
        for name, schema in sorted(components.items())
    ]
    response = render(request, "opendata/api_docs.html", {
        "info": document["info"], "server": server, "operations": operations,
        "schemas": schemas,
    })
    return with_cors(response)
