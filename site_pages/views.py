"""The site's own pages: home, about the Regio Deal, contact and the statements. The home page
gathers from several apps, which is why these pages are an app and not part of the core."""

from datetime import date
from urllib.parse import quote, urlencode

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from alliances.models import Alliance
from funding.public import source_summary
from initiatives.models import Initiative, Spearhead
from locations.models import Neighbourhood
from locations.public import first_to_open, occurrences_today, open_place_ids, places_with_hours
from work.models import Opportunity
from zuidwest.programme.models import Programme, ProgrammeOffice
from zuidwest.ui.links import absolute_url

# The home page shows this many of today's activities that are still to come.
HOME_ACTIVITY_COUNT = 5


class HomeView(TemplateView):
    template_name = "site_pages/home.html"

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
    template_name = "site_pages/about.html"

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

    template_name = "site_pages/contact.html"

    def get_context_data(self, **kwargs):
        office = ProgrammeOffice.objects.select_related("programme").first()
        raw = self.request.GET.get("pagina", "")
        path = page_reported(raw)
        page_url = absolute_url(path) if path else ""
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

    template_name = "site_pages/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statement_date=ACCESSIBILITY_STATEMENT_DATE,
            lighthouse_measured=ACCESSIBILITY_LIGHTHOUSE_MEASURED,
            site_address=absolute_url("/"),
            **kwargs,
        )
