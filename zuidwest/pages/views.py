from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.generic import TemplateView

from alliances.models import Alliance
from initiatives.funding import source_summary
from initiatives.models import Initiative, Opportunity, Spearhead
from locations.agenda import occurrences_today
from locations.models import Neighbourhood
from locations.opening_hours import open_place_ids

from .models import Programme

# The home page shows this many of today's activities that are still to come.
HOME_ACTIVITY_COUNT = 5


class HomeView(TemplateView):
    template_name = "zuidwest/home.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        upcoming_today = occurrences_today(now).filter(ends_at__gt=now, is_cancelled=False)
        return super().get_context_data(
            now=now,
            activities_today=list(upcoming_today[:HOME_ACTIVITY_COUNT]),
            open_place_count=len(open_place_ids(now)),
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


class StatementView(TemplateView):
    """Accessibility and privacy statements: plain pages with fixed text."""


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
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
