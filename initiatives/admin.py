from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from funding.public import AllocationInline
from progress.public import OutputInline
from zuidwest.images.fields import SafeImageField
from zuidwest.review.page_admin import ReviewedPageAdmin

from .admin_filters import OverdueFilter
from .models import Initiative, Milestone, Spearhead, Update


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class UpdateInline(admin.StackedInline):
    model = Update
    extra = 0


@admin.register(Spearhead)
class SpearheadAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "name", "initiative_count"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_count=Count("initiatives"))

    @admin.display(description=_("initiatieven"), ordering="initiative_count")
    def initiative_count(self, spearhead):
        return spearhead.initiative_count


@admin.register(Initiative)
class InitiativeAdmin(ReviewedPageAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "spearhead", "alliance", "lead_organisation", "status",
                    "is_published", "is_featured", "is_demo"]
    list_filter = ["is_published", "spearhead", "alliance", "kind", "status", "neighbourhoods",
                   "is_featured", "is_demo"]
    search_fields = ["title", "summary", "body", "lead_organisation__name"]
    list_select_related = ["spearhead", "alliance", "lead_organisation"]
    autocomplete_fields = ["lead_organisation", "partner_organisations", "places"]
    filter_horizontal = ["neighbourhoods"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    inlines = [AllocationInline, MilestoneInline, UpdateInline, OutputInline]
    # Uploads are checked and re-encoded without metadata before they are stored.
    formfield_overrides = {models.ImageField: {"form_class": SafeImageField}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "spearhead", "alliance", "status",
                           "is_published", "is_featured", "is_demo"]}),
        (_("Wie en waar"), {"fields": ["lead_organisation", "partner_organisations",
                                       "neighbourhoods", "places"]}),
        (_("Looptijd"), {"fields": ["start_date", "end_date"]}),
        (_("Tekst en foto"), {"fields": ["summary", "body", "cover_image", "cover_image_alt"]}),
    ]


admin.site.register(Milestone, list_display=["title", "initiative", "planned_for", "reached_on"],
                    list_filter=[OverdueFilter], search_fields=["title", "initiative__title"])
admin.site.register(Update, list_display=["title", "initiative", "published_on"],
                    search_fields=["title", "body", "initiative__title"])


