"""Logs with a request id: one JSON object per line in production, readable lines in development.

Every request gets an id: the proxy's X-Request-ID when it sends a valid one (nginx:
`proxy_set_header X-Request-ID $request_id;`), otherwise a new one. It goes back in the
response's X-Request-ID header and into every log line written while the request runs, so one
id finds a request in the proxy's, gunicorn's and Django's logs.

gunicorn's access log goes through JsonFormatter too (gunicorn.conf.py): it reads the request
line from gunicorn's fields, and the id from the response header. Not logged: IP addresses,
user agents and query strings (search terms), which may be personal data, nor the secret
tokens some paths carry (a sign-up's deletion link, an invitation, a password reset): those
become "[token]" (redact_tokens; deploy/nginx/zuidwest.conf does the same in nginx's log).

This module is imported by gunicorn's master process before Django is set up: standard
library only.
"""

import json
import logging
import re
import uuid
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
# Short and harmless in a log line or a header: no spaces, quotes or line breaks.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Paths with a secret in them, under /en/ too: what comes before the secret.
SECRET_IN_PATH = re.compile(
    r"(/(?:en/)?(?:aanmelding|partner/uitnodiging|partner/wachtwoord/nieuw/[^/?#\s]+)/)"
    r"[^/?#\s\"]+")


def redact_tokens(text):
    """Text with the secret of every token path replaced by "[token]"."""
    if not isinstance(text, str):
        return text
    return SECRET_IN_PATH.sub(r"\1[token]", text)

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id():
    return request_id_var.get()


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every log line of the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if VALID_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _request_id_of(record):
    # Django logs an error response after the middleware has finished: then the id comes from
    # the request the record carries.
    return getattr(getattr(record, "request", None), "request_id", None) or current_request_id()


class RequestIdFilter(logging.Filter):
    """Gives every record a request_id attribute ("-" outside a request) for the text format."""

    def filter(self, record):
        record.request_id = _request_id_of(record) or "-"
        return True


def _gunicorn_access_fields(atoms):
    """gunicorn's access-log fields (glogging.Logger.atoms; it escapes double quotes)."""

    def atom(key):
        value = atoms.get(key)
        return value.replace('\\"', '"') if isinstance(value, str) else value

    return {
        "request_id": atom("{x-request-id}o"),
        "method": atom("m"),
        # No PATH_INFO when gunicorn answers an error itself: the path from the raw URI then.
        "path": redact_tokens(atom("U") or (atom("{raw_uri}e") or "").split("?")[0] or None),
        "status": int(atom("s")),
        "duration_ms": round(atom("D") / 1000, 1),
    }


def _record_fields(record):
    """The request id; django.request and django.security records also carry the request and
    the status code."""
    fields = {"request_id": _request_id_of(record)}
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "method"):
        fields.update(method=request.method, path=redact_tokens(request.path))
    if isinstance(getattr(record, "status_code", None), int):
        fields["status"] = record.status_code
    return fields


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            fields = _gunicorn_access_fields(record.args)
            entry["message"] = f"{fields['method']} {fields['path']} {fields['status']}"
        else:
            entry["message"] = redact_tokens(record.getMessage())
            fields = _record_fields(record)
        entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
