from django.conf import settings
from django.core.paginator import Paginator


class LenientPaginationMixin:
    """A page number that is not a number or out of range shows the nearest page instead of
    an error: people edit URLs, and old links outlive the data."""

    paginate_by = settings.PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("pagina"))
        return paginator, page, page.object_list, page.has_other_pages()
