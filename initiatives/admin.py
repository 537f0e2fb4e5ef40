import csv

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from zuidwest.images.fields import SafeImageField
from zuidwest.review.page_admin import ReviewedPageAdmin
from zuidwest.spreadsheets import neutralised_row
from zuidwest.ui.money import format_euros

from . import report_admin  # noqa: F401  (the yearly report and its narratives)
from .admin_filters import ClosingSoonFilter, OverdueFilter, SpendingBehindFilter
from .forms import AllocationInlineFormSet
from .indicator_admin import OutputInline
from .models import (
    Allocation,
    FundingSource,
    Initiative,
    Milestone,
    Opportunity,
    Signup,
    Spearhead,
    Update,
)
from .signup_admin import SignupAdmin, SignupCountsMixin
from .spending_admin import AllocationRevisionMixin


class AllocationInline(admin.TabularInline):
    """New allocations on the initiative's page; existing ones are read here and changed on
    their own page, where a new amount needs its decision date and reason."""

    model = Allocation
    formset = AllocationInlineFormSet
    extra = 0
    fields = ["source", "amount", "year", "decision_date", "reference", "note", "is_demo"]
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "amount_display", "allocated_display", "remaining_display"]
    readonly_fields = ["allocated_display", "remaining_display"]
    filter_horizontal = ["funders"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, source):
        return format_euros(source.amount)

    @admin.display(description=_("toegekend"), ordering="allocated_total")
    def allocated_display(self, source):
        return format_euros(source.allocated_total)

    @admin.display(description=_("nog beschikbaar"))
    def remaining_display(self, source):
        return format_euros(source.remaining_amount())


ALLOCATION_CSV_COLUMNS = [
    (_("kenmerk"), lambda a: a.reference),
    (_("initiatief"), lambda a: a.initiative.title),
    (_("speerpunt"), lambda a: a.initiative.spearhead.short_name),
    (_("alliantie"), lambda a: a.initiative.alliance.name),
    (_("trekker"), lambda a: a.initiative.lead_organisation.name),
    (_("geldbron"), lambda a: a.source.name),
    (_("bedrag (euro)"), lambda a: number_format(a.amount, 2, use_l10n=True)),
    (_("jaar"), lambda a: a.year),
    (_("besluitdatum"), lambda a: a.decision_date.isoformat()),
    (_("toelichting"), lambda a: a.note),
    (_("voorbeeld"), lambda a: _("ja") if a.is_demo else _("nee")),
]


@admin.action(description=_("Exporteer geselecteerde toekenningen als CSV"))
def export_allocations_csv(modeladmin, request, queryset):
    # Semicolons, a decimal comma and a byte-order mark: what spreadsheet programs
    # with Dutch settings open correctly.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toekenningen-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(header) for header, _value in ALLOCATION_CSV_COLUMNS])
    allocations = queryset.select_related(
        "initiative__spearhead", "initiative__alliance", "initiative__lead_organisation", "source"
    ).order_by("decision_date", "reference")
    for allocation in allocations:
        writer.writerow(neutralised_row(
            str(value(allocation)) for _header, value in ALLOCATION_CSV_COLUMNS))
    return response


@admin.register(Allocation)
class AllocationAdmin(AllocationRevisionMixin, admin.ModelAdmin):
    list_display = ["reference", "initiative", "source", "amount_display", "year",
                    "decision_date", "is_demo"]
    list_filter = ["source", "year", "initiative__spearhead", "initiative__alliance",
                   SpendingBehindFilter, "is_demo"]
    search_fields = ["reference", "initiative__title", "note"]
    list_select_related = ["initiative", "source"]
    autocomplete_fields = ["initiative"]
    date_hierarchy = "decision_date"
    actions = [export_allocations_csv]

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, allocation):
        return format_euros(allocation.amount)


admin.site.register(Milestone, list_display=["title", "initiative", "planned_for", "reached_on"],
                    list_filter=[OverdueFilter], search_fields=["title", "initiative__title"])
admin.site.register(Update, list_display=["title", "initiative", "published_on"],
                    search_fields=["title", "body", "initiative__title"])


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


admin.site.register(Signup, SignupAdmin)
