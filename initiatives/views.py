from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from alliances.models import Organisation
from locations.models import Place
from zuidwest.ui.pagination import LenientPaginationMixin

from .forms import FundingFilterForm, InitiativeFilterForm
from .funding import DEFAULT_ORDER, FUNDING_PAGE_SIZE, allocation_years, funding_summary
from .jsonld import initiative_json_ld
from .models import ZERO_EUROS, Allocation, Initiative
from .progress import initiative_indicators, spearheads_with_indicators


class InitiativeListView(LenientPaginationMixin, ListView):
    template_name = "initiatives/initiative_list.html"
    context_object_name = "initiatives"

    def get_queryset(self):
        self.filter_form = InitiativeFilterForm(self.request.GET or None)
        return self.filter_form.filter(Initiative.objects.for_listing())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


def progress_context(initiative, allocations):
    """The totals an initiative's page shows: its money, and how many milestones it reached."""
    return {
        "allocated_total": sum((a.amount for a in allocations), ZERO_EUROS),
        "spent_total": sum((a.spent_total for a in allocations), ZERO_EUROS),
        "milestones_reached": sum(1 for m in initiative.milestones.all() if m.reached_on),
    }


class InitiativeDetailView(DetailView):
    template_name = "initiatives/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.published().select_related(
            "spearhead", "alliance", "lead_organisation"
        ).prefetch_related(
            Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name")),
            "neighbourhoods",
            Prefetch("places", queryset=Place.objects.published().select_related("neighbourhood")),
            "milestones",
            "updates",
            "outputs",
            Prefetch("allocations",
                     queryset=Allocation.objects.with_spent().select_related("source")),
            "allocations__source__funders",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **progress_context(self.object, self.object.allocations.all()),
            json_ld=initiative_json_ld(self.object),
            indicators=initiative_indicators(self.object),
            **kwargs,
        )


class FundingOverviewView(TemplateView):
    """/geld/: the sources, and on what the money goes, for all years or one, for the whole
    area or one neighbourhood, with the initiatives sorted as asked, a page at a time."""

    template_name = "initiatives/funding.html"
    page_size = FUNDING_PAGE_SIZE

    def get_context_data(self, **kwargs):
        years = allocation_years()
        form = FundingFilterForm(self.request.GET or None, years=years)
        chosen = form.valid_data
        funding = funding_summary(year=chosen.get("year"),
                                  neighbourhood=chosen.get("neighbourhood"),
                                  order=chosen.get("order") or DEFAULT_ORDER, years=years)
        page = Paginator(funding.initiatives, self.page_size).get_page(
            self.request.GET.get("pagina"))
        return super().get_context_data(filter_form=form, funding=funding, page_obj=page,
                                        neighbourhood=chosen.get("neighbourhood"), **kwargs)


class ProgressView(TemplateView):
    """/voortgang/: per spearhead its indicators, each as a chart and the same numbers in a
    table, with the trend, the target, the city's figure and a status in words."""

    template_name = "initiatives/progress.html"

    def get_context_data(self, **kwargs):
        sections = spearheads_with_indicators()
        return super().get_context_data(
            sections=sections,
            includes_demo=any(p.indicator.is_demo for _s, progress in sections for p in progress),
            **kwargs)
