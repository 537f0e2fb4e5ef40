"""The public representations. Only what the public pages show: no sign-ups, no accounts, no
contact persons; places and opportunities name unpublished pages nowhere (the querysets in
views.py prefetch only published rows)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliances.models import Alliance, Membership, Organisation
from funding.models import Allocation, FundingSource
from ideas.public import public_steps, published_ideas
from initiatives.models import Initiative, Milestone, Spearhead, Update
from locations.models import Activity, Neighbourhood, Occurrence, OpeningHours, Place, SpecialHours
from progress.models import Indicator, Measurement, Output
from work.models import Opportunity
from zuidwest.ui.links import absolute_url

from .fields import (
    FigureField,
    MoneyField,
    OptionalMoneyField,
    PageUrlField,
    PublicModelSerializer,
)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def slug_of(source=None, many=False, null=False):
    """The related object's slug (the key of its own endpoint)."""
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, many=many,
                                        allow_null=null,
                                        **({"source": source} if source else {}))


# --- alliances --------------------------------------------------------------------------------


class OrganisationMembershipSerializer(PublicModelSerializer):
    alliance = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["alliance", "role", "since"]


class OrganisationSerializer(PublicModelSerializer):
    url = PageUrlField()
    memberships = OrganisationMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "short_name", "kind", "description", "website", "url",
                  "memberships", "is_demo"]


class AllianceMemberSerializer(PublicModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "role", "since"]


class AllianceSerializer(PublicModelSerializer):
    url = PageUrlField()
    memberships = AllianceMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Alliance
        fields = ["slug", "name", "kind", "theme", "summary", "description",
                  "member_count_stated", "url", "memberships"]


# --- initiatives ------------------------------------------------------------------------------


class SpearheadSerializer(PublicModelSerializer):
    class Meta:
        model = Spearhead
        fields = ["slug", "number", "name", "short_name", "summary", "description"]


class MilestoneSerializer(PublicModelSerializer):
    class Meta:
        model = Milestone
        fields = ["title", "description", "planned_for", "reached_on", "delay_reason"]


class NewsItemSerializer(PublicModelSerializer):
    class Meta:
        model = Update
        fields = ["title", "published_on", "body"]


