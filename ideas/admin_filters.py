"""The admin's list of ideas past the promise, also behind the dashboard's figure."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

YES = "ja"


class OverdueFilter(admin.SimpleListFilter):
    title = _("over de beloofde tijd")
    parameter_name = "te_laat"

    def lookups(self, request, model_admin):
        return [(YES, _("ja"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == YES else queryset
