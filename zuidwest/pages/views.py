import sys
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from alliances.models import Alliance
from funding.public import source_summary
from initiatives.models import Initiative, Spearhead
from locations.agenda import occurrences_today
from locations.models import Neighbourhood
from locations.opening_hours import first_to_open, open_place_ids
from locations.views.places import places_with_hours
from work.models import Opportunity
from zuidwest.database_outage import database_unavailable_response, is_database_unavailable

from .models import Programme, ProgrammeOffice

# The home page shows this many of today's activities that are still to come.
HOME_ACTIVITY_COUNT = 5


class HomeView(TemplateView):
    template_name = "zuidwest/home.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        upcoming_today = occurrences_today(now).filter(ends_at__gt=now, is_cancelled=False)
        open_place_count = len(open_place_ids(now))
        return super().get_context_data(
            now=now,
            activities_today=list(upcoming_today[:HOME_ACTIVITY_COUNT]),
            open_place_count=open_place_count,
            # Nothing open now: say what opens next rather than "0 plekken".
            next_opening=None if open_place_count else first_to_open(
                places_with_hours(timezone.localdate(now)), now),
            neighbourhoods=Neighbourhood.objects.all(),
            programme=Programme.objects.first(),
            spearheads=Spearhead.objects.all(),
            featured_initiatives=Initiative.objects.for_listing().filter(is_featured=True)[:3],
            open_opportunity_count=Opportunity.objects.published().open().count(),
            funding=source_summary(),
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "zuidwest/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=Programme.objects.first(),
            spearheads=Spearhead.objects.with_open_opportunity_counts(timezone.localdate()),
            alliances=Alliance.objects.all(),
            funding=source_summary(),
            **kwargs,
        )


# The longest page address the feedback route takes over; longer ones are not an address of
# this site.
MAX_FEEDBACK_PATH_LENGTH = 500


def page_reported(raw):
    """The path of the page the visitor reports on (?pagina=), when it is an address on this
    site: '/plekken/?wijk=moerwijk'. None for anything else: another site, a scheme, a
    protocol-relative '//host', control characters or an endless string."""
    if not raw or len(raw) > MAX_FEEDBACK_PATH_LENGTH or not raw.startswith("/"):
        return None
    if raw.startswith("//") or "\\" in raw or any(ord(char) < 32 or ord(char) == 127
                                                    for char in raw):
        return None
    return raw


class ContactView(TemplateView):
    """How to reach the programme office, and the feedback route of every page: a mailto link
    with the page's address, so nothing is stored on the site (see
    docs/features/neighbourhoods-contact-accessibility.md)."""

    template_name = "zuidwest/contact.html"

    def get_context_data(self, **kwargs):
        office = ProgrammeOffice.objects.select_related("programme").first()
        raw = self.request.GET.get("pagina", "")
        path = page_reported(raw)
        page_url = self.request.build_absolute_uri(path) if path else ""
        return super().get_context_data(
            office=office,
            programme=office.programme if office else Programme.objects.first(),
            page_url=page_url,
            page_not_understood=bool(raw) and not path,
            feedback_mailto=feedback_mailto(office, page_url),
            **kwargs,
        )


def feedback_mailto(office, page_url):
    """mailto: the office, with a subject and, when known, the page's address in the body."""
    if not office or not office.email:
        return ""
    if page_url:
        subject = _("Er klopt iets niet op een pagina van de website")
        body = _("Pagina: %(url)s\n\nWat klopt er niet?\n") % {"url": page_url}
    else:
        subject = _("Er klopt iets niet op de website")
        body = _("Over welke pagina gaat het?\n\nWat klopt er niet?\n")
    return f"mailto:{office.email}?" + urlencode({"subject": subject, "body": body},
                                                 quote_via=quote)


class StatementView(TemplateView):
    """Accessibility and privacy statements: plain pages with fixed text."""


# The date of the accessibility statement, and whether Lighthouse was run for it
# (docs/features/neighbourhoods-contact-accessibility.md): change both when the statement is
# reviewed.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 30)
ACCESSIBILITY_LIGHTHOUSE_MEASURED = True


class AccessibilityStatementView(TemplateView):
    """The toegankelijkheidsverklaring, after the Dutch government's model statement."""

    template_name = "zuidwest/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statement_date=ACCESSIBILITY_STATEMENT_DATE,
            lighthouse_measured=ACCESSIBILITY_LIGHTHOUSE_MEASURED,
            site_address=self.request.build_absolute_uri("/"),
            **kwargs,
        )


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
