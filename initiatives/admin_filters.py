"""Admin list filters behind the dashboard's figures: each figure links to its list."""

from datetime import timedelta
from decimal import Decimal

from django.contrib import admin
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .funding import with_spent
from .models.opportunities import CLOSING_SOON_DAYS
from .progress import overdue

YES = "ja"
# An allocation of an earlier year with less than this share spent is behind.
BEHIND_SHARE = Decimal("0.5")


class YesFilter(admin.SimpleListFilter):
    """A filter with one choice, "ja"; subclasses say what it selects (`select`, also used
    to count for the dashboard)."""

    def lookups(self, request, model_admin):
        return [(YES, _("ja"))]

    def queryset(self, request, queryset):
        return self.select(queryset) if self.value() == YES else queryset


class SpendingBehindFilter(YesFilter):
    title = _("besteding achter")
    parameter_name = "achter"

    @staticmethod
    def select(queryset):
        return with_spent(queryset).filter(
            year__lt=timezone.localdate().year, spent_total__lt=F("amount") * BEHIND_SHARE)


class OverdueFilter(YesFilter):
    title = _("te laat")
    parameter_name = "te_laat"

    @staticmethod
    def select(queryset):
        return queryset.filter(overdue(timezone.localdate()))


class UnmeasuredThisYearFilter(YesFilter):
    title = _("zonder meting dit jaar")
    parameter_name = "zonder_meting"

    @staticmethod
    def select(queryset):
        return queryset.exclude(measurements__year=timezone.localdate().year)


class ClosingSoonFilter(YesFilter):
    title = _("sluit binnenkort")
    parameter_name = "sluit_binnenkort"

    @staticmethod
    def select(queryset):
        today = timezone.localdate()
        return queryset.published().filter(
            closes_on__gte=today, closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS))
