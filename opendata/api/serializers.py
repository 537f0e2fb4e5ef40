"""The public representations. Only what the public pages show: no sign-ups, no accounts, no
contact persons; places and opportunities name unpublished pages nowhere (the querysets in
views.py prefetch only published rows)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliances.models import Alliance, Membership, Organisation
from initiatives.models import (
    Allocation,
    FundingSource,
    Initiative,
    Milestone,
    Opportunity,
    Spearhead,
    Update,
)
from locations.models import Activity, Neighbourhood, Occurrence, OpeningHours, Place, SpecialHours

from .fields import (
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

    class Meta:
        model = Initiative
        fields = ["slug", "title", "kind", "status", "summary", "body", "spearhead", "alliance",
                  "lead_organisation", "partner_organisations", "neighbourhoods", "places",
                  "start_date", "end_date", "url", "milestones", "news", "is_demo"]


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
