from django.http import Http404


def activity_calendar(request, slug):
    raise Http404


def place_calendar(request, slug):
    raise Http404


def agenda_calendar(request):
    raise Http404


def place_print(request, slug):
    raise Http404
