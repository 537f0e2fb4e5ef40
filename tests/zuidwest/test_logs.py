"""Request ids and JSON logs: every response carries X-Request-ID (the proxy's when it is
valid, a new one otherwise), every log line written during the request carries the same id,
and the JSON formatter writes one JSON object per line, also for gunicorn's access log."""

import io
import json
import logging
import re
import sys
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from gunicorn.glogging import Logger as GunicornLogger
from gunicorn.glogging import SafeAtoms

from tests.zuidwest.test_settings import SECRET, run_python
from zuidwest.logs import JsonFormatter, RequestIdFilter, current_request_id

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def json_log():
    """The lines the JSON formatter writes for the portal's loggers during the test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("zuidwest", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


# --- the request id ------------------------------------------------------------------------------


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get("/gezondheid/")["X-Request-ID"]
    second = client.get("/gezondheid/")["X-Request-ID"]

    assert GENERATED.fullmatch(first) and GENERATED.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("offered", [
    "0a1b2c3d4e5f60718293a4b5c6d7e8f9",  # nginx's $request_id
    "4f6c2c9e-8d0b-4c1e-9a57-2b5d6f3e1a90",  # a UUID
    "lb-1.req_42",
    "x" * 64,
])
def test_a_valid_id_from_the_proxy_is_kept(client, offered):
    assert client.get("/", HTTP_X_REQUEST_ID=offered)["X-Request-ID"] == offered


@pytest.mark.parametrize("offered", [
    "",
    "x" * 65,
    "two words",
    "line\nbreak",
    'quote"d',
    "<script>",
    "id;rm -rf",
    "ïd",
])
def test_an_invalid_id_from_outside_is_replaced(client, offered):
    returned = client.get("/gezondheid/", HTTP_X_REQUEST_ID=offered)["X-Request-ID"]

    assert GENERATED.fullmatch(returned)


def test_the_id_is_on_error_pages_too(client):
    response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID="abc-123")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "abc-123"


def test_log_lines_of_a_request_carry_its_id(client, json_log):
    from tests.zuidwest.test_database_outage import OUTAGE, view_raising

    with view_raising(OUTAGE):
        response = client.get("/", HTTP_X_REQUEST_ID="req-503")

    lines = json_log()
    assert [(line["logger"], line["level"]) for line in lines] == [
        ("zuidwest.database_outage", "WARNING"), ("django.request", "ERROR")]
    assert {line["request_id"] for line in lines} == {"req-503"}
    assert response["X-Request-ID"] == "req-503"
    # Django logs an error response from the request it carries: method, path and status.
    assert lines[1] | {"timestamp": None} == {
        "timestamp": None, "level": "ERROR", "logger": "django.request",
        "message": "Service Unavailable: /", "request_id": "req-503",
        "method": "GET", "path": "/", "status": 503}


def test_outside_a_request_there_is_no_id(client):
    client.get("/gezondheid/")

    assert current_request_id() is None


# --- the JSON formatter --------------------------------------------------------------------------


def format_record(message, *args, name="zuidwest.test", level=logging.INFO, **attributes):
    record = logging.LogRecord(name, level, __file__, 1, message, args, None)
    record.created = 1764489600.25  # 2025-11-30 08:00:00.250 UTC
    record.__dict__.update(attributes)
    return JsonFormatter().format(record)


def test_a_record_is_one_line_of_json():
    line = format_record("Plek %s bijgewerkt:\n\"%s\"", "De Linde", "Café ’t Hoekje")

    assert "\n" not in line
    assert json.loads(line) == {
        "timestamp": "2025-11-30T08:00:00.250Z",
        "level": "INFO",
        "logger": "zuidwest.test",
        "message": "Plek De Linde bijgewerkt:\n\"Café ’t Hoekje\"",
        "request_id": None,
    }


def test_an_exception_is_kept_with_its_traceback():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("zuidwest.test", logging.ERROR, __file__, 1, "Mislukt", (),
                                   sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "Mislukt"
    assert entry["exception"].startswith("Traceback (most recent call last):")
    assert entry["exception"].endswith("ValueError: kapot")


def gunicorn_access_line(path="/plekken/", query="q=buurtkamer", status="200 OK",
                         environ_extra=None):
    """A line of gunicorn's access log as gunicorn itself makes its fields."""
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"{path}?{query}", "PATH_INFO": path,
               "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Mozilla/5.0"}
    environ.update(environ_extra or {})
    response = SimpleNamespace(status=status, sent=5120,
                               headers=[("Content-Type", "text/html"),
                                        ("X-Request-ID", "0a1b2c3d")])
    request = SimpleNamespace(headers=[("USER-AGENT", "Mozilla/5.0")])
    gunicorn_logger = mock.Mock(spec=GunicornLogger)
    gunicorn_logger._get_user.return_value = None
    gunicorn_logger.now.return_value = "[30/Nov/2026:08:00:00 +0100]"
    atoms = SafeAtoms(GunicornLogger.atoms(gunicorn_logger, response, request, environ,
                                           timedelta(milliseconds=42, microseconds=300)))
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1,
                               '%(h)s "%(r)s" %(s)s', (atoms,), None)
    record.created = 1764489600.25
    return JsonFormatter().format(record)


