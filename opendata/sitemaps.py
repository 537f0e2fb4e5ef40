"""sitemap.xml: every public page in Dutch and English (hreflang alternates), with lastmod
where the page has a date of change."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from alliances.models import Alliance, Organisation
from initiatives.models import Initiative
from locations.models import Activity, Neighbourhood, Place
from work.models import Opportunity


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPages(PortalSitemap):
    names = ["site:home", "site:about", "site:contact", "site:accessibility", "site:privacy",
             "alliances:alliance_list", "alliances:organisation_list",
             "initiatives:initiative_list", "funding:overview", "progress:overview",
             "work:opportunity_list", "locations:place_list", "locations:map",
             "locations:neighbourhood_list", "locations:agenda_today", "locations:agenda_week",
             "opendata:open_data"]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class ModelPages(PortalSitemap):
    queryset = None

    def items(self):
        return self.queryset.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class InitiativePages(ModelPages):
    queryset = Initiative.objects.published()


class PlacePages(ModelPages):
    queryset = Place.objects.published()


class ActivityPages(ModelPages):
    queryset = Activity.objects.published()


class OpportunityPages(ModelPages):
    queryset = Opportunity.objects.published()


class NeighbourhoodPages(PortalSitemap):
    """The four neighbourhood pages; they show what changes daily, so no lastmod."""

    def items(self):
        return Neighbourhood.objects.order_by("pk")


class AlliancePages(ModelPages):
    queryset = Alliance.objects.all()


class OrganisationPages(ModelPages):
    queryset = Organisation.objects.all()


SITEMAPS = {"pages": StaticPages, "initiatives": InitiativePages, "places": PlacePages,
            "neighbourhoods": NeighbourhoodPages, "activities": ActivityPages,
            "opportunities": OpportunityPages, "alliances": AlliancePages,
            "organisations": OrganisationPages}
