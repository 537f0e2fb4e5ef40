from django.views.generic import TemplateView

from .figures import spearheads_with_indicators


class ProgressView(TemplateView):
    """/voortgang/: per spearhead its indicators, each as a chart and the same numbers in a
    table, with the trend, the target, the city's figure and a status in words."""

    template_name = "progress/overview.html"

    def get_context_data(self, **kwargs):
        sections = spearheads_with_indicators()
        return super().get_context_data(
            sections=sections,
            includes_demo=any(p.indicator.is_demo for _s, progress in sections for p in progress),
            **kwargs)
