"""Indicators, their targets and measurements, and initiatives' outputs in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zuidwest import caching

from ..models import Indicator, IndicatorTarget, Measurement, Output
from .filters import UnmeasuredThisYearFilter


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["year", "value", "source", "note", "is_approved", "reported_by", "is_demo"]
    readonly_fields = ["reported_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "spearhead", "unit", "direction", "baseline_value", "baseline_year",
                    "city_value", "is_demo"]
    list_filter = ["spearhead", "direction", UnmeasuredThisYearFilter, "is_demo"]
    search_fields = ["name", "explanation", "source"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [IndicatorTargetInline, MeasurementInline]


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


admin.site.register(
    Output, list_display=["initiative", "kind", "year", "planned", "achieved"],
    list_filter=["kind", "year"], search_fields=["initiative__title", "note"],
    list_select_related=["initiative"])
admin.site.register(IndicatorTarget, list_display=["indicator", "year", "value"],
                    list_select_related=["indicator"])
@admin.action(description=_("Goedkeuren: op de site zetten"))
def approve_measurements(modeladmin, request, queryset):
    count = queryset.filter(is_approved=False).update(is_approved=True)
    caching.content_changed()  # update() sends no signals
    modeladmin.message_user(request, ngettext(
        "%(count)d cijfer is goedgekeurd en staat op de site.",
        "%(count)d cijfers zijn goedgekeurd en staan op de site.", count) % {"count": count})


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "value", "is_approved", "reported_by", "is_demo"]
    list_filter = ["is_approved", "indicator__spearhead", "year", "is_demo"]
    list_select_related = ["indicator", "reported_by"]
    readonly_fields = ["reported_by"]
    actions = [approve_measurements]
