"""The opportunities behind the dashboard's "closing soon" figure."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.filters import YesFilter

from .models import CLOSING_SOON_DAYS


class ClosingSoonFilter(YesFilter):
    title = _("sluit binnenkort")
    parameter_name = "sluit_binnenkort"

    @staticmethod
    def select(queryset):
        today = timezone.localdate()
        return queryset.published().filter(
            closes_on__gte=today, closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS))
