"""The progress card of the programme office's dashboard (zuidwest.admin_site.dashboard):
partners' figures waiting for approval, late milestones, indicators without a measurement this
year, and the yearly report. Each figure links to its list."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from initiatives.models import Milestone
from initiatives.public import OverdueFilter
from zuidwest.admin_site.dashboard import DashboardCard, Figure
from zuidwest.admin_site.filters import filtered_changelist

from .admin.filters import UnmeasuredThisYearFilter
from .models import Indicator, Measurement


def progress_figures(request):
    late = OverdueFilter.select(Milestone.objects.all()).count()
    unmeasured = UnmeasuredThisYearFilter.select(Indicator.objects.all()).count()
    year = timezone.localdate().year
    waiting = Measurement.objects.filter(is_approved=False).count()
    return [
        Figure(ngettext("%(count)d cijfer van partners wacht op goedkeuring",
                        "%(count)d cijfers van partners wachten op goedkeuring", waiting)
               % {"count": waiting},
               reverse("admin:progress_measurement_changelist") + "?is_approved__exact=0",
               bool(waiting)),
        Figure(ngettext("%(count)d mijlpaal is te laat", "%(count)d mijlpalen zijn te laat", late)
               % {"count": late}, filtered_changelist(Milestone, OverdueFilter), bool(late)),
        Figure(ngettext("%(count)d indicator heeft nog geen meting van %(year)d",
                        "%(count)d indicatoren hebben nog geen meting van %(year)d", unmeasured)
               % {"count": unmeasured, "year": year},
               filtered_changelist(Indicator, UnmeasuredThisYearFilter), bool(unmeasured)),
        Figure(_("Jaarverslag downloaden"), reverse("admin:progress_annual_report")),
    ]


PROGRESS_CARD = DashboardCard("progress", 20, gettext_lazy("Voortgang"), progress_figures)
