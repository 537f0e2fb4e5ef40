"""The allocations behind the dashboard's "spending lags behind" figure."""

from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zuidwest.admin_site.filters import YesFilter

# An allocation of an earlier year with less than this share spent is behind.
BEHIND_SHARE = Decimal("0.5")


class SpendingBehindFilter(YesFilter):
    title = _("besteding achter")
    parameter_name = "achter"

    @staticmethod
    def select(queryset):
        return queryset.with_spent().filter(
            year__lt=timezone.localdate().year, spent_total__lt=F("amount") * BEHIND_SHARE)
