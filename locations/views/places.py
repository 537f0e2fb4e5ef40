from django.views.generic import DetailView, ListView

from zuidwest.pagination import LenientPaginationMixin

from ..models import Place


class PlaceListView(LenientPaginationMixin, ListView):
    template_name = "locations/place_list.html"
    context_object_name = "places"

    def get_queryset(self):
        return Place.objects.select_related("neighbourhood", "managing_organisation")


class PlaceDetailView(DetailView):
    template_name = "locations/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        return Place.objects.select_related(
            "neighbourhood", "managing_organisation"
        ).prefetch_related("initiatives")
