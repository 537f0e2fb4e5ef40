from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView

from initiatives.models import Initiative
from locations.models import Place

from .jsonld import alliance_json_ld, organisation_json_ld
from .models import Alliance, Membership, Organisation

# Detail pages show this many initiatives and link to the filtered list for the rest.
PREVIEW_SIZE = 6


class AllianceListView(ListView):
    template_name = "alliances/alliance_list.html"
    context_object_name = "alliances"

    def get_queryset(self):
        return Alliance.objects.annotate(
            initiative_total=Count(
            "initiatives", distinct=True, filter=Q(initiatives__is_published=True)),
        ).order_by("position", "name")


class AllianceDetailView(DetailView):
    template_name = "alliances/alliance_detail.html"
    context_object_name = "alliance"

    def get_queryset(self):
        return Alliance.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch("initiatives", queryset=Initiative.objects.for_listing()[:PREVIEW_SIZE],
                     to_attr="initiative_preview"),
        ).annotate(initiative_total=Count(
            "initiatives", distinct=True, filter=Q(initiatives__is_published=True)))

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=alliance_json_ld(self.object), **kwargs)


class OrganisationListView(ListView):
    template_name = "alliances/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("alliance"))
        )


class OrganisationDetailView(DetailView):
    template_name = "alliances/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("alliance")),
            Prefetch("led_initiatives",
                     queryset=Initiative.objects.for_listing()[:PREVIEW_SIZE],
                     to_attr="led_preview"),
            Prefetch("partner_initiatives",
                     queryset=Initiative.objects.for_listing()[:PREVIEW_SIZE],
                     to_attr="partner_preview"),
            Prefetch("managed_places",
                     queryset=Place.objects.published().select_related("neighbourhood")),
            "funded_sources",
        ).annotate(
            led_total=Count("led_initiatives", distinct=True,
                            filter=Q(led_initiatives__is_published=True)),
            partner_total=Count("partner_initiatives", distinct=True,
                                filter=Q(partner_initiatives__is_published=True)),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=organisation_json_ld(self.object), **kwargs)
