"""The work card of the programme office's dashboard (zuidwest.admin_site.dashboard):
opportunities that close within a week."""

from django.utils.translation import gettext_lazy, ngettext

from zuidwest.admin_site.dashboard import DashboardCard, Figure
from zuidwest.admin_site.filters import filtered_changelist

from .admin_filters import ClosingSoonFilter
from .models import Opportunity


def work_figures(request):
    closing = ClosingSoonFilter.select(Opportunity.objects.all()).count()
    return [Figure(ngettext("%(count)d kans sluit binnen een week",
                            "%(count)d kansen sluiten binnen een week", closing)
                   % {"count": closing}, filtered_changelist(Opportunity, ClosingSoonFilter),
                   bool(closing))]


WORK_CARD = DashboardCard("work", 30, gettext_lazy("Werk en leren"), work_figures)