class OutputSerializer(PublicModelSerializer):
    """What an initiative did in a year against what it planned, as its page shows it."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True,
                                       help_text="De soort in woorden, in het Nederlands.")
    achieved = serializers.IntegerField(
        read_only=True, allow_null=True, min_value=0,
        help_text="null zolang het jaar loopt of er nog niets is doorgegeven.")

    class Meta:
        model = Output
        fields = ["kind", "kind_label", "year", "planned", "achieved", "note"]


class InitiativeSerializer(PublicModelSerializer):
    url = PageUrlField()
    spearhead = slug_of()
    alliance = slug_of()
    lead_organisation = slug_of()
    partner_organisations = slug_of(many=True)
    neighbourhoods = slug_of(many=True)
    places = slug_of(many=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    news = NewsItemSerializer(source="updates", many=True, read_only=True)
    outputs = OutputSerializer(many=True, read_only=True,
                               help_text="Resultaten per jaar: gepland en gehaald.")

    class Meta:
        model = Initiative
        fields = ["slug", "title", "kind", "status", "summary", "body", "spearhead", "alliance",
                  "lead_organisation", "partner_organisations", "neighbourhoods", "places",
                  "start_date", "end_date", "url", "milestones", "news", "outputs", "is_demo"]


class YearFigureSerializer(serializers.Serializer):
    """A figure of an indicator in a year (a baseline, a target, the city's figure)."""

    year = serializers.IntegerField()
    value = FigureField()

    class Meta:
        ref_name = "YearFigure"


class MeasurementSerializer(PublicModelSerializer):
    """An approved measurement; a value waiting for approval is never in the API."""

    value = FigureField()
    source = serializers.SerializerMethodField(
        help_text="De bron van deze meting; anders die van de indicator.")

    class Meta:
        model = Measurement
        fields = ["year", "value", "source", "note", "is_demo"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_source(self, measurement):
        return measurement.source or measurement.indicator.source


@extend_schema_field(OpenApiTypes.URI)
class IndicatorUrlField(serializers.Field):
    """Where the portal shows the indicator: the progress page (programme level) or its
    initiative's page, at the indicator's own heading."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, indicator):
        page = (indicator.initiative.get_absolute_url() if indicator.initiative_id
                else reverse("progress:overview"))
        return absolute_url(f"{page}#indicator-{indicator.slug}")


class IndicatorSerializer(PublicModelSerializer):
    """Whether things improve: a baseline, targets per year and approved measurements, of the
    whole programme (initiative null) or of one published initiative. Figures are not money:
    decimal strings with the two places they are stored with ("12.50"), never floats, no
    currency; `unit` says what they count."""

    spearhead = slug_of()
    initiative = slug_of(null=True)
    baseline = serializers.SerializerMethodField(help_text="De nulmeting.")
    city = serializers.SerializerMethodField(
        help_text="Hetzelfde cijfer voor heel Den Haag, om te vergelijken; null als er geen is.")
    targets = YearFigureSerializer(many=True, read_only=True, help_text="Het doel per jaar.")
    measurements = MeasurementSerializer(
        many=True, read_only=True, help_text="De goedgekeurde metingen, per jaar.")
    url = IndicatorUrlField()

    class Meta:
        model = Indicator
        fields = ["slug", "name", "explanation", "unit", "direction", "source", "baseline",
                  "city", "targets", "measurements", "spearhead", "initiative", "url",
                  "is_demo"]

    @extend_schema_field(YearFigureSerializer)
    def get_baseline(self, indicator):
        return YearFigureSerializer({"year": indicator.baseline_year,
                                     "value": indicator.baseline_value}).data

    @extend_schema_field(YearFigureSerializer(allow_null=True))
    def get_city(self, indicator):
        if indicator.city_value is None:
            return None
        return YearFigureSerializer({"year": indicator.city_year,
                                     "value": indicator.city_value}).data


class FundingSourceSerializer(PublicModelSerializer):
    amount = MoneyField()
    allocated = MoneyField(source="allocated_total")
    funders = slug_of(many=True)

    class Meta:
        model = FundingSource
        fields = ["slug", "name", "kind", "description", "amount", "allocated", "funders"]


class AllocationSerializer(PublicModelSerializer):
    initiative = slug_of()
    source = slug_of()
    amount = MoneyField()
    spent = MoneyField(source="spent_total")

    class Meta:
        model = Allocation
        fields = ["reference", "initiative", "source", "year", "decision_date", "amount",
                  "spent", "is_demo"]


class OpportunitySerializer(PublicModelSerializer):
    url = PageUrlField()
    organisation = slug_of()
    initiative = slug_of(null=True)
    place = slug_of(null=True)
    neighbourhood = serializers.SerializerMethodField(
        help_text="De gekozen wijk, anders die van de plek.")
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = ["slug", "title", "kind", "summary", "description", "organisation",
                  "initiative", "place", "address", "neighbourhood", "age_from", "age_to",
                  "no_diploma_needed", "dutch_level", "benefit_allowed", "hours_per_week", "pay",
                  "pay_details", "starts_on", "closes_on", "is_open", "how_to_apply", "url",
                  "is_demo"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_neighbourhood(self, opportunity):
        neighbourhood = opportunity.shown_neighbourhood
        return neighbourhood.slug if neighbourhood else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_open(self, opportunity):
        return not opportunity.is_closed_on(self.context["today"])


# --- locations --------------------------------------------------------------------------------


class NeighbourhoodSerializer(PublicModelSerializer):
    class Meta:
        model = Neighbourhood
        fields = ["slug", "name", "description"]


class WeeklyHoursSerializer(PublicModelSerializer):
    weekday = serializers.SerializerMethodField(help_text="Dag van de week, in het Engels.")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "valid_from", "valid_until"]

    @extend_schema_field(serializers.ChoiceField(choices=WEEKDAYS))
    def get_weekday(self, hours):
        return WEEKDAYS[hours.weekday]


class SpecialHoursSerializer(PublicModelSerializer):
    class Meta:
        model = SpecialHours
        fields = ["start_date", "end_date", "is_closed", "opens", "closes", "reason"]


class OpeningStatusSerializer(serializers.Serializer):
    isOpen = serializers.BooleanField(source="is_open")  # noqa: N815 (the API's own casing)
    text = serializers.CharField(help_text="In het Nederlands, zoals op de site.")

    class Meta:
        ref_name = "OpeningStatus"


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    houseNumber = serializers.CharField(source="house_number")  # noqa: N815
    postcode = serializers.CharField()
    city = serializers.CharField()

    class Meta:
        ref_name = "Address"


class PlaceSerializer(PublicModelSerializer):
    url = PageUrlField()
    neighbourhood = slug_of()
    managing_organisation = slug_of(null=True)
    address = AddressSerializer(source="*", read_only=True)
    latitude = serializers.FloatField(read_only=True)
    longitude = serializers.FloatField(read_only=True)
    languages = serializers.ListField(source="language_list", child=serializers.CharField(),
                                      read_only=True)
    weekly_hours = WeeklyHoursSerializer(source="opening_hours", many=True, read_only=True)
    special_hours = SpecialHoursSerializer(many=True, read_only=True)
    opening_status = OpeningStatusSerializer(read_only=True)

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "description", "neighbourhood",
                  "managing_organisation", "address", "latitude", "longitude", "directions",
                  "email", "phone", "website", "wheelchair_accessible", "free_entry",
                  "languages", "weekly_hours", "special_hours", "opening_status", "url",
                  "is_demo"]


class ActivitySerializer(PublicModelSerializer):
    url = PageUrlField()
    place = slug_of()
    organiser = slug_of(null=True)
    initiative = serializers.SerializerMethodField()
    price = OptionalMoneyField()
    languages = serializers.ListField(source="language_list", child=serializers.CharField(),
                                      read_only=True)

    class Meta:
        model = Activity
        fields = ["slug", "title", "summary", "description", "place", "organiser",
                  "initiative", "audience", "recurrence", "interval_weeks", "week_of_month",
                  "start_date", "end_date", "start_time", "end_time", "is_free", "price",
                  "registration_required", "registration_info", "languages", "url", "is_demo"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_initiative(self, activity):
        """Only a published initiative is named."""
        initiative = activity.initiative
        return initiative.slug if initiative and initiative.is_published else None


class OccurrenceSerializer(PublicModelSerializer):
    activity = slug_of()
    place = slug_of("activity.place")
    title = serializers.CharField(source="activity.title", read_only=True)

    class Meta:
        model = Occurrence
        fields = ["activity", "title", "place", "starts_at", "ends_at", "is_cancelled",
                  "cancellation_reason"]


# --- ideas ----------------------------------------------------------------------------------


class IdeaStepSerializer(PublicModelSerializer):
    """One dated step of an idea's public timeline."""

    class Meta:
        model = public_steps().model
        fields = ["status", "changed_at", "public_text"]


class IdeaAnswerSerializer(PublicModelSerializer):
    organisation = slug_of()
    on_behalf_of = slug_of()

    class Meta:
        model = published_ideas().model.answer.related.related_model
        fields = ["text", "organisation", "on_behalf_of"]


class IdeaSerializer(PublicModelSerializer):
    """A published idea or question of a resident, with its statuses and the answer. No
    personal data: not the name the resident chose, no address, nothing about supporters but
    their number."""

    url = PageUrlField()
    neighbourhood = slug_of()
    spearhead = slug_of(null=True)
    assigned_to = slug_of(null=True)
    initiative = slug_of(null=True)
    activity = slug_of(null=True)
    statuses = IdeaStepSerializer(source="public_status_changes", many=True, read_only=True,
                                    help_text="Elke statuswijziging met datum en uitleg.")
    answer = serializers.SerializerMethodField(help_text="Het gepubliceerde antwoord, of null.")

    class Meta:
        model = published_ideas().model
        fields = ["slug", "kind", "title", "body", "why", "status", "neighbourhood",
                  "spearhead", "latitude", "longitude", "submitted_at", "first_answered_at",
                  "supporter_count", "assigned_to", "initiative", "activity", "statuses",
                  "answer", "url", "is_demo"]

    @extend_schema_field(IdeaAnswerSerializer(allow_null=True))
    def get_answer(self, idea):
        answer = getattr(idea, "answer", None)
        if answer is None or not answer.is_published:
            return None
        return IdeaAnswerSerializer(answer, context=self.context).data
