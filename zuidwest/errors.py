"""The site's error pages and security.txt: the same for every app."""

import sys
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from .database_outage import database_unavailable_response, is_database_unavailable


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Called while Django handles the error: a database outage raised outside a view (saving
    # a session, say) still gets the 503 page instead of this one.
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return database_unavailable_response(request, error)
    # No context processors or database: the error may come from either.
    return HttpResponseServerError(loader.get_template("500.html").render())



def csrf_failure(request, reason=""):
    """An expired or tampered form: say what to do, without Django's technical page."""
    return render(request, "403_csrf.html", status=403)


# security.txt should expire within a year (RFC 9116 2.5.5); it is made on each request, so
# it never runs out while the site runs.
SECURITY_TXT_VALID_DAYS = 180


def security_txt(request):
    expires = timezone.now() + timedelta(days=SECURITY_TXT_VALID_DAYS)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.replace(microsecond=0).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
