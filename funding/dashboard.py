"""The money card of the programme office's dashboard (zuidwest.admin_site.dashboard): money
left per source, and spending that lags behind. Each figure links to its list."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from zuidwest.admin_site.dashboard import DashboardCard, Figure
from zuidwest.admin_site.filters import filtered_changelist
from zuidwest.ui.money import format_euros

from .admin.filters import SpendingBehindFilter
from .models import Allocation, FundingSource


def money_figures(request):
    figures = [
        Figure(_("%(source)s: nog %(left)s vrij van %(total)s") % {
            "source": source.name, "left": format_euros(source.remaining_amount(), 0),
            "total": format_euros(source.amount, 0)},
            reverse("admin:funding_fundingsource_change", args=[source.pk]))
        for source in FundingSource.objects.with_totals()
    ]
    behind = SpendingBehindFilter.select(Allocation.objects.all()).count()
    figures.append(Figure(ngettext(
        "%(count)d toekenning van vorige jaren is nog niet voor de helft besteed",
        "%(count)d toekenningen van vorige jaren zijn nog niet voor de helft besteed", behind)
        % {"count": behind}, filtered_changelist(Allocation, SpendingBehindFilter), bool(behind)))
    return figures


MONEY_CARD = DashboardCard("money", 10, gettext_lazy("Geld"), money_figures)
