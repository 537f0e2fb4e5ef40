"""Spending and allocation revisions in the admin: staff enter what was spent per allocation
and period, and change an allocation's amount only with a decision date and a reason, which
stay in the allocation's history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.ui.money import format_euros

from ..models import Allocation, AllocationRevision, Spending
from ..services import revise_allocation


class SpendingInline(admin.TabularInline):
    model = Spending
    extra = 0
    fields = ["amount", "period_start", "period_end", "note", "is_demo"]


class AllocationRevisionInline(admin.TabularInline):
    """The history of an allocation's amount: read only, it records decisions."""

    model = AllocationRevision
    extra = 0
    fields = ["decided_on", "previous_amount", "new_amount", "reason", "decided_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AllocationAdminForm(forms.ModelForm):
    """A changed amount is a new decision: it needs its date and reason."""

    revision_date = forms.DateField(
        label=_("datum van het besluit over het nieuwe bedrag"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Alleen als je het bedrag verandert."),
    )
    revision_reason = forms.CharField(
        label=_("reden van de verandering"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen als je het bedrag verandert. Deze reden blijft in de geschiedenis."),
    )

    class Meta:
        model = Allocation
        fields = ["initiative", "source", "amount", "year", "decision_date", "reference",
                  "note", "is_demo"]

    def amount_changed(self):
        return self.instance.pk is not None and "amount" in self.changed_data

    def clean(self):
        cleaned = super().clean()
        if self.amount_changed():
            if not (cleaned.get("revision_reason") or "").strip():
                self.add_error("revision_reason", ValidationError(
                    _("Schrijf op waarom het bedrag verandert.")))
            if not cleaned.get("revision_date"):
                cleaned["revision_date"] = timezone.localdate()
        return cleaned


class AllocationRevisionMixin:
    """For AllocationAdmin: saves a changed amount through services.revise_allocation."""

    form = AllocationAdminForm
    inlines = [SpendingInline, AllocationRevisionInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["initiative", "source", "amount", "year",
                                        "decision_date", "reference", "note", "is_demo"]})]
        if obj is not None:
            fieldsets.append((_("Bedrag veranderd?"),
                              {"fields": ["revision_date", "revision_reason"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change and form.amount_changed():
            revise_allocation(obj, new_amount=obj.amount,
                              decided_on=form.cleaned_data["revision_date"],
                              reason=form.cleaned_data["revision_reason"], staff=request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Spending)
class SpendingAdmin(admin.ModelAdmin):
    list_display = ["allocation", "amount_display", "period_start", "period_end", "is_demo"]
    list_filter = ["allocation__source", "allocation__initiative__spearhead", "is_demo"]
    search_fields = ["allocation__reference", "allocation__initiative__title", "note"]
    list_select_related = ["allocation__initiative", "allocation__source"]
    autocomplete_fields = ["allocation"]
    date_hierarchy = "period_end"

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, spending):
        return format_euros(spending.amount)


@admin.register(AllocationRevision)
class AllocationRevisionAdmin(admin.ModelAdmin):
    """The history of decisions: readable, never edited or deleted."""

    list_display = ["allocation", "decided_on", "previous_amount", "new_amount", "decided_by"]
    list_select_related = ["allocation__initiative", "allocation__source", "decided_by"]
    search_fields = ["allocation__reference", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
