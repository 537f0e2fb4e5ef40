from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.generic import TemplateView

from alliances.models import Alliance
from initiatives.funding import funding_summary
from initiatives.models import Initiative, Spearhead

from .models import Programme


class HomeView(TemplateView):
    template_name = "zuidwest/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=Programme.objects.first(),
            spearheads=Spearhead.objects.all(),
            featured_initiatives=Initiative.objects.for_listing().filter(is_featured=True)[:3],
            funding=funding_summary(),
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "zuidwest/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=Programme.objects.first(),
            spearheads=Spearhead.objects.all(),
            alliances=Alliance.objects.all(),
            funding=funding_summary(),
            **kwargs,
        )


class StatementView(TemplateView):
    """Accessibility and privacy statements: plain pages with fixed text."""


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database: the error may come from either.
    return HttpResponseServerError(loader.get_template("500.html").render())

