from django.http import Http404


def map_view(request):
    raise Http404


def places_geojson(request):
    raise Http404
