"""How versions of place and activity pages are previewed (zuidwest.review.previews): the
context the public views give their templates, computed from the version's own rows. An
activity's dates are worked out from the version's rule, not read from the occurrences stored
for the published version, so a reviewer sees the new schedule."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative

from . import agenda
from .models import Occurrence
from .opening_hours import PlaceHours
from .views.places import ANNOUNCE_SPECIAL_HOURS_DAYS, PDOK_TILE_URL, UPCOMING_OCCURRENCES


def place_preview_context(request, shown, page):
    """What PlaceDetailView gives its template, for the partner's version. The rows come
    from the version (not the database) and are narrowed like the public view narrows them."""
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
    hours = PlaceHours(shown)
    week_end = today + timedelta(days=6)
    occurrences = list(
        Occurrence.objects.for_agenda()
        .filter(activity__place=page, ends_at__gte=now)[:UPCOMING_OCCURRENCES]
    )
    return {
        "place": shown,
        "object": shown,
        "today": today,
        "opening_status": hours.status(now),
        "hours_known": hours.known,
        "week": hours.week(today),
        "later_special_hours": [s for s in cache["special_hours"] if s.end_date > week_end],
        "occurrences": occurrences,
        "languages": [part.strip() for part in shown.languages.split(",") if part.strip()],
        "jsonld": "",
        "tile_url": PDOK_TILE_URL,
        "breadcrumbs": [(_("Plekken"), reverse("locations:place_list")), (shown.name, "")],
    }


def upcoming_dates(activity, now, limit=agenda.NEXT_OCCURRENCES):
    """The next dates of an unsaved version of an activity, worked out from its rule (the
    stored occurrences belong to the published version)."""
    today = timezone.localdate(now)
    cancelled = {c.date: c.reason for c in activity.cancellations.all()}
    upcoming = []
    last_day = today + timedelta(days=settings.OCCURRENCE_DAYS_AHEAD)
    for day in activity.dates_between(today - timedelta(days=1), last_day):
        starts_at, ends_at = activity.starts_and_ends_on(day)
        if ends_at <= now:
            continue
        upcoming.append(Occurrence(
            activity=activity, starts_at=starts_at, ends_at=ends_at,
            is_cancelled=day in cancelled, cancellation_reason=cancelled.get(day, ""),
        ))
        if len(upcoming) >= limit:
            break
    return upcoming


def activity_preview_context(request, shown, page):
    """What ActivityDetailView gives its template, for the partner's version."""
    upcoming = upcoming_dates(shown, timezone.now())
    next_held = next((o for o in upcoming if not o.is_cancelled), None)
    return {
        "activity": shown,
        "object": shown,
        "next_occurrences": upcoming,
        "next_occurrence": next_held or (upcoming[0] if upcoming else None),
        "languages": agenda.languages(shown),
        "json_ld": "",
    }
