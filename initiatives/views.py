from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from alliances.models import Organisation
from funding.models import Allocation
from funding.public import initiative_money
from locations.models import Place
from progress.public import initiative_indicators
from zuidwest.ui.pagination import LenientPaginationMixin

from .forms import InitiativeFilterForm
from .jsonld import initiative_json_ld
from .models import Initiative


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
        **initiative_money(allocations),
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
