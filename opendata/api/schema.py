"""The OpenAPI document as the NL API Design Rules want it: every response documents the
`API-Version` header, every operation its problem responses, and GeoJSON its own schema."""

from django.conf import settings

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
    },
}
API_VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "required": True,
    "schema": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
}
PROBLEMS = {
    "400": "Een queryparameter heeft een ongeldige waarde.",
    "404": "Niet gevonden.",
    "406": "Het gevraagde formaat (Accept) is er niet.",
    "429": "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}
GEOMETRY = {
    "type": "object",
    "nullable": True,
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2,
                        "maxItems": 2},
    },
}


def _feature(properties_ref):
    return {
        "type": "object",
        "required": ["type", "id", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {"$ref": "#/components/schemas/PointGeometry"},
            "properties": {"type": "object", "additionalProperties": True,
                           "description": f"Zie {properties_ref}."},
        },
    }


def postprocess(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    components["PointGeometry"] = GEOMETRY
    components["Feature"] = _feature("Place en Neighbourhood")
    components["FeatureCollection"] = {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
        },
    }
    problem_content = {"application/problem+json": {
        "schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            for status, description in PROBLEMS.items():
                responses.setdefault(status, {"description": description,
                                              "content": problem_content})
            if "200" in responses:
                responses["304"] = {"description": "Niet gewijzigd sinds de ETag in "
                                                   "If-None-Match."}
                responses["200"].setdefault("headers", {})["ETag"] = {
                    "description": "Versie van deze representatie.",
                    "schema": {"type": "string"}}
                geojson = responses["200"].get("content", {}).get("application/geo+json")
                if geojson is not None:
                    name = "FeatureCollection" if "{" not in path else "Feature"
                    geojson["schema"] = {"$ref": f"#/components/schemas/{name}"}
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    result["servers"] = [{"url": f"{settings.SITE_URL}/api/v1",
                          "description": "De portal van de Regio Deal Den Haag Zuidwest II"}]
    return result
