"""While the database is away, visitors get the 503 page with Retry-After, never a 500 with a
stack; a programming error stays a 500. On PostgreSQL: the statement timeout cancels a slow
query (503 too), and a connection the server dropped is replaced on the next request."""

import sqlite3
from unittest import mock

import psycopg
import psycopg.errors
import pytest
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    close_old_connections,
    connection,
)
from django.test import Client

from tests.zuidwest.test_settings import SECRET, report, run_python
from zuidwest.database_outage import RETRY_AFTER_SECONDS, is_database_unavailable

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Statement timeouts and dropped connections need PostgreSQL "
    "(run with DATABASE_URL=postgres://...).",
)


def django_error(django_class, cause):
    """What Django raises: its own class, with the driver's error as the cause."""
    error = django_class(str(cause))
    error.__cause__ = cause
    return error


def sqlite_error(message, code):
    cause = sqlite3.OperationalError(message)
    cause.sqlite_errorcode = code
    return django_error(OperationalError, cause)


CONNECTION_REFUSED = psycopg.OperationalError(
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.mark.parametrize(("error", "unavailable"), [
    pytest.param(django_error(OperationalError, CONNECTION_REFUSED), True, id="no connection"),
    pytest.param(django_error(OperationalError, psycopg.errors.AdminShutdown("shutting down")),
                 True, id="57P01 server shutting down"),
    pytest.param(django_error(OperationalError, psycopg.errors.CannotConnectNow("starting up")),
                 True, id="57P03 server starting up"),
    pytest.param(django_error(OperationalError, psycopg.errors.QueryCanceled("timeout")),
                 True, id="57014 statement timeout"),
    pytest.param(django_error(OperationalError, psycopg.errors.TooManyConnections("too many")),
                 True, id="53300 too many connections"),
    pytest.param(django_error(InterfaceError, psycopg.InterfaceError("connection is closed")),
                 True, id="connection already closed"),
    pytest.param(sqlite_error("database is locked", sqlite3.SQLITE_BUSY), True,
                 id="SQLite busy"),
    pytest.param(sqlite_error("no such table: locations_place", sqlite3.SQLITE_ERROR), False,
                 id="SQLite missing table"),
    pytest.param(django_error(OperationalError, psycopg.errors.DeadlockDetected("deadlock")),
                 False, id="40P01 deadlock"),
    pytest.param(django_error(ProgrammingError, psycopg.errors.UndefinedTable("no table")),
                 False, id="42P01 missing table"),
    pytest.param(django_error(IntegrityError, psycopg.errors.UniqueViolation("duplicate")),
                 False, id="23505 duplicate"),
    pytest.param(DatabaseError("something else"), False, id="other database error"),
    pytest.param(ValueError("not the database"), False, id="not a database error"),
])
def test_only_errors_that_say_the_database_cannot_serve_now_count_as_an_outage(
        error, unavailable):
    assert is_database_unavailable(error) is unavailable


def view_raising(error):
    """The home page's view raises `error` when it asks the database for something."""
    return mock.patch("site_pages.views.HomeView.get_context_data", side_effect=error)


OUTAGE = django_error(OperationalError, CONNECTION_REFUSED)


def assert_is_the_503_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "De website is even niet beschikbaar" in html
    assert f"Probeer het over {RETRY_AFTER_SECONDS} seconden opnieuw" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert "127.0.0.1" not in html
    return html


def test_a_database_outage_in_a_view_gives_the_503_page(client):
    with view_raising(OUTAGE):
        response = client.get("/")
    html = assert_is_the_503_page(response)
    assert '<html lang="nl"' in html
    assert 'href="/"' in html


def test_the_503_page_speaks_english_under_en(client):
    with view_raising(OUTAGE):
        response = client.get("/en/")
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "The website is not available right now" in html
    assert 'href="/en/"' in html


def test_the_503_page_is_shown_even_with_debug_pages_on(client, settings):
    settings.DEBUG = True
    with view_raising(OUTAGE):
        response = client.get("/")
    assert_is_the_503_page(response)


def test_the_503_page_does_not_touch_the_database(client, django_assert_num_queries):
    with view_raising(OUTAGE), django_assert_num_queries(0):
        response = client.get("/")
    assert response.status_code == 503


def test_a_statement_timeout_gives_the_503_page(client):
    with view_raising(django_error(OperationalError, psycopg.errors.QueryCanceled(
            "canceling statement due to statement timeout"))):
        response = client.get("/")
    assert_is_the_503_page(response)


def test_an_outage_raised_in_a_middleware_gives_the_503_page_too():
    """Saving a session or a message happens after the view, outside process_exception: the
    500 handler turns it into the 503 page."""
    client = Client(raise_request_exception=False)
    with mock.patch("django.contrib.messages.middleware.MessageMiddleware.process_response",
                    side_effect=OUTAGE):
        response = client.get("/over-de-regio-deal/")
    assert_is_the_503_page(response)


def test_a_programming_error_stays_a_500():
    client = Client(raise_request_exception=False)
    error = django_error(ProgrammingError, psycopg.errors.UndefinedTable("no table"))
    with view_raising(error):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Er ging iets mis" in response.content.decode()


def test_the_500_handler_outside_an_exception_gives_the_500_page(rf):
    from zuidwest.errors import server_error

    assert server_error(rf.get("/")).status_code == 500


# --- PostgreSQL: the statement timeout and dropped connections ----------------------------------


def test_the_statement_timeout_is_passed_to_postgresql():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print('OPTIONS', settings.DATABASES['default'].get('OPTIONS'))",
        DATABASE_URL="postgres://portal@db.example:5432/zuidwest?options=-c%20work_mem%3D8MB",
        DATABASE_STATEMENT_TIMEOUT="250ms",
    )
    assert report(result)["OPTIONS"] == (
        "{'options': '-c work_mem=8MB -c statement_timeout=250ms'}")


