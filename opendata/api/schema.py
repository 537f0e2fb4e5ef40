"""The OpenAPI document as the NL API Design Rules want it: every response documents the
`API-Version` header, every operation its problem responses, and GeoJSON its own schema; the
tags the operations use are declared; a query parameter's documented values are exactly the
ones the API accepts."""

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
CORS_HEADER = {
    "description": "Elke website mag de API vanuit de browser gebruiken (CORS).",
    "required": True,
    "schema": {"type": "string", "enum": ["*"]},
}
# The operations' tags (their first one groups the documentation), in this order.
TAGS = [
    {"name": "API", "description": "De ingang van de API en haar beschrijving."},
    {"name": "Alliantieraad", "description": "Organisaties, allianties en hun leden."},
    {"name": "Initiatieven", "description": "Speerpunten en initiatieven."},
    {"name": "Voortgang", "description": "Indicatoren met nulmeting, doelen en metingen."},
    {"name": "Geld", "description": "Geldbronnen en toekenningen."},
    {"name": "Werk en leren", "description": "Kansen op werk en leren."},
    {"name": "Plekken", "description": "Wijken en plekken met openingstijden."},
    {"name": "Agenda", "description": "Activiteiten en wanneer ze plaatsvinden."},
    {"name": "Ideeën", "description": "Ideeën en vragen van bewoners, met hun statussen en "
                                      "antwoord; zonder persoonsgegevens."},
]
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
            for status, response in responses.items():
                headers = response.setdefault("headers", {})
                headers["API-Version"] = API_VERSION_HEADER
                if status.startswith(("2", "3")):
                    # Lower case, as the Logius ruleset looks the header up.
                    headers["access-control-allow-origin"] = CORS_HEADER
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                if schema.get("type") == "string" and not {"enum", "format"} & set(schema):
                    # An empty value names nothing: a 400, and the document says so.
                    schema["minLength"] = 1
    result["tags"] = TAGS
    result["servers"] = [{"url": f"{settings.SITE_URL}/api/v1",
                          "description": "De portal van de Regio Deal Den Haag Zuidwest II"}]
    return result
