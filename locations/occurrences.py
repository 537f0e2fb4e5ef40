"""Stored occurrences for a rolling window, so the agenda never expands rules per request."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zuidwest import caching

from .models import Activity, Occurrence


def window(today=None):
    """The first and last day the Occurrence table holds, around `today` (default: today):
    settings.OCCURRENCE_DAYS_BEHIND back and OCCURRENCE_DAYS_AHEAD ahead. Every page, feed and
    command that needs the stored range asks here."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.OCCURRENCE_DAYS_BEHIND), today + timedelta(
        days=settings.OCCURRENCE_DAYS_AHEAD
    )


def expand(activity, first_day, last_day):
    """The activity's occurrences from first_day to last_day, worked out from its rule and its
    cancelled dates (unsaved Occurrence objects). Used to store them, and to preview a version
    of an activity whose dates are not stored."""
    cancelled = {c.date: c.reason for c in activity.cancellations.all()}
    for day in activity.dates_between(first_day, last_day):
        starts_at, ends_at = activity.starts_and_ends_on(day)
        yield Occurrence(
            activity=activity, place_id=activity.place_id, starts_at=starts_at, ends_at=ends_at,
            is_cancelled=day in cancelled, cancellation_reason=cancelled.get(day, ""),
        )


@transaction.atomic
def refresh_occurrences(activities=None, today=None):
    """Rebuild the stored occurrences of `activities` (all when None) within the window.
    Returns the number of occurrences now stored for them."""
    first_day, last_day = window(today)
    if activities is None:
        activities = Activity.objects.all()
    activities = list(activities.select_related("place").prefetch_related("cancellations")
                      if hasattr(activities, "prefetch_related") else activities)
    ids = [activity.pk for activity in activities]
    Occurrence.objects.filter(activity_id__in=ids).delete()
    rows = []
    for activity in activities:
        listed = activity.is_listed
        for occurrence in expand(activity, first_day, last_day):
            occurrence.is_listed = listed
            rows.append(occurrence)
    Occurrence.objects.bulk_create(rows, batch_size=1000)
    caching.content_changed()  # bulk_create sends no signals
    return len(rows)
