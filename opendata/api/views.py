"""The API's endpoints: lists (paginated, filtered by query parameters) and details by slug,
over the same public querysets the site's pages use. The number of queries of every list is
the same for 10 or 1,000 rows (tests/opendata/test_query_counts.py)."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ParseError
from rest_framework.renderers import JSONRenderer

from alliances.models import Alliance, Membership, Organisation
from funding.models import Allocation, FundingSource
from initiatives.models import Initiative, Spearhead
from locations.models import Activity, Neighbourhood, Occurrence, Place
from locations.public import places_with_hours, with_status
from progress.models import Indicator
from progress.public import indicators_with_figures
from work.models import Opportunity

from . import serializers
from .base import GeoJSONRenderer, Pagination, PublicApiMixin, wants_geojson

# Closures and special hours announced this many days ahead are in a place's representation.
SPECIAL_HOURS_DAYS_AHEAD = 60
# The longest period one request for occurrences may span.
MAX_OCCURRENCE_DAYS = 92


def _param(name, description, type_=OpenApiTypes.STR, **kwargs):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description,
                            **kwargs)


def _slug_filter(request, name, queryset, label):
    """The object named by the slug in query parameter `name`, or None; an unknown slug is a
    400 that says so."""
    value = request.query_params.get(name)
    if value is None:
        return None
    found = queryset.filter(slug=value).first()
    if found is None:
        raise ParseError(_("Onbekende %(label)s in '%(name)s': %(value)s.") % {
            "label": label, "name": name, "value": value[:100]})
    return found


def _choice_filter(request, name, choices):
    value = request.query_params.get(name)
    if value is None:
        return None
    if value not in dict(choices):
        raise ParseError(_("'%(name)s' kan zijn: %(options)s.") % {
            "name": name, "options": ", ".join(dict(choices))})
    return value


def _boolean_filter(request, name):
    value = request.query_params.get(name)
    if value is None:
        return None
    if value not in ("true", "false"):
        raise ParseError(_("'%(name)s' is true of false.") % {"name": name})
    return value == "true"


def _date_filter(request, name, default):
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParseError(_("'%(name)s' is een datum als 2026-03-01.") % {"name": name}) from None


class ListView(PublicApiMixin, generics.ListAPIView):
    pagination_class = Pagination
    filters = ()

    @property
    def query_parameters(self):
        return ("page", "pageSize", *self.filters)


class DetailView(PublicApiMixin, generics.RetrieveAPIView):
    lookup_field = "slug"


def _neighbourhood_param(what):
    return _param("neighbourhood", _("Alleen %(what)s in deze wijk (slug, bijvoorbeeld "
                                     "moerwijk).") % {"what": what})


# --- alliances --------------------------------------------------------------------------------


def organisations():
    return Organisation.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("alliance")))


@extend_schema(summary="Organisaties", tags=["Alliantieraad"])
class OrganisationList(ListView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return organisations()


@extend_schema(summary="Eén organisatie", tags=["Alliantieraad"])
class OrganisationDetail(DetailView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return organisations()


def alliances():
    return Alliance.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation")
                 .order_by("organisation__name")))


@extend_schema(summary="De Alliantieraad: allianties, Partnerraad en gemeente, met hun leden",
               tags=["Alliantieraad"])
class AllianceList(ListView):
    serializer_class = serializers.AllianceSerializer

    def get_queryset(self):
        return alliances()


@extend_schema(summary="Eén lid van de Alliantieraad", tags=["Alliantieraad"])
class AllianceDetail(DetailView):
    serializer_class = serializers.AllianceSerializer

    def get_queryset(self):
        return alliances()


# --- initiatives ------------------------------------------------------------------------------


@extend_schema(summary="Speerpunten", tags=["Initiatieven"])
class SpearheadList(ListView):
    serializer_class = serializers.SpearheadSerializer
    queryset = Spearhead.objects.all()


@extend_schema(summary="Eén speerpunt", tags=["Initiatieven"])
class SpearheadDetail(DetailView):
    serializer_class = serializers.SpearheadSerializer
    queryset = Spearhead.objects.all()


def initiatives():
    return Initiative.objects.for_listing().prefetch_related(
        "partner_organisations", "milestones", "updates", "outputs",
        Prefetch("places", queryset=Place.objects.published()),
    )


@extend_schema(summary="Initiatieven, met mijlpalen, nieuws en resultaten", tags=["Initiatieven"],
               parameters=[
                   _neighbourhood_param(_("initiatieven")),
                   _param("spearhead", _("Alleen initiatieven van dit speerpunt (slug).")),
                   _param("alliance", _("Alleen initiatieven van deze alliantie (slug).")),
                   _param("status", _("Alleen initiatieven met deze status."),
                          enum=list(dict(Initiative.Status.choices))),
               ])
class InitiativeList(ListView):
    serializer_class = serializers.InitiativeSerializer
    filters = ("neighbourhood", "spearhead", "alliance", "status")

    def get_queryset(self):
        request = self.request
        queryset = initiatives()
        if found := _slug_filter(request, "neighbourhood", Neighbourhood.objects, _("wijk")):
            queryset = queryset.filter(neighbourhoods=found)
        if found := _slug_filter(request, "spearhead", Spearhead.objects, _("speerpunt")):
            queryset = queryset.filter(spearhead=found)
        if found := _slug_filter(request, "alliance", Alliance.objects, _("alliantie")):
            queryset = queryset.filter(alliance=found)
        if status := _choice_filter(request, "status", Initiative.Status.choices):
            queryset = queryset.filter(status=status)
        return queryset


@extend_schema(summary="Eén initiatief, met mijlpalen, nieuws en resultaten",
               tags=["Initiatieven"])
class InitiativeDetail(DetailView):
    serializer_class = serializers.InitiativeSerializer

    def get_queryset(self):
        return initiatives()


# The `level` of an indicator: of the whole programme, or of one initiative.
INDICATOR_LEVELS = dict.fromkeys(("programme", "initiative"))


def indicators():
    """What the progress page and the initiatives' pages show: programme-level indicators and
    those of published initiatives, with targets and approved measurements only."""
    return indicators_with_figures().filter(
        Q(initiative__isnull=True) | Q(initiative__is_published=True)
    ).select_related("spearhead", "initiative").order_by(
        *Indicator._meta.ordering, "slug")  # the page order: stable across pages


INDICATOR_DESCRIPTION = _(
    "Alleen goedgekeurde metingen. Cijfers zijn geen bedragen: decimale tekst met twee "
    "decimalen, precies zoals de portal ze bewaart (bijvoorbeeld \"12.50\").")


@extend_schema(summary="Indicatoren: gaat het beter? Met nulmeting, doelen en metingen",
               description=INDICATOR_DESCRIPTION, tags=["Voortgang"], parameters=[
                   _param("spearhead", _("Alleen indicatoren van dit speerpunt (slug).")),
                   _param("initiative", _("Alleen indicatoren van dit initiatief (slug).")),
                   _param("level", _("programme: alleen indicatoren van het hele programma; "
                                     "initiative: alleen die van initiatieven."),
                          enum=list(INDICATOR_LEVELS)),
               ])
class IndicatorList(ListView):
    serializer_class = serializers.IndicatorSerializer
    filters = ("spearhead", "initiative", "level")

    def get_queryset(self):
        request = self.request
        queryset = indicators()
        if found := _slug_filter(request, "spearhead", Spearhead.objects, _("speerpunt")):
            queryset = queryset.filter(spearhead=found)
        if found := _slug_filter(request, "initiative", Initiative.objects.published(),
                                 _("initiatief")):
            queryset = queryset.filter(initiative=found)
        if level := _choice_filter(request, "level", INDICATOR_LEVELS.items()):
            queryset = queryset.filter(initiative__isnull=level == "programme")
        return queryset


@extend_schema(summary="Eén indicator, met nulmeting, doelen en metingen",
               description=INDICATOR_DESCRIPTION, tags=["Voortgang"])
class IndicatorDetail(DetailView):
    serializer_class = serializers.IndicatorSerializer

    def get_queryset(self):
        return indicators()


@extend_schema(summary="Geldbronnen: het bedrag en wat eruit is toegekend", tags=["Geld"])
class FundingSourceList(ListView):
    serializer_class = serializers.FundingSourceSerializer

    def get_queryset(self):
        return FundingSource.objects.with_totals().prefetch_related("funders")


@extend_schema(summary="Eén geldbron", tags=["Geld"])
class FundingSourceDetail(DetailView):
    serializer_class = serializers.FundingSourceSerializer

    def get_queryset(self):
        return FundingSource.objects.with_totals().prefetch_related("funders")


def allocations():
    """Allocations to initiatives on the site, with what was spent from them."""
    return Allocation.objects.filter(initiative__is_published=True).with_spent().select_related(
        "initiative", "source").order_by("-decision_date", "reference")


@extend_schema(summary="Toekenningen aan initiatieven, met wat er al is uitgegeven",
               tags=["Geld"], parameters=[
                   _param("year", _("Alleen toekenningen van dit jaar."), OpenApiTypes.INT),
                   _param("initiative", _("Alleen toekenningen aan dit initiatief (slug).")),
                   _param("source", _("Alleen toekenningen uit deze geldbron (slug).")),
               ])
class AllocationList(ListView):
    serializer_class = serializers.AllocationSerializer
    filters = ("year", "initiative", "source")

    def get_queryset(self):
        request = self.request
        queryset = allocations()
        if (year := request.query_params.get("year")) is not None:
            if not (year.isascii() and year.isdigit() and len(year) == 4):
                raise ParseError(_("'year' is een jaartal als 2026."))
            queryset = queryset.filter(year=int(year))
        if found := _slug_filter(request, "initiative", Initiative.objects.published(),
                                 _("initiatief")):
            queryset = queryset.filter(initiative=found)
        if found := _slug_filter(request, "source", FundingSource.objects, _("geldbron")):
            queryset = queryset.filter(source=found)
        return queryset


def opportunities():
    return Opportunity.objects.published().select_related(
        "organisation", "neighbourhood").prefetch_related(
        Prefetch("initiative", queryset=Initiative.objects.published()),
        Prefetch("place", queryset=Place.objects.published().select_related("neighbourhood")),
    )


class OpportunityContextMixin:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


@extend_schema(summary="Kansen op werk en leren", tags=["Werk en leren"], parameters=[
    _neighbourhood_param(_("kansen")),
    _param("kind", _("Alleen kansen van deze soort."), enum=list(dict(Opportunity.Kind.choices))),
    _param("open", _("true: alleen kansen waarvoor je je nog kunt aanmelden (standaard); false: "
                     "ook gesloten kansen."), OpenApiTypes.BOOL),
])
class OpportunityList(OpportunityContextMixin, ListView):
    serializer_class = serializers.OpportunitySerializer
    filters = ("neighbourhood", "kind", "open")

    def get_queryset(self):
        request = self.request
        queryset = opportunities()
        if _boolean_filter(request, "open") is not False:
            queryset = queryset.open()
        if found := _slug_filter(request, "neighbourhood", Neighbourhood.objects, _("wijk")):
            queryset = queryset.in_neighbourhood(found)
        if kind := _choice_filter(request, "kind", Opportunity.Kind.choices):
            queryset = queryset.filter(kind=kind)
        return queryset


@extend_schema(summary="Eén kans", tags=["Werk en leren"])
class OpportunityDetail(OpportunityContextMixin, DetailView):
    serializer_class = serializers.OpportunitySerializer

    def get_queryset(self):
        return opportunities()


# --- locations --------------------------------------------------------------------------------


class GeoJSONMixin:
    """application/geo+json on request (Accept header): each object a Feature."""

    renderer_classes = [JSONRenderer, GeoJSONRenderer]

    def feature(self, item):
        """One serialized object as a GeoJSON Feature; each resource says how."""
        raise NotImplementedError("A GeoJSON resource must say how an object becomes a Feature.")

    def finalize_response(self, request, response, *args, **kwargs):
        if wants_geojson(request) and request.method in ("GET", "HEAD") and (
                response.status_code == 200):
            data = response.data
            if "results" in data:
                response.data = {"type": "FeatureCollection",
                                 "features": [self.feature(item) for item in data["results"]]}
            else:
                response.data = self.feature(data)
        return super().finalize_response(request, response, *args, **kwargs)


class NeighbourhoodGeoJSONMixin(GeoJSONMixin):
    def feature(self, item):
        # The portal keeps no boundaries of the neighbourhoods: an unlocated Feature
        # (RFC 7946, 3.2), so a map can still list them.
        return {"type": "Feature", "id": item["slug"], "geometry": None, "properties": item}


@extend_schema(summary="Wijken", tags=["Plekken"])
class NeighbourhoodList(NeighbourhoodGeoJSONMixin, ListView):
    serializer_class = serializers.NeighbourhoodSerializer
    queryset = Neighbourhood.objects.all()


@extend_schema(summary="Eén wijk", tags=["Plekken"])
class NeighbourhoodDetail(NeighbourhoodGeoJSONMixin, DetailView):
    serializer_class = serializers.NeighbourhoodSerializer
    queryset = Neighbourhood.objects.all()


class PlaceMixin(GeoJSONMixin):
    serializer_class = serializers.PlaceSerializer

    def base_places(self):
        self.now = timezone.now()
        return places_with_hours(timezone.localdate(self.now),
                                 special_days_ahead=SPECIAL_HOURS_DAYS_AHEAD
                                 ).select_related("managing_organisation")

    def feature(self, item):
        properties = {k: v for k, v in item.items() if k not in ("latitude", "longitude")}
        return {"type": "Feature", "id": item["slug"],
                # GeoJSON is longitude first (RFC 7946).
                "geometry": {"type": "Point", "coordinates": [item["longitude"], item["latitude"]]},
                "properties": properties}


@extend_schema(summary="Plekken, met openingstijden en of ze nu open zijn", tags=["Plekken"],
               parameters=[
                   _neighbourhood_param(_("plekken")),
                   _param("kind", _("Alleen plekken van deze soort."),
                          enum=list(dict(Place.Kind.choices))),
               ])
class PlaceList(PlaceMixin, ListView):
    filters = ("neighbourhood", "kind")

    def get_queryset(self):
        request = self.request
        queryset = self.base_places()
        if found := _slug_filter(request, "neighbourhood", Neighbourhood.objects, _("wijk")):
            queryset = queryset.filter(neighbourhood=found)
        if kind := _choice_filter(request, "kind", Place.Kind.choices):
            queryset = queryset.filter(kind=kind)
        return queryset

    def paginate_queryset(self, queryset):
        return with_status(super().paginate_queryset(queryset), self.now)


@extend_schema(summary="Eén plek, met openingstijden en of hij nu open is", tags=["Plekken"])
class PlaceDetail(PlaceMixin, DetailView):
    def get_queryset(self):
        return self.base_places()

    def get_object(self):
        return with_status([super().get_object()], self.now)[0]


def activities():
    return Activity.objects.published().select_related("place", "organiser", "initiative")


@extend_schema(summary="Activiteiten op plekken", tags=["Agenda"], parameters=[
    _param("place", _("Alleen activiteiten op deze plek (slug).")),
    _neighbourhood_param(_("activiteiten")),
])
class ActivityList(ListView):
    serializer_class = serializers.ActivitySerializer
    filters = ("place", "neighbourhood")

    def get_queryset(self):
        request = self.request
        queryset = activities()
        if found := _slug_filter(request, "place", Place.objects.published(), _("plek")):
            queryset = queryset.filter(place=found)
        if found := _slug_filter(request, "neighbourhood", Neighbourhood.objects, _("wijk")):
            queryset = queryset.filter(place__neighbourhood=found)
        return queryset


@extend_schema(summary="Eén activiteit", tags=["Agenda"])
class ActivityDetail(DetailView):
    serializer_class = serializers.ActivitySerializer

    def get_queryset(self):
        return activities()


@extend_schema(
    summary="De agenda: de keren dat activiteiten plaatsvinden, in een periode", tags=["Agenda"],
    description=_("De periode is 'from' tot en met 'to' (standaard vandaag en de 6 dagen erna), "
                  "hoogstens %(days)s dagen. De portal bewaart data van %(behind)s dagen terug "
                  "tot %(ahead)s dagen vooruit.") % {
        "days": MAX_OCCURRENCE_DAYS, "behind": settings.OCCURRENCE_DAYS_BEHIND,
        "ahead": settings.OCCURRENCE_DAYS_AHEAD},
    parameters=[
        _param("from", _("Eerste dag, bijvoorbeeld 2026-03-01."), OpenApiTypes.DATE),
        _param("to", _("Laatste dag, bijvoorbeeld 2026-03-07."), OpenApiTypes.DATE),
        _param("activity", _("Alleen deze activiteit (slug).")),
        _param("place", _("Alleen activiteiten op deze plek (slug).")),
        _neighbourhood_param(_("activiteiten")),
    ])
class OccurrenceList(ListView):
    serializer_class = serializers.OccurrenceSerializer
    filters = ("from", "to", "activity", "place", "neighbourhood")

    def get_queryset(self):
        request = self.request
        today = timezone.localdate()
        first = _date_filter(request, "from", today)
        last = _date_filter(request, "to", first + timedelta(days=6))
        if last < first:
            raise ParseError(_("'to' ligt voor 'from'."))
        if (last - first).days >= MAX_OCCURRENCE_DAYS:
            raise ParseError(_("De periode is hoogstens %(days)s dagen.") % {
                "days": MAX_OCCURRENCE_DAYS})
        zone = timezone.get_current_timezone()
        starts = timezone.datetime.combine(first, timezone.datetime.min.time(), tzinfo=zone)
        ends = timezone.datetime.combine(last + timedelta(days=1), timezone.datetime.min.time(),
                                         tzinfo=zone)
        queryset = Occurrence.objects.published().filter(
            starts_at__gte=starts, starts_at__lt=ends,
        ).select_related("activity__place").order_by("starts_at", "activity__title", "pk")
        if found := _slug_filter(request, "activity", Activity.objects.published(),
                                 _("activiteit")):
            queryset = queryset.filter(activity=found)
        if found := _slug_filter(request, "place", Place.objects.published(), _("plek")):
            queryset = queryset.filter(activity__place=found)
        if found := _slug_filter(request, "neighbourhood", Neighbourhood.objects, _("wijk")):
            queryset = queryset.filter(activity__place__neighbourhood=found)
        return queryset

