"""The indicators behind the dashboard's "no measurement this year" figure."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.filters import YesFilter


class UnmeasuredThisYearFilter(YesFilter):
    title = _("zonder meting dit jaar")
    parameter_name = "zonder_meting"

    @staticmethod
    def select(queryset):
        return queryset.exclude(measurements__year=timezone.localdate().year)
