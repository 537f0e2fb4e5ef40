"""Property-based tests of the API with schemathesis, from its own OpenAPI document: for every
operation, generated requests (valid and invalid parameters) never give a 5xx, and every
response conforms to the document (status, content type, headers, body schema).
Derandomized and bounded, so the run is the same each time and takes well under a minute."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


# Loading the document asks the WSGI app for /api/v1/openapi.json, which needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def wsgi_app_in_the_test_transaction(settings):
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's test client leaves it open in the same way."""
    settings.API_RATE_LIMIT = "100000/minute"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=10, derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, world, wsgi_app_in_the_test_transaction):
    # Not "schema-valid requests are accepted": a well-formed slug that names nothing, or a
    # period longer than the agenda allows, is valid by the schema and still a clear 400.
    # Uncompressed: the portal gzips JSON for clients that accept it, and the WSGI transport
    # does not unpack it.
    case.call_and_validate(headers={"Accept-Encoding": "identity"},
                           excluded_checks=[positive_data_acceptance])


def test_every_operation_of_the_document_is_generated():
    from opendata.api.docs import openapi_document

    generated = {result.ok().path for result in schema.get_all_operations()}
    # schemathesis leaves out the operation that served it the document it tests with.
    assert generated == set(openapi_document()["paths"]) - {"/openapi.json"}
    assert {"/indicators", "/indicators/{slug}"} <= generated
