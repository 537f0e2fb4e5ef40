"""How versions of initiative pages are previewed (zuidwest.review.previews):
the context the public views give their templates, for the version's content."""

from funding.models import Allocation
from progress.public import initiative_indicators

from .views import progress_context


def initiative_preview_context(request, shown, page):
    cache = shown._prefetched_objects_cache
    cache["partner_organisations"] = sorted(cache.get("partner_organisations", []),
                                            key=lambda organisation: organisation.name)
    # Funding is not part of a version: the page's own allocations are shown.
    allocations = list(Allocation.objects.with_spent().filter(initiative=page)
                       .select_related("source"))
    cache["allocations"] = allocations
    return {"initiative": shown, "object": shown, **progress_context(shown, allocations),
            "indicators": initiative_indicators(page)}
