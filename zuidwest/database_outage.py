"""While the database is away, visitors get a friendly 503 page with Retry-After, never a 500.

Only errors that say the database cannot serve right now count: no connection, a connection
lost, the server shutting down or starting up, too many connections, or a query cancelled by
the statement timeout (settings, DATABASE_STATEMENT_TIMEOUT). A programming error (a wrong
query, a missing table) stays a 500, so it is noticed and fixed.

Two ways in, one answer: the middleware catches the error raised in a view (also with DEBUG on,
where Django would show its technical page), and the 500 handler (zuidwest.errors.
server_error) catches one raised in a middleware, such as saving a session. Under /api/ the
answer is a problem in JSON (application/problem+json), as every API error is.
"""

import logging
import sqlite3

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds a visitor (or a crawler, or the load balancer) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30

# SQLSTATE classes (PostgreSQL, appendix A): 08 connection exception, 53 insufficient resources
# (too many connections), 57 operator intervention (shutdown, starting up, query cancelled).
UNAVAILABLE_SQLSTATE_CLASSES = {"08", "53", "57"}
# SQLite is a file: it is only ever "away" while another process holds its lock.
SQLITE_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def is_database_unavailable(error):
    if isinstance(error, InterfaceError):  # the connection was already closed
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return (getattr(cause, "sqlite_errorcode", 0) & 0xFF) in SQLITE_BUSY_CODES
    # psycopg gives no SQLSTATE when it could not reach the server at all.
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES


def database_unavailable_response(request, error):
    logger.warning("Database unavailable for %s %s: %s: %s", request.method, request.path,
                   type(error.__cause__ or error).__name__, error)
    if request.path.startswith("/api/"):
        response = JsonResponse({
            "type": "about:blank",
            "title": _("Even niet beschikbaar"),
            "status": 503,
            "detail": _("De API is even niet beschikbaar. Probeer het over %(seconds)s seconden "
                        "opnieuw.") % {"seconds": RETRY_AFTER_SECONDS},
        }, status=503, content_type="application/problem+json",
            json_dumps_params={"ensure_ascii": False})
    else:
        # A plain template without request context: the context processors may need the
        # database.
        html = loader.get_template("503.html").render(
            {"retry_after_seconds": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # no proxy or page cache may keep the error page
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None
