"""The site's own pages: home, about the Regio Deal, contact and the statements. The home page
gathers from several apps, which is why these pages are an app and not part of the core."""

from datetime import date
from urllib.parse import quote, urlencode

from django.utils import timezone
from django.utils.functional import cached_property
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


class HomeFigures:
    """What the home page shows, each worked out when the template first asks for it: a
    section that comes from the fragment cache (site_pages/home.html) costs no query."""

    def __init__(self, now):
        self.now = now

    @cached_property
    def activities_today(self):
        upcoming = occurrences_today(self.now).filter(ends_at__gt=self.now, is_cancelled=False)
        return list(upcoming[:HOME_ACTIVITY_COUNT])

    @cached_property
    def open_place_count(self):
        return len(open_place_ids(self.now))

    @cached_property
    def next_opening(self):
        # Nothing open now: say what opens next rather than "0 plekken".
        if self.open_place_count:
            return None
        return first_to_open(places_with_hours(timezone.localdate(self.now)), self.now)

    @cached_property
    def programme(self):
        return Programme.objects.first()

    @cached_property
    def open_opportunity_count(self):
        return Opportunity.objects.published().open().count()

    @cached_property
    def funding(self):
        return source_summary()


class HomeView(TemplateView):
    template_name = "site_pages/home.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            now=now,
            home=HomeFigures(now),
            # Querysets: read only when their section is not in the fragment cache.
            neighbourhoods=Neighbourhood.objects.all(),
            spearheads=Spearhead.objects.all(),
            featured_initiatives=Initiative.objects.for_listing().filter(is_featured=True)[:3],
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