@pytest.mark.parametrize("value", ["ten seconds", "10 s", "-1", "10s; DROP"])
def test_a_statement_timeout_that_is_not_a_duration_refuses_to_start(value):
    result = run_python("import django; django.setup()",
                        DATABASE_URL="postgres://portal@db.example:5432/zuidwest",
                        DATABASE_STATEMENT_TIMEOUT=value)
    assert result.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT must be a duration" in result.stderr


def test_without_a_statement_timeout_postgresql_gets_no_options():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print('OPTIONS', settings.DATABASES['default'].get('OPTIONS'))",
        DATABASE_URL="postgres://portal@db.example:5432/zuidwest",
    )
    assert report(result)["OPTIONS"] == "{}"


def test_the_web_server_sets_a_statement_timeout_of_ten_seconds_by_default():
    result = run_python(
        "import zuidwest.wsgi; from django.conf import settings; "
        "print('OPTIONS', settings.DATABASES['default']['OPTIONS'])",
        DATABASE_URL="postgres://portal@db.example:5432/zuidwest",
        DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="zuidwest.example",
        SITE_URL="https://zuidwest.example",
    )
    assert report(result)["OPTIONS"] == "{'options': '-c statement_timeout=10s'}"


@postgresql_only
def test_postgresql_cancels_a_query_that_runs_past_the_statement_timeout():
    """A fresh process with the portal's settings runs pg_sleep(2) under a 200 ms timeout."""
    database = connection.settings_dict
    url = (f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
           f"{database['PORT'] or 5432}/{database['NAME']}")
    result = run_python(
        "import django, time; django.setup(); from django.db import connection; "
        "from zuidwest.database_outage import is_database_unavailable\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(2)')\n"
        "except Exception as error:\n"
        "    print('ERROR', type(error).__name__, type(error.__cause__).__name__)\n"
        "    print('UNAVAILABLE', is_database_unavailable(error))\n"
        "print('SECONDS', round(time.monotonic() - started))",
        DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT="200ms",
    )
    lines = report(result)
    assert lines["ERROR"] == "OperationalError QueryCanceled"
    assert lines["UNAVAILABLE"] == "True"
    assert lines["SECONDS"] == "0"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_first_request_after_the_server_dropped_the_connection_succeeds(client):
    """What a database restart does to every worker's kept connection: the health check at the
    start of the next request (CONN_HEALTH_CHECKS) notices and connects anew."""
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    connection.ensure_connection()
    old_pid = connection.connection.info.backend_pid
    database = connection.settings_dict
    with psycopg.connect(host=database["HOST"] or "127.0.0.1", port=database["PORT"] or 5432,
                         user=database["USER"], dbname=database["NAME"],
                         autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [old_pid])

    close_old_connections()  # what Django does when a request starts
    response = client.get("/gezondheid/")

    assert response.status_code == 200
    assert response.json()["checks"]["database"]["status"] == "ok"
    assert connection.connection.info.backend_pid != old_pid



@pytest.mark.parametrize("path", ["/api/v1/places", "/api/v1/neighbourhoods"])
def test_the_api_answers_an_outage_as_a_problem_in_json(client, path):
    with mock.patch("django.db.models.query.QuerySet._fetch_all", side_effect=OUTAGE):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    problem = response.json()
    assert problem["status"] == 503 and problem["title"] and problem["detail"]
    assert "OperationalError" not in response.content.decode()


def test_an_outage_raised_in_a_middleware_under_the_api_is_a_problem_too():
    client = Client(raise_request_exception=False)
    with mock.patch("django.contrib.messages.middleware.MessageMiddleware.process_response",
                    side_effect=OUTAGE):
        response = client.get("/api/v1/neighbourhoods")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
