from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.money import format_euros

from ..forms import AllocationInlineFormSet
from ..models import Allocation
from .exports import export_allocations_csv
from .filters import SpendingBehindFilter
from .spending import AllocationRevisionMixin


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
