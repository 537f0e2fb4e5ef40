"""What initiatives puts on the programme office's dashboard (zuidwest.admin_site.dashboard):
money left per source, spending that lags behind, late milestones, indicators without a
measurement this year, opportunities closing soon. Each figure links to its filtered list."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from zuidwest.admin_site.dashboard import DashboardCard, Figure
from zuidwest.ui.money import format_euros

from .admin_filters import (
    YES,
    ClosingSoonFilter,
    OverdueFilter,
    SpendingBehindFilter,
    UnmeasuredThisYearFilter,
)
from .funding import available, with_allocated
from .models import (
    Allocation,
    FundingSource,
    Indicator,
    Measurement,
    Milestone,
    Opportunity,
)


def _filtered(model_name, list_filter):
    return (reverse(f"admin:initiatives_{model_name}_changelist")
            + f"?{list_filter.parameter_name}={YES}")


def money_figures(request):
    figures = [
        Figure(_("%(source)s: nog %(left)s vrij van %(total)s") % {
            "source": source.name, "left": format_euros(available(source), 0),
            "total": format_euros(source.amount, 0)},
            reverse("admin:initiatives_fundingsource_change", args=[source.pk]))
        for source in with_allocated(FundingSource.objects.order_by("-amount"))
    ]
    behind = SpendingBehindFilter.select(Allocation.objects.all()).count()
    figures.append(Figure(ngettext(
        "%(count)d toekenning van vorige jaren is nog niet voor de helft besteed",
        "%(count)d toekenningen van vorige jaren zijn nog niet voor de helft besteed", behind)
        % {"count": behind}, _filtered("allocation", SpendingBehindFilter), bool(behind)))
    return figures


def progress_figures(request):
    late = OverdueFilter.select(Milestone.objects.all()).count()
    unmeasured = UnmeasuredThisYearFilter.select(Indicator.objects.all()).count()
    year = timezone.localdate().year
    waiting = Measurement.objects.filter(is_approved=False).count()
    return [
        Figure(ngettext("%(count)d cijfer van partners wacht op goedkeuring",
                        "%(count)d cijfers van partners wachten op goedkeuring", waiting)
               % {"count": waiting},
               reverse("admin:initiatives_measurement_changelist") + "?is_approved__exact=0",
               bool(waiting)),
        Figure(ngettext("%(count)d mijlpaal is te laat", "%(count)d mijlpalen zijn te laat", late)
               % {"count": late}, _filtered("milestone", OverdueFilter), bool(late)),
        Figure(ngettext("%(count)d indicator heeft nog geen meting van %(year)d",
                        "%(count)d indicatoren hebben nog geen meting van %(year)d", unmeasured)
               % {"count": unmeasured, "year": year},
               _filtered("indicator", UnmeasuredThisYearFilter), bool(unmeasured)),
        Figure(_("Jaarverslag downloaden"), reverse("admin:initiatives_annual_report")),
    ]


def work_figures(request):
    closing = ClosingSoonFilter.select(Opportunity.objects.all()).count()
    return [Figure(ngettext("%(count)d kans sluit binnen een week",
                            "%(count)d kansen sluiten binnen een week", closing)
                   % {"count": closing}, _filtered("opportunity", ClosingSoonFilter),
                   bool(closing))]


CARDS = (
    DashboardCard("money", 10, gettext_lazy("Geld"), money_figures),
    DashboardCard("progress", 20, gettext_lazy("Voortgang"), progress_figures),
    DashboardCard("work", 30, gettext_lazy("Werk en leren"), work_figures),
)
