"""Query helpers for the agenda pages, and the schema.org description of an activity.

Every page reads stored Occurrence rows (see occurrences.py) through the index of listed
occurrences by start (Occurrence.Meta.indexes); no page expands a recurrence rule or joins
every activity, so the cost of a page grows with what it shows, hardly with what is stored.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from zuidwest.ui.links import absolute_url

from .jsonld import SCHEMA_DAYS
from .models import Activity, Occurrence
from .models.languages import schema_languages

AGENDA_PAGE_SIZE = 50
NEXT_OCCURRENCES = 8
WEEK_DAYS = 7


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day):
    """Midnight at the start of `day` in Amsterdam, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


def safe_day(day, offset):
    """day + offset days, or None past the calendar's end (year 1 or 9999)."""
    try:
        return day + timedelta(days=offset)
    except OverflowError:
        return None


def occurrences_starting(first_day, days=1, queryset=None):
    """Occurrences that start on first_day or one of the following days - 1 days."""
    queryset = queryset if queryset is not None else Occurrence.objects.for_agenda()
    return queryset.filter(
        starts_at__gte=day_start(first_day),
        starts_at__lt=day_start(first_day + timedelta(days=days)),
    )


def occurrences_today(now, queryset=None):
    """Today's occurrences, plus those of last night that are still going on now.

    An activity lasts less than a day, so those of last night started yesterday. The earliest
    of them still going on (found in the starts_at/ends_at index alone) is where the page
    starts reading, so it does not fetch every row of yesterday to throw it away."""
    queryset = queryset if queryset is not None else Occurrence.objects.for_agenda()
    today = timezone.localdate(now)
    midnight = day_start(today)
    earliest_still_going_on = queryset.filter(
        starts_at__gte=midnight - timedelta(days=1), starts_at__lt=midnight, ends_at__gt=now,
    ).order_by("starts_at").values("starts_at")[:1]
    return queryset.filter(
        starts_at__gte=Coalesce(Subquery(earliest_still_going_on),
                                Value(midnight, output_field=DateTimeField())),
        starts_at__lt=day_start(today + timedelta(days=1)),
    ).filter(Q(starts_at__gte=midnight) | Q(ends_at__gt=now))


def in_page_order(queryset, now, audience=None):
    """The order of an agenda page: with a group chosen, what is for that group before what is
    for everyone; then by day, and within a day what is still to come before what is over
    (someone looking for something to do wants what they can still go to first)."""
    over_last = Case(When(ends_at__lte=now, then=Value(1)), default=Value(0),
                      output_field=IntegerField())
    # The title from a subquery, not the join: sorted on the occurrence's own columns, the
    # page's fifty rows are picked before the join, which then reads fifty activities instead
    # of hashing all of them (20,000 at ten times the data).
    title = Subquery(Activity.objects.filter(pk=OuterRef("activity_id")).values("title")[:1],
                     output_field=CharField())
    order = [TruncDate("starts_at", tzinfo=local_zone()), over_last, "starts_at", title]
    if audience:
        order.insert(0, Case(When(activity__audience=audience, then=Value(0)), default=Value(1),
                             output_field=IntegerField()))
    return queryset.order_by(*order)


@dataclass
class AgendaSection:
    """Part of an agenda page under its own heading: for the group chosen, or for everyone."""

    heading: str
    days: list


@dataclass
class AgendaDay:
    day: date
    occurrences: list = field(default_factory=list)


def group_by_day(occurrences, days=None):
    """[AgendaDay] in date order. With `days`, every one of those days is present, also
    the days without activities, so a page can say "nothing on this day"."""
    groups = {day: AgendaDay(day) for day in (days or [])}
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.starts_at, local_zone()).date()
        groups.setdefault(day, AgendaDay(day)).occurrences.append(occurrence)
    return [groups[day] for day in sorted(groups)]


def next_occurrences(activity, now, limit=NEXT_OCCURRENCES):
    """The next dates of an activity, cancelled ones included (they are shown as such)."""
    return list(
        Occurrence.objects.filter(activity=activity, ends_at__gt=now)
        .order_by("starts_at")[:limit]
    )


# --- schema.org ---------------------------------------------------------------------------

REPEAT_FREQUENCY = {
    Activity.Recurrence.WEEKLY: "P1W",
    Activity.Recurrence.MONTHLY: "P1M",
}


def _schedule(activity):
    """A schema.org Schedule for a recurring activity, or None where Schedule cannot say it
    (a 'last weekday of the month' has no byMonthWeek value)."""
    if activity.recurrence == Activity.Recurrence.ONCE:
        return None
    if activity.recurrence == Activity.Recurrence.EVERY_N_WEEKS:
        frequency = f"P{activity.interval_weeks}W"
    else:
        frequency = REPEAT_FREQUENCY[activity.recurrence]
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": frequency,
        "byDay": SCHEMA_DAYS[activity.start_date.weekday()],
        "startDate": activity.start_date.isoformat(),
        "startTime": activity.start_time.strftime("%H:%M:%S"),
        "endTime": activity.end_time.strftime("%H:%M:%S"),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if activity.recurrence == Activity.Recurrence.MONTHLY:
        if activity.week_of_month is None or activity.week_of_month < 1:
            return None
        schedule["byMonthWeek"] = activity.week_of_month
    if activity.end_date:
        schedule["endDate"] = activity.end_date.isoformat()
    return schedule


def event_json_ld(activity, occurrence, request):
    """schema.org Event for the activity's page; startDate is the next date when known."""
    place = activity.place
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary,
        "url": absolute_url(activity.get_absolute_url()),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": activity.is_free,
        "location": {
            "@type": "Place",
            "name": place.name,
            "url": absolute_url(place.get_absolute_url()),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": f"{place.street} {place.house_number}",
                "postalCode": place.postcode,
                "addressLocality": place.city,
                "addressCountry": "NL",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(place.latitude),
                "longitude": float(place.longitude),
            },
        },
    }
    if occurrence is not None:
        data["startDate"] = timezone.localtime(occurrence.starts_at, local_zone()).isoformat()
        data["endDate"] = timezone.localtime(occurrence.ends_at, local_zone()).isoformat()
        data["eventStatus"] = (
            "https://schema.org/EventCancelled" if occurrence.is_cancelled
            else "https://schema.org/EventScheduled"
        )
    else:
        starts_at, ends_at = activity.starts_and_ends_on(activity.start_date)
        data["startDate"] = starts_at.isoformat()
        data["endDate"] = ends_at.isoformat()
        data["eventStatus"] = "https://schema.org/EventScheduled"
    # Google's recommended properties the portal has: an image (the place's photo; an
    # activity has none of its own) and the performer-free organizer below.
    if place.image:
        data["image"] = absolute_url(place.image.url)
    if activity.organiser:
        data["organizer"] = {
            "@type": "Organization",
            "name": activity.organiser.name,
            "url": absolute_url(activity.organiser.get_absolute_url()),
        }
    if not activity.is_free and activity.price:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{activity.price:.2f}",
            "priceCurrency": "EUR",
            "url": data["url"],
        }
    languages = schema_languages(activity.language_list)
    if languages:
        data["inLanguage"] = languages
    schedule = _schedule(activity)
    if schedule:
        data["eventSchedule"] = schedule
    return data
