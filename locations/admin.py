from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from signups.public import SignupCountsMixin
from zuidwest.images.fields import SafeImageField
from zuidwest.review.page_admin import ReviewedPageAdmin

from .models import (
    Activity,
    ActivityCancellation,
    Neighbourhood,
    Occurrence,
    OpeningHours,
    Place,
    SpecialHours,
)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "place_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(place_count=Count("places"))

    @admin.display(description=_("plekken"), ordering="place_count")
    def place_count(self, neighbourhood):
        return neighbourhood.place_count


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class SpecialHoursInline(admin.TabularInline):
    model = SpecialHours
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["title", "recurrence", "start_date", "start_time", "end_time", "audience"]
    show_change_link = True
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Place)
class PlaceAdmin(ReviewedPageAdmin, admin.ModelAdmin):
    inlines = [OpeningHoursInline, SpecialHoursInline, ActivityInline]
    # Uploads are checked and re-encoded without metadata before they are stored.
    formfield_overrides = {models.ImageField: {"form_class": SafeImageField}}
    list_display = ["name", "kind", "neighbourhood", "managing_organisation", "postcode",
                    "is_published", "is_demo"]
    list_filter = ["is_published", "neighbourhood", "kind", "wheelchair_accessible", "free_entry",
                   "is_demo"]
    search_fields = ["name", "street", "postcode", "description"]
    list_select_related = ["neighbourhood", "managing_organisation"]
    autocomplete_fields = ["managing_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "neighbourhood", "managing_organisation",
                           "description", "is_published", "is_demo"]}),
        (_("Adres en ligging"), {"fields": ["street", "house_number", "postcode", "city",
                                            "latitude", "longitude", "directions"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
        (_("Toegankelijkheid"), {"fields": ["wheelchair_accessible", "free_entry", "languages"]}),
        (_("Foto"), {"fields": ["image", "image_alt"]}),
    ]


class CancellationInline(admin.TabularInline):
    model = ActivityCancellation
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SignupCountsMixin, ReviewedPageAdmin, admin.ModelAdmin):
    list_display = ["title", "place", "recurrence", "start_date", "start_time", "audience",
                    "is_free", "is_published", "signup_count", "signups_handled", "is_demo"]
    list_filter = ["is_published", "recurrence", "audience", "is_free", "registration_required",
                   "place__neighbourhood", "is_demo"]
    search_fields = ["title", "summary", "description", "place__name"]
    list_select_related = ["place"]
    autocomplete_fields = ["place", "organiser", "initiative"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CancellationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "place", "organiser", "initiative", "summary",
                           "description", "audience", "languages", "is_published", "is_demo"]}),
        (_("Wanneer"), {"fields": ["recurrence", "interval_weeks", "week_of_month",
                                   "start_date", "end_date", "start_time", "end_time"]}),
        (_("Kosten en aanmelden"), {"fields": ["is_free", "price", "registration_required",
                                               "registration_info", "accepts_signups"]}),
    ]


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    """Read-only: occurrences are derived from the activities."""

    list_display = ["activity", "starts_at", "ends_at", "is_cancelled"]
    list_filter = ["is_cancelled", "activity__place__neighbourhood"]
    search_fields = ["activity__title"]
    list_select_related = ["activity"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
