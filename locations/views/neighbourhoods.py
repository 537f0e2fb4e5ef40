"""The neighbourhood pages: /wijken/ and one page per neighbourhood with what is open now, today's
activities, its places on the map, its initiatives, its opportunities and the money spent there."""

from collections import Counter

from django.conf import settings
from django.db.models import Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from funding.public import neighbourhood_money
from initiatives.models import Initiative
from work.models import Opportunity

from ..agenda import occurrences_today
from ..jsonld import neighbourhood_json_ld
from ..models import Neighbourhood, Place
from ..opening_hours import first_to_open, open_place_ids
from .places import places_with_hours, with_status

# A neighbourhood page shows this many of each list and links to the full, filtered list.
PREVIEW_SIZE = 6
TODAY_ACTIVITY_COUNT = 8


class NeighbourhoodListView(ListView):
    template_name = "locations/neighbourhood_list.html"
    context_object_name = "neighbourhoods"

    def get_queryset(self):
        published_places = Place.objects.published().filter(neighbourhood=OuterRef("pk"))
        return Neighbourhood.objects.annotate(
            place_total=_count(published_places),
            initiative_total=_count(
                Initiative.objects.published().filter(neighbourhoods=OuterRef("pk"))),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_ids = open_place_ids()
        open_per_neighbourhood = Counter(
            Place.objects.filter(pk__in=open_ids).values_list("neighbourhood", flat=True)
        ) if open_ids else Counter()
        for neighbourhood in context["neighbourhoods"]:
            neighbourhood.open_total = open_per_neighbourhood[neighbourhood.pk]
        context["breadcrumbs"] = [(_("Wijken"), "")]
        return context


def _count(queryset):
    """A subquery counting the rows of `queryset` (filtered on OuterRef): subqueries, not
    joins, since two joined relations would multiply each other's rows."""
    counted = queryset.order_by().annotate(total=Func("pk", function="COUNT")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class NeighbourhoodFigures:
    """What a neighbourhood page shows, each worked out when the template first asks for it:
    from the fragment cache (locations/neighbourhood_detail.html) the page costs no query
    for them."""

    def __init__(self, neighbourhood, now):
        self.neighbourhood = neighbourhood
        self.now = now

    @cached_property
    def places(self):
        places = with_status(list(places_with_hours(timezone.localdate(self.now))
                                  .filter(neighbourhood=self.neighbourhood)), self.now)
        # Open places first; within each group by name, as the query sorted them.
        places.sort(key=lambda place: not place.opening_status.is_open)
        return places

    @cached_property
    def open_count(self):
        return sum(place.opening_status.is_open for place in self.places)

    @cached_property
    def next_opening(self):
        return None if self.open_count else first_to_open(self.places, self.now)

    @cached_property
    def activities_today(self):
        activities = occurrences_today(self.now).filter(
            activity__place__neighbourhood=self.neighbourhood, ends_at__gt=self.now,
            is_cancelled=False)
        return list(activities[:TODAY_ACTIVITY_COUNT])

    @cached_property
    def _initiatives(self):
        return Initiative.objects.for_listing().filter(neighbourhoods=self.neighbourhood)

    @cached_property
    def initiatives(self):
        return list(self._initiatives[:PREVIEW_SIZE])

    @cached_property
    def initiative_total(self):
        return self._initiatives.count()

    @cached_property
    def _opportunities(self):
        return Opportunity.objects.for_listing().in_neighbourhood(self.neighbourhood)

    @cached_property
    def opportunities(self):
        return list(self._opportunities[:PREVIEW_SIZE])

    @cached_property
    def opportunity_total(self):
        return self._opportunities.count()

    @cached_property
    def money(self):
        return neighbourhood_money(self.neighbourhood)


class NeighbourhoodDetailView(DetailView):
    template_name = "locations/neighbourhood_detail.html"
    context_object_name = "neighbourhood"
    queryset = Neighbourhood.objects.all()

    def get_context_data(self, **kwargs):
        neighbourhood = self.object
        now = timezone.now()
        return super().get_context_data(
            now=now,
            area=NeighbourhoodFigures(neighbourhood, now),
            json_ld=neighbourhood_json_ld(neighbourhood),
            tile_url=settings.MAP_TILE_URL,
            breadcrumbs=[(_("Wijken"), reverse("locations:neighbourhood_list")),
                         (neighbourhood.name, "")],
            **kwargs,
        )
