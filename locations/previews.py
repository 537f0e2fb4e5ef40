"""How versions of place and activity pages are previewed (zuidwest.review.previews): the
context the public views give their templates, built by the same functions from the version's
own rows. An activity's dates are worked out from the version's rule, not read from the
occurrences stored for the published version, so a reviewer sees the new schedule."""

from datetime import timedelta

from django.utils import timezone

from initiatives.models import Initiative

from . import agenda
from .occurrences import expand, window
from .views.agenda import activity_page_context
from .views.places import ANNOUNCE_SPECIAL_HOURS_DAYS, place_page_context


def place_preview_context(request, shown, page):
    """The version's hours narrowed as PlaceDetailView's prefetch narrows the stored ones."""
    now = timezone.now()
    today = timezone.localdate(now)
    yesterday = today - timedelta(days=1)
    cache = shown._prefetched_objects_cache
    cache["opening_hours"] = [
        hours for hours in cache.get("opening_hours", [])
        if hours.valid_until is None or hours.valid_until >= yesterday
    ]
    cache["special_hours"] = [
        special for special in cache.get("special_hours", [])
        if special.end_date >= yesterday
        and special.start_date <= today + timedelta(days=ANNOUNCE_SPECIAL_HOURS_DAYS)
    ]
    cache["initiatives"] = list(Initiative.objects.published().filter(places=page))
    return {"place": shown, "object": shown, **place_page_context(request, shown, now)}


def upcoming_dates(activity, now, limit=agenda.NEXT_OCCURRENCES):
    """The next dates of an unsaved version of an activity, as agenda.next_occurrences gives
    them for a stored one."""
    today = timezone.localdate(now)
    upcoming = []
    for occurrence in expand(activity, today - timedelta(days=1), window(today)[1]):
        if occurrence.ends_at > now:
            upcoming.append(occurrence)
            if len(upcoming) >= limit:
                break
    return upcoming


def activity_preview_context(request, shown, page):
    upcoming = upcoming_dates(shown, timezone.now())
    return {"activity": shown, "object": shown,
            **activity_page_context(request, shown, upcoming)}
