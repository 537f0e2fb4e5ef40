from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from initiatives.models import Initiative
from zuidwest.ui.pagination import LenientPaginationMixin, RememberedCountPaginator, count_key

from ..forms.filters import PlaceFilterForm
from ..jsonld import place_jsonld
from ..models import Occurrence, OpeningHours, Place, SpecialHours
from ..opening_hours import PlaceHours, first_to_open

UPCOMING_OCCURRENCES = 10
# Closures and other hours announced this far ahead are listed on the place page.
ANNOUNCE_SPECIAL_HOURS_DAYS = 60


def hours_prefetches(today, special_days_ahead=15):
    """The opening-hours rows that matter around `today`, to prefetch for a place's status."""
    yesterday = today - timedelta(days=1)
    regular = OpeningHours.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=yesterday)
    )
    special = SpecialHours.objects.filter(
        end_date__gte=yesterday, start_date__lte=today + timedelta(days=special_days_ahead)
    )
    return [Prefetch("opening_hours", queryset=regular),
            Prefetch("special_hours", queryset=special)]


def places_with_hours(today=None, special_days_ahead=15):
    """Places with the opening-hours rows that matter around `today` prefetched, so the
    opening status of every place costs no query of its own."""
    today = today or timezone.localdate()
    return Place.objects.published().select_related("neighbourhood").prefetch_related(
        *hours_prefetches(today, special_days_ahead))


def with_status(places, now):
    """Attach `opening_status` (an OpeningStatus) to each place."""
    for place in places:
        place.opening_status = PlaceHours(place).status(now)
    return places


class FilteredPlacesMixin:
    """The filter form from the query string and the places it selects."""

    def filtered_places(self):
        self.now = timezone.now()
        self.filter_form = PlaceFilterForm(self.request.GET or None)
        return self.filter_form.filter(places_with_hours(timezone.localdate(self.now)), self.now)


def next_opening_for(request, filter_form, found, now):
    """When "Nu open" found nothing: the place that opens first among those that match the
    other filters, so the list says what opens next instead of only "0 plekken"."""
    if found or not filter_form.valid_data.get("open_now"):
        return None
    data = request.GET.copy()
    data.pop("open_now")
    others = PlaceFilterForm(data).filter(places_with_hours(timezone.localdate(now)), now)
    return first_to_open(others, now)


class PlaceListView(FilteredPlacesMixin, LenientPaginationMixin, ListView):
    template_name = "locations/place_list.html"
    context_object_name = "places"

    def get_queryset(self):
        return self.filtered_places()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The count has the inputs of the cards' fragment: content, address and minute.
        return RememberedCountPaginator(queryset, per_page, key=count_key(self.request, self.now),
                                        **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        # Read only when the cards' fragment is not in the cache (_place_results.html).
        shown = context["places"]
        context["places"] = SimpleLazyObject(lambda: with_status(list(shown), self.now))
        context["next_opening"] = next_opening_for(
            self.request, self.filter_form, context["paginator"].count, self.now)
        return context


class PlaceDetailView(DetailView):
    template_name = "locations/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        # The hours and initiatives are read by PlacePage, only when the page is built.
        return Place.objects.published().select_related("neighbourhood", "managing_organisation")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **place_page_context(self.request, self.object, timezone.now()), **kwargs)


class PlacePage:
    """What the place page shows besides the place, each part worked out when the template
    first asks for it: from the fragment cache (locations/place_detail.html) the page costs
    the one query for the place. The place's current opening hours, announced special hours
    and published initiatives are read in one go then, unless they are in its prefetch cache
    already (a preview puts the version's own there)."""

    def __init__(self, request, place, now):
        self.request = request
        self.place = place
        self.now = now
        self.today = timezone.localdate(now)

    @cached_property
    def _place(self):
        """The place with what the page shows of its relations read, in one go."""
        prefetch_related_objects(
            [self.place],
            *hours_prefetches(self.today, ANNOUNCE_SPECIAL_HOURS_DAYS),
            Prefetch("initiatives", queryset=Initiative.objects.published()),
        )
        return self.place

    @cached_property
    def hours(self):
        return PlaceHours(self._place)

    @cached_property
    def opening_status(self):
        return self.hours.status(self.now)

    @cached_property
    def hours_known(self):
        return self.hours.known

    @cached_property
    def week(self):
        return self.hours.week(self.today)

    @cached_property
    def later_special_hours(self):
        week_end = self.today + timedelta(days=6)
        return [special for special in self._place.special_hours.all()
                if special.end_date > week_end]

    @cached_property
    def initiatives(self):
        return list(self._place.initiatives.all())

    @cached_property
    def occurrences(self):
        # An activity lasts less than a day: the lower bound on starts_at changes nothing but
        # lets the index start reading at yesterday instead of at the window's first day.
        return list(
            Occurrence.objects.for_agenda()
            .filter(place=self.place.pk, starts_at__gt=self.now - timedelta(days=1),
                    ends_at__gte=self.now)
            [:UPCOMING_OCCURRENCES]
        )

    @cached_property
    def json_ld(self):
        return place_jsonld(self._place, self.request, self.today)


def place_page_context(request, place, now):
    """The place page's context besides the place (also for a preview of a version)."""
    return {
        "today": timezone.localdate(now),
        "place_page": PlacePage(request, place, now),
        "tile_url": settings.MAP_TILE_URL,
        "breadcrumbs": [(_("Plekken"), reverse("locations:place_list")), (place.name, "")],
    }
