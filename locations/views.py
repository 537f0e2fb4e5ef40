from django.views.generic import TemplateView  # noqa
PlaceListView = PlaceDetailView = TemplateView
