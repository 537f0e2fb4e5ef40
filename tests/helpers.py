"""Small helpers shared by test modules (fixtures are in tests/conftest.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """The number of database queries a GET of `url` costs; the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
