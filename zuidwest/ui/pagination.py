import hashlib

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.core.paginator import Paginator
from django.utils import dateformat, timezone
from django.utils.functional import cached_property

from zuidwest.caching.invalidation import request_generation

# As long as the fragments (zuidwest/templatetags/fragments.py): a new generation ends it.
REMEMBERED_COUNT_SECONDS = 24 * 60 * 60


class LenientPaginationMixin:
    """A page number that is not a number or out of range shows the nearest page instead of
    an error: people edit URLs, and old links outlive the data."""

    paginate_by = settings.PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("pagina"))
        return paginator, page, page.object_list, page.has_other_pages()


def count_key(request, now):
    """The key of a list's count that follows the content, the address (filters, page) and
    the clock to the minute: for a list whose results fragment has the same inputs."""
    minute = dateformat.format(timezone.localtime(now), "YmdHi")
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"count:{request_generation(request)}:{minute}:{address}"


def _fragment_cache():
    """The cache Django's {% cache %} tag keeps fragments in: "template_fragments", else
    "default"."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return caches["default"]


class RememberedCountPaginator(Paginator):
    """A paginator that keeps its count in the fragment cache under `key`, which holds every
    input of the count (count_key): a list page whose results come from the cache then costs
    no query for them at all."""

    def __init__(self, object_list, per_page, *, key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def count(self):
        remembered = _fragment_cache()
        count = remembered.get(self.key)
        if count is None:
            count = super().count
            remembered.set(self.key, count, REMEMBERED_COUNT_SECONDS)
        return count
