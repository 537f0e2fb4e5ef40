from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.money import format_euros

from ..models import FundingSource


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
