"""List filters the admin's dashboard links to: each dashboard figure opens its list with one
of these selected (zuidwest.admin_site.dashboard)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

YES = "ja"


class YesFilter(admin.SimpleListFilter):
    """A filter with one choice, "ja"; subclasses say what it selects (`select`, also used
    to count for the dashboard)."""

    def lookups(self, request, model_admin):
        return [(YES, _("ja"))]

    def queryset(self, request, queryset):
        return self.select(queryset) if self.value() == YES else queryset

    @classmethod
    def url_query(cls):
        """The query string that selects this filter on its changelist."""
        return f"?{cls.parameter_name}={YES}"


def filtered_changelist(model, list_filter):
    """The admin list of `model` with `list_filter` selected: where a dashboard figure links."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + list_filter.url_query()
