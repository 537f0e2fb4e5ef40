from django.views.generic import TemplateView

from .engine import MAX_QUERY_LENGTH, clean_query, search_everything, suggestion


class SearchView(TemplateView):
    """One search over places, activities, initiatives and organisations (GET q)."""

    template_name = "zuidwest/search.html"

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        groups = search_everything(query)
        return super().get_context_data(
            query=query,
            groups=groups,
            result_count=sum(group.total for group in groups),
            max_query_length=MAX_QUERY_LENGTH,
            suggestion="" if groups else suggestion(query),
            **kwargs,
        )
