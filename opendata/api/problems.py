"""Errors as RFC 9457 problem details (application/problem+json), as the NL API Design Rules
ask: `type`, `title`, `status` and `detail`, in Dutch, also for URLs the API does not have."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler

from zuidwest.ui.links import absolute_url

from .base import with_cors

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_titles():
    return {
        400: _("Ongeldige vraag"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Dit formaat is er niet"),
        429: _("Te veel verzoeken"),
    }


def problem(status, detail):
    return {
        "type": "about:blank",
        "title": problem_titles().get(status, _("Fout")),
        "status": status,
        "detail": str(detail),
    }


def _as_text(detail):
    """DRF gives a message, a list or a dict of them; a problem has one sentence."""
    if isinstance(detail, dict):
        return " ".join(f"{key}: {_as_text(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_as_text(item) for item in detail)
    return str(detail)


def problem_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        detail = _("Je hebt te veel verzoeken gedaan. Probeer het over %(seconds)s seconden "
                   "opnieuw.") % {"seconds": response.get("Retry-After", "60")}
    else:
        detail = _as_text(response.data.get("detail", response.data)
                          if isinstance(response.data, dict) else response.data)
    response.data = problem(response.status_code, detail)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def not_found(request, path=""):
    """Any path under /api/v1/ the API does not have (also with a trailing slash)."""
    response = JsonResponse(
        problem(404, _("Deze URL bestaat niet in de API. Zie %(docs)s.") % {
            "docs": absolute_url("/api/v1/docs")}),
        status=404, content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False})
    return with_cors(response)