def test_gunicorns_access_log_becomes_a_request_line_without_personal_data():
    line = gunicorn_access_line()

    assert json.loads(line) == {
        "timestamp": "2025-11-30T08:00:00.250Z",
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "GET /plekken/ 200",
        "request_id": "0a1b2c3d",
        "method": "GET",
        "path": "/plekken/",
        "status": 200,
        "duration_ms": 42.3,
    }
    assert "203.0.113.7" not in line and "Mozilla" not in line and "buurtkamer" not in line


def test_an_access_line_keeps_quotes_in_the_path_as_they_were():
    entry = json.loads(gunicorn_access_line(path='/zoeken/"x"', query=""))

    assert entry["path"] == '/zoeken/"x"'


def test_an_error_gunicorn_answers_itself_still_has_its_path():
    """gunicorn's own error answers have no PATH_INFO; the path comes from the raw URI."""
    entry = json.loads(gunicorn_access_line(status="400 Bad Request",
                                            environ_extra={"PATH_INFO": None}))

    assert (entry["path"], entry["status"]) == ("/plekken/", 400)


# --- text in development, JSON in production ---------------------------------------------------


def test_the_request_id_filter_gives_a_dash_outside_a_request():
    record = logging.LogRecord("zuidwest", logging.INFO, __file__, 1, "x", (), None)

    assert RequestIdFilter().filter(record) is True
    assert record.request_id == "-"


LOG_ONE_LINE = (
    "import django, logging; django.setup(); "
    "logging.getLogger('zuidwest.test').warning('Hallo %s', 'wereld')"
)


def test_production_logs_json():
    result = run_python(LOG_ONE_LINE, DJANGO_ENV="production", DJANGO_SECRET_KEY=SECRET,
                        DJANGO_ALLOWED_HOSTS="zuidwest.example", SITE_URL="https://zuidwest.example")

    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip())
    assert (entry["level"], entry["logger"], entry["message"], entry["request_id"]) == (
        "WARNING", "zuidwest.test", "Hallo wereld", None)


def test_development_logs_readable_lines():
    result = run_python(LOG_ONE_LINE)

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING zuidwest\.test \[-\] "
                        r"Hallo wereld", result.stderr.strip())


def test_the_log_format_can_be_chosen():
    result = run_python(LOG_ONE_LINE, DJANGO_LOG_FORMAT="json")

    assert json.loads(result.stderr.strip())["message"] == "Hallo wereld"


def test_an_unknown_log_format_refuses_to_start():
    result = run_python(LOG_ONE_LINE, DJANGO_LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "DJANGO_LOG_FORMAT must be 'json' or 'text'" in result.stderr



# --- secret tokens in paths -----------------------------------------------------------------

TOKEN_PATHS = [
    ("/aanmelding/Zk3-geheim_token123/verwijderen/", "/aanmelding/[token]/verwijderen/"),
    ("/en/aanmelding/Zk3-geheim_token123/", "/en/aanmelding/[token]/"),
    ("/partner/uitnodiging/Zk3-geheim_token123/", "/partner/uitnodiging/[token]/"),
    ("/en/partner/uitnodiging/Zk3-geheim_token123/", "/en/partner/uitnodiging/[token]/"),
    ("/partner/wachtwoord/nieuw/MQ/cz4x9-Zk3geheimtoken123/",
     "/partner/wachtwoord/nieuw/MQ/[token]/"),
]


@pytest.mark.parametrize(("path", "logged"), TOKEN_PATHS)
def test_gunicorns_access_log_leaves_out_secret_tokens(path, logged):
    entry = json.loads(gunicorn_access_line(path=path, query=""))
    assert entry["path"] == logged
    assert "Zk3" not in json.dumps(entry)


@pytest.mark.parametrize(("path", "logged"), TOKEN_PATHS)
def test_djangos_request_log_leaves_out_secret_tokens(path, logged):
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Not Found: %s", (path,), None)
    record.request = request
    record.status_code = 404
    entry = json.loads(JsonFormatter().format(record))
    assert entry["path"] == logged
    assert entry["message"] == f"Not Found: {logged}"
    assert "Zk3" not in json.dumps(entry)


def test_a_task_log_line_is_written_once_in_development(settings):
    """Django's default config gives the "django" logger a console handler of its own under
    DEBUG; with the root's handler every task run was printed twice."""
    import logging

    from django.utils.log import configure_logging

    settings.DEBUG = True
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    record = logging.LogRecord("django.tasks", logging.INFO, __file__, 1, "Task id=1", None, None)
    record.request_id = "-"
    writers = []
    logger = logging.getLogger("django.tasks")
    while logger is not None:
        writers += [handler for handler in logger.handlers
                    if type(handler) is logging.StreamHandler and handler.filter(record)]
        logger = logger.parent if logger.propagate else None
    assert len(writers) == 1


def test_development_mail_is_printed_decoded_with_its_links_whole():
    import io

    from django.core.mail import EmailMessage

    from zuidwest.dev_mail import ReadableConsoleBackend

    link = "https://portal.example/aanmelding/verwijderen/" + "a1B2c3D4=" * 12
    stream = io.StringIO()
    message = EmailMessage("Je aanmelding", f"Hallo Zoë,\n\nVerwijderen: {link}\n",
                           "portal@zuidwest.example", ["bewoner@voorbeeld.example"])
    ReadableConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "Subject: Je aanmelding" in printed
    assert "To: bewoner@voorbeeld.example" in printed
    assert "Hallo Zoë," in printed
    assert link in printed
    assert "=3D" not in printed
