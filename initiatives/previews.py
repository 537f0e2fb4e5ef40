"""How a version of an initiative page is previewed (zuidwest.review.previews): the context
InitiativeDetailView gives its template, for the version's content."""

from .models import Allocation


def initiative_preview_context(request, shown, page):
    cache = shown._prefetched_objects_cache
    cache["partner_organisations"] = sorted(cache.get("partner_organisations", []),
                                            key=lambda organisation: organisation.name)
    # Funding is not part of a version: the page's own allocations are shown.
    allocations = list(Allocation.objects.filter(initiative=page).select_related("source"))
    cache["allocations"] = allocations
    return {
        "initiative": shown,
        "object": shown,
        "allocated_total": sum(allocation.amount for allocation in allocations),
    }
