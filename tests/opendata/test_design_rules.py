"""The NL API Design Rules (Logius), one test per rule, checked on the generated OpenAPI
document and on live responses. Rule names as in the standard and its Spectral ruleset."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ISO_DATETIME_WITH_OFFSET = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
KEBAB_SEGMENT = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|\{[a-zA-Z]+\}|[a-z0-9]+\.json)$")
PASCAL_CASE = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
LOWER_CAMEL_CASE = re.compile(r"^[a-z][a-zA-Z0-9]*$")


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def live_urls(world):
    """One URL per operation, with real slugs."""
    slugs = {"organisations": world.organisation.slug, "alliances": world.alliance.slug,
             "spearheads": world.spearhead.slug, "initiatives": world.initiative.slug,
             "funding-sources": world.source.slug, "neighbourhoods": "moerwijk",
             "places": world.place.slug, "activities": world.activity.slug,
             "opportunities": world.activity.place.opportunities.first().slug,
             "indicators": world.indicator.slug, "ideas": world.idea.slug}
    from opendata.api.docs import openapi_document

    urls = []
    for path in openapi_document()["paths"]:
        collection = path.strip("/").split("/")[0]
        # Every detail operation needs a real slug here: a new one fails until it has one.
        slug = slugs[collection] if "{slug}" in path else ""
        urls.append("/api/v1" + path.replace("{slug}", slug))
    return urls


def test_every_operation_is_called_with_real_data(client, world):
    """So the checks on live responses see every representation, not a 404 or an empty list."""
    for url in live_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        if not url.endswith(("openapi.json", "/docs")):
            assert response.json().get("count", 1) > 0, url


def all_schemas(document):
    return document["components"]["schemas"]


# /core/uri-version: the major version in the URI, and only that.
def test_uri_version(document, client):
    assert document["servers"][0]["url"].endswith("/api/v1")
    assert client.get("/api/v1/places").status_code == 200
    assert client.get("/api/places").status_code == 404


# /core/version-header: API-Version with the full version on every response.
def test_version_header(document, client, world):
    assert SEMVER.match(document["info"]["version"])
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                assert "API-Version" in response.get("headers", {}), (path, status)
    urls = [*live_urls(world), "/api/v1/places?neighbourhood=nergens", "/api/v1/nergens",
            "/api/v1/openapi.json", "/api/v1/docs"]
    for url in urls:
        response = client.get(url)
        assert response["API-Version"] == settings.API_VERSION == document["info"]["version"]


# /core/no-trailing-slash: no path ends in a slash (the index "/" is the root itself, as in
# the ruleset's pattern `.+/$`), and a slash is not found (not redirected).
def test_no_trailing_slash(document, client):
    assert all(path == "/" or not path.endswith("/") for path in document["paths"])
    response = client.get("/api/v1/places/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


# /core/naming-resources (kebab-case path segments, plural nouns).
def test_paths_kebab_case(document):
    for path in set(document["paths"]) - {"/"}:
        for segment in path.strip("/").split("/"):
            assert KEBAB_SEGMENT.match(segment), path


# Schema names in PascalCase.
def test_schema_names_pascal_case(document):
    for name in all_schemas(document):
        assert PASCAL_CASE.match(name), name


# Property names in lowerCamelCase, in the document and in live responses.
def test_properties_lower_camel_case(document, client, world):
    for name, schema in all_schemas(document).items():
        for prop in schema.get("properties", {}):
            assert LOWER_CAMEL_CASE.match(prop), f"{name}.{prop}"

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                assert LOWER_CAMEL_CASE.match(key), key
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for url in live_urls(world):
        if url.endswith(("openapi.json", "/docs")):
            continue
        walk(client.get(url).json())


# /core/doc-openapi-contact: info.contact with name, e-mail and URL.
def test_openapi_contact(document):
    contact = document["info"]["contact"]
    assert contact["name"] and "@" in contact["email"]
    assert contact["url"].startswith(("https://", "http://"))


# /core/error-handling/problem-details: RFC 9457 errors.
@pytest.mark.parametrize(("url", "method", "status"), [
    ("/api/v1/places?neighbourhood=nergens", "get", 400),
    ("/api/v1/places/bestaat-niet", "get", 404),
    ("/api/v1/nergens", "get", 404),
    ("/api/v1/places", "post", 405),
])
def test_problem_details(client, url, method, status, world):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"] == "about:blank"


def test_problem_details_are_documented(document):
    assert set(all_schemas(document)["Problem"]["required"]) == {"type", "title", "status",
                                                                  "detail"}
    for operations in document["paths"].values():
        for operation in operations.values():
            for status in ("400", "404", "406", "429"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"]


# /core/doc-openapi: the OpenAPI document at a fixed URL, reachable from other origins.
def test_openapi_document_with_cors(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["openapi"].startswith("3.")


# The document is valid OpenAPI 3 (the JSON Schema of the specification, as bundled with
# drf-spectacular; jsonschema raises ValidationError on any violation).
def test_openapi_document_is_valid(document):
    from drf_spectacular.validation import validate_schema

    validate_schema(document)
    assert "/indicators/{slug}" in document["paths"]


# Servers with an absolute URL.
def test_servers_absolute_url(document):
    servers = document["servers"]
    assert servers and all(re.match(r"^https?://[^/]+/api/v1$", s["url"]) for s in servers)


# Filtering and pagination by query parameters.
def test_filtering_and_pagination_by_query_parameters(document, client, world):
    parameters = {p["name"]: p for p in document["paths"]["/places"]["get"]["parameters"]}
    assert {"page", "pageSize", "neighbourhood", "kind"} <= set(parameters)
    assert all(p["in"] == "query" for p in parameters.values())
    body = client.get("/api/v1/places?neighbourhood=bouwlust").json()
    assert body["count"] == 0
    body = client.get("/api/v1/places?neighbourhood=moerwijk&pageSize=1").json()
    assert body["count"] == 1 and len(body["results"]) == 1
    assert body["results"][0]["slug"] == world.place.slug


# Dates and times in ISO 8601 with an offset.
def test_dates_and_times_iso_8601_with_offset(client, world):
    occurrence = client.get("/api/v1/occurrences").json()["results"][0]
    for key in ("startsAt", "endsAt"):
        assert ISO_DATETIME_WITH_OFFSET.match(occurrence[key])
    initiative = client.get(f"/api/v1/initiatives/{world.initiative.slug}").json()
    assert initiative["startDate"] == "2025-01-01"


# Money as a string with two decimals plus the currency.
def test_money_as_string_with_two_decimals_and_currency(document, client, world):
    money = all_schemas(document)["Money"]
    assert money["properties"]["amount"]["type"] == "string"
    allocation = client.get(f"/api/v1/allocations?initiative={world.initiative.slug}").json()
    assert allocation["results"][0]["amount"] == {"amount": "1000.50", "currency": "EUR"}
    activity = client.get(f"/api/v1/activities/{world.activity.slug}").json()
    assert activity["price"] == {"amount": "2.50", "currency": "EUR"}


# Anonymous use is rate-limited per IP address: 429 as a problem, with Retry-After.
def test_rate_limit_gives_429_problem_with_retry_after(client, settings, world):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/neighbourhoods").status_code == 200
    response = client.get("/api/v1/neighbourhoods")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429
    other = client.get("/api/v1/neighbourhoods", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


# Responses are cacheable: ETag, and 304 on revalidation.
def test_etag_and_304_on_revalidation(client, world):
    first = client.get("/api/v1/places")
    etag = first["ETag"]
    again = client.get("/api/v1/places", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["API-Version"] == settings.API_VERSION
    world.place.name = "Nieuwe naam"
    world.place.save()
    changed = client.get("/api/v1/places", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


# GeoJSON for places and neighbourhoods.
def test_geojson_for_places_and_neighbourhoods(client, world):
    places = client.get("/api/v1/places?neighbourhood=moerwijk",
                        HTTP_ACCEPT="application/geo+json")
    assert places["Content-Type"] == "application/geo+json"
    feature = places.json()["features"][0]
    assert feature["geometry"] == {
        "type": "Point", "coordinates": [float(world.place.longitude), float(world.place.latitude)]}
    assert feature["properties"]["name"] == world.place.name
    neighbourhoods = client.get("/api/v1/neighbourhoods", HTTP_ACCEPT="application/geo+json")
    assert neighbourhoods.json()["type"] == "FeatureCollection"


# The servers URL itself is the API's index (200, the API's headers), never a redirect; with a
# slash too, since the document's path "/" below the servers URL is /api/v1/.
@pytest.mark.parametrize("url", ["/api/v1", "/api/v1/"])
def test_index_at_the_servers_url(client, url, document):
    response = client.get(url)
    assert response.status_code == 200
    assert response["API-Version"] == settings.API_VERSION
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["openapi"]["href"] == "http://testserver/api/v1/openapi.json"
    assert body["documentation"]["href"] == "http://testserver/api/v1/docs"
    lists = {"/api/v1" + path for path in document["paths"]
             if "{" not in path and path not in ("/", "/openapi.json")}
    assert {link["href"].removeprefix("http://testserver")
            for link in body["resources"].values()} == lists
    assert "get" in document["paths"]["/"]


# CORS preflight for every GET resource: browsers may send If-None-Match (ETags), Accept
# (GeoJSON) and Accept-Language.
def test_cors_preflight_for_every_get_resource(client, world):
    urls = [*live_urls(world), "/api/v1", "/api/v1/docs"]
    for url in urls:
        response = client.options(url, HTTP_ORIGIN="https://elders.example",
                                  HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                                  HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
        assert response.status_code == 204, url
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Access-Control-Allow-Methods"]
        allowed = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
        assert {"if-none-match", "accept", "accept-language"} <= allowed, url
        assert int(response["Access-Control-Max-Age"]) > 0
        assert response["API-Version"] == settings.API_VERSION
    assert client.post("/api/v1/places").status_code == 405


# An unknown parameter is a 400, `format` too (the API negotiates by Accept only).
@pytest.mark.parametrize("query", ["format=csv", "format=", "format=json", "format=geojson"])
def test_format_parameter_is_unknown(client, query, world):
    for resource in ("spearheads", "places"):
        response = client.get(f"/api/v1/{resource}?{query}")
        assert response.status_code == 400, (resource, query)
        assert "format" in response.json()["detail"]


# The document and the behaviour agree on empty values: a plain string filter declares
# minLength 1, and an empty one is a 400 with a message.
def test_empty_filter_values_are_declared_invalid(document, client, world):
    parameters = {p["name"]: p["schema"]
                  for p in document["paths"]["/places"]["get"]["parameters"]}
    assert parameters["neighbourhood"]["minLength"] == 1
    assert "" not in parameters["kind"]["enum"]
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                if schema.get("type") == "string":
                    assert schema.get("minLength") or "enum" in schema or "format" in schema
    response = client.get("/api/v1/places?neighbourhood=")
    assert response.status_code == 400 and response.json()["detail"]


# spectral:oas operation-tag-defined (extended by the v2.1.0 ruleset): every tag an
# operation uses is declared at the top level.
def test_operation_tags_are_declared(document):
    declared = [tag["name"] for tag in document["tags"]]
    assert len(declared) == len(set(declared))
    for operations in document["paths"].values():
        for operation in operations.values():
            assert operation["tags"] and set(operation["tags"]) <= set(declared)


# /core/publish-openapi (v2.1.0 ruleset): /openapi.json is a GET resource of the document
# itself, and its response documents the CORS header.
def test_openapi_json_is_a_documented_resource(document):
    operation = document["paths"]["/openapi.json"]
    assert list(operation) == ["get"]
    for status, response in operation["get"]["responses"].items():
        if status.startswith(("2", "3")):
            assert "access-control-allow-origin" in response["headers"]


# The independent validator of the OpenAPI specification.
def test_openapi_spec_validator_finds_no_errors(document):
    validator = pytest.importorskip(
        "openapi_spec_validator", reason="openapi-spec-validator is in the dev extras")
    validator.validate(document)


# The Logius ruleset itself, when Spectral and the ruleset are at hand (they come from npm and
# developer.overheid.nl, not from PyPI): SPECTRAL (the command) and ADR_RULESET (the file).
def test_logius_ruleset_reports_no_errors(tmp_path):
    import json
    import os
    import subprocess

    spectral, ruleset = os.environ.get("SPECTRAL"), os.environ.get("ADR_RULESET")
    if not (spectral and ruleset):
        pytest.skip("Set SPECTRAL and ADR_RULESET to run the Logius API Design Rules ruleset "
                    "(see the API documentation).")
    from opendata.api.docs import openapi_document

    with override_site_url("https://zuidwest.example"):
        document = openapi_document()
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    result = subprocess.run([*spectral.split(), "lint", "-r", ruleset, "-f", "json", str(path)],
                            capture_output=True, text=True, timeout=300)
    start = result.stdout.find("[")
    findings = json.loads(result.stdout[start:result.stdout.rindex("]") + 1])
    assert [(f["code"], f["path"]) for f in findings] == []


def override_site_url(url):
    from django.test import override_settings

    return override_settings(SITE_URL=url)
