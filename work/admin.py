from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from signups.public import SignupCountsMixin
from zuidwest.review.page_admin import ReviewedPageAdmin

from .admin_filters import ClosingSoonFilter
from .models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(SignupCountsMixin, ReviewedPageAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "pay", "hours_per_week", "closes_on",
                    "is_published", "signup_count", "signups_handled", "is_demo"]
    list_filter = ["is_published", "kind", "pay", "no_diploma_needed", "neighbourhood",
                   ClosingSoonFilter, "is_demo"]
    search_fields = ["title", "summary", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "initiative", "place", "information_activity"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "closes_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "organisation", "initiative",
                           "is_published", "is_demo"]}),
        (_("Over de kans"), {"fields": ["summary", "description"]}),
        (_("Voor wie"), {"fields": ["age_from", "age_to", "no_diploma_needed", "dutch_level",
                                    "benefit_allowed"]}),
        (_("Waar"), {"fields": ["place", "address", "neighbourhood"]}),
        (_("Uren, geld en wanneer"), {"fields": ["hours_per_week", "pay", "pay_details",
                                                 "starts_on", "closes_on"]}),
        (_("Zo meld je je aan"), {"fields": ["how_to_apply", "contact_name", "contact_phone",
                                             "contact_email", "information_activity",
                                             "accepts_signups"]}),
    ]
