from django.utils.functional import cached_property
from django.views.generic import TemplateView

from .engine import MAX_QUERY_LENGTH, clean_query, search_everything, suggestion


class SearchAnswer:
    """What a search shows, worked out when the template first asks for it: a search whose
    results are in the fragment cache (zuidwest/search.html) costs no query."""

    def __init__(self, query):
        self.query = query

    @cached_property
    def groups(self):
        return search_everything(self.query)

    @cached_property
    def result_count(self):
        return sum(group.total for group in self.groups)

    @cached_property
    def suggestion(self):
        return "" if self.groups else suggestion(self.query)


class SearchView(TemplateView):
    """One search over places, activities, initiatives and organisations (GET q)."""

    template_name = "zuidwest/search.html"

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        return super().get_context_data(
            query=query,
            answer=SearchAnswer(query),
            max_query_length=MAX_QUERY_LENGTH,
            **kwargs,
        )
