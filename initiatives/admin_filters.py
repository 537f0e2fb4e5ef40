"""The milestones behind the dashboard's "late" figure."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.filters import YesFilter


class OverdueFilter(YesFilter):
    title = _("te laat")
    parameter_name = "te_laat"

    @staticmethod
    def select(queryset):
        return queryset.filter(reached_on__isnull=True, planned_for__lt=timezone.localdate())
