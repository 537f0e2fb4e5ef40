from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from alliances.models import Organisation
from locations.models import Place
from zuidwest.ui.pagination import LenientPaginationMixin

from .forms import InitiativeFilterForm
from .funding import funding_summary
from .models import Allocation, Initiative


class InitiativeListView(LenientPaginationMixin, ListView):
    template_name = "initiatives/initiative_list.html"
    context_object_name = "initiatives"

    def get_queryset(self):
        self.filter_form = InitiativeFilterForm(self.request.GET or None)
        return self.filter_form.filter(Initiative.objects.for_listing())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


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
            Prefetch("allocations", queryset=Allocation.objects.select_related("source")),
        )

    def get_context_data(self, **kwargs):
        allocations = self.object.allocations.all()
        return super().get_context_data(
            allocated_total=sum(allocation.amount for allocation in allocations),
            **kwargs,
        )


class FundingOverviewView(TemplateView):
    template_name = "initiatives/funding.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(funding=funding_summary(), **kwargs)
