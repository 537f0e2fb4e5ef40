"""iCalendar (RFC 5545) feeds of activities, made with the icalendar package.

Each activity becomes one VEVENT that carries its own recurrence: an RRULE made from the
activity's rule, EXDATEs for cancelled dates, and DTSTART in Europe/Amsterdam with a VTIMEZONE,
so calendar apps keep 19:00 at 19:00 across daylight-saving changes. The UID depends only on
the activity, so the same activity in the activity, place and agenda feeds is one event in the
app, and a refreshed feed updates it instead of adding a copy. One date on its own carries the
series' UID with a RECURRENCE-ID: added beside a subscription, it is that date, not a second one.

The VTIMEZONE gives the zone's daylight-saving rule as yearly RRULEs, so it covers every date
of a series that never ends (RFC 5545 3.6.5), not only the years a list of transitions spells
out.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from zuidwest.ui.links import absolute_url
from zuidwest.ui.money import format_euros

from .models import Activity
from .occurrences import window

PRODID = "-//Regio Deal Zuidwest//Agenda 1.0//NL"
UID_DOMAIN = "zuidwest-portal"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Europe/Amsterdam since 1996 (the EU rule): summer time from the last Sunday of March at
# 02:00 to the last Sunday of October at 03:00 local time. tests/locations/test_calendars.py
# checks these rules against the tz database, year by year.
ZONE_RULES = {
    "Europe/Amsterdam": [
        # (component, name, offset from, offset to, first onset, yearly rule)
        (TimezoneDaylight, "CEST", timedelta(hours=1), timedelta(hours=2),
         datetime(1996, 3, 31, 2, 0), {"freq": "YEARLY", "bymonth": 3, "byday": "-1SU"}),
        (TimezoneStandard, "CET", timedelta(hours=2), timedelta(hours=1),
         datetime(1996, 10, 27, 3, 0), {"freq": "YEARLY", "bymonth": 10, "byday": "-1SU"}),
    ],
}


def activity_uid(activity):
    return f"activity-{activity.pk}@{UID_DOMAIN}"


def calendar_activities(queryset=None, today=None):
    """Activities worth putting in a feed: not finished before the stored window."""
    today = today or timezone.localdate()
    first_day, _last_day = window(today)
    queryset = queryset if queryset is not None else Activity.objects.all()
    return (
        queryset.filter(
            Q(recurrence=Activity.Recurrence.ONCE, start_date__gte=first_day)
            | (~Q(recurrence=Activity.Recurrence.ONCE)
               & (Q(end_date__isnull=True) | Q(end_date__gte=first_day)))
        )
        .select_related("place", "organiser")
        .prefetch_related("cancellations")
        .order_by("start_date", "pk")
    )


def _recurrence(activity):
    """The RRULE for a recurring activity (None for a one-off)."""
    if activity.recurrence == Activity.Recurrence.ONCE:
        return None
    rule = {"freq": "WEEKLY"}
    if activity.recurrence == Activity.Recurrence.EVERY_N_WEEKS and activity.interval_weeks > 1:
        rule["interval"] = activity.interval_weeks
    if activity.recurrence == Activity.Recurrence.MONTHLY:
        weekday = WEEKDAY_CODES[activity.start_date.weekday()]
        rule = {"freq": "MONTHLY", "byday": f"{activity.week_of_month}{weekday}"}
    if activity.end_date:
        # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC; the last day counts.
        last_start, _end = activity.starts_and_ends_on(activity.end_date)
        rule["until"] = last_start.astimezone(UTC)
    return vRecur(rule)


def _description(activity, url, upcoming_cancellations):
    lines = [activity.summary]
    if activity.description:
        lines += ["", activity.description]
    lines.append("")
    if activity.organiser:
        lines.append(_("Organisatie: %(name)s") % {"name": activity.organiser.name})
    if activity.is_free:
        lines.append(_("Gratis"))
    elif activity.price:
        lines.append(_("Prijs: %(price)s") % {"price": format_euros(activity.price, 2)})
    if activity.registration_required:
        lines.append(_("Aanmelden nodig: %(how)s") % {"how": activity.registration_info})
    for cancellation in upcoming_cancellations:
        text = _("Vervalt op %(date)s") % {"date": date_format(cancellation.date, "l j F")}
        if cancellation.reason:
            text = f"{text}: {cancellation.reason}"
        lines.append(text)
    lines += ["", _("Meer informatie: %(url)s") % {"url": url}]
    return "\n".join(lines)


def activity_event(activity, request, stamp, today):
    """One VEVENT for an activity, or None when its rule yields no date at all."""
    first = next(iter(activity.rule()), None)
    if first is None:
        return None
    first_day = first.date()
    starts_at, ends_at = activity.starts_and_ends_on(first_day)
    url = absolute_url(activity.get_absolute_url())
    cancellations = list(activity.cancellations.all())
    is_once = activity.recurrence == Activity.Recurrence.ONCE
    once_cancelled = is_once and any(c.date == first_day for c in cancellations)

    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", stamp)
    event.add("last-modified", activity.updated_at.astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    summary = activity.title
    if once_cancelled:
        summary = _("Vervalt: %(title)s") % {"title": activity.title}
    event.add("summary", summary)
    event.add("location", f"{activity.place.name}, {activity.place.address}")
    event.add("geo", (float(activity.place.latitude), float(activity.place.longitude)))
    event.add("url", url)
    upcoming = [c for c in cancellations if c.date >= today]
    event.add("description", _description(activity, url, [] if is_once else upcoming))
    event.add("status", "CANCELLED" if once_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    recurrence = _recurrence(activity)
    if recurrence is not None:
        event.add("rrule", recurrence)
        rule = activity.rule()
        excluded = []
        for cancellation in cancellations:
            moment = datetime.combine(cancellation.date, datetime.min.time())
            if rule.between(moment, moment, inc=True):
                excluded.append(activity.starts_and_ends_on(cancellation.date)[0])
        if excluded:
            event.add("exdate", excluded)
    return event


def date_event(activity, day, stamp):
    """One date of an activity: for a series, that instance of it (the series' UID and a
    RECURRENCE-ID), so a calendar that also subscribes to the series holds the date once."""
    starts_at, ends_at = activity.starts_and_ends_on(day)
    url = absolute_url(activity.get_absolute_url())
    event = Event()
    event.add("uid", activity_uid(activity))
    if activity.recurrence != Activity.Recurrence.ONCE:
        event.add("recurrence-id", starts_at)
    event.add("dtstamp", stamp)
    event.add("last-modified", activity.updated_at.astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", activity.title)
    event.add("location", f"{activity.place.name}, {activity.place.address}")
    event.add("geo", (float(activity.place.latitude), float(activity.place.longitude)))
    event.add("url", url)
    event.add("description", _description(activity, url, []))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_date_calendar(activity, day):
    """The iCalendar text of one date of `activity`."""
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    return _calendar(activity.title, [date_event(activity, day, stamp)], day)


def build_calendar(name, activities, request, today=None):
    """The iCalendar text (bytes, CRLF line ends, folded at 75 octets) for `activities`."""
    today = today or timezone.localdate()
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    events = []
    for activity in activities:
        event = activity_event(activity, request, stamp, today)
        if event is not None:
            events.append(event)
    return _calendar(name, events, today)


def _calendar(name, events, today):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", timedelta(hours=12))
    # Always one VTIMEZONE, so even an empty feed has the component RFC 5545 asks for.
    calendar.add_component(zone_component(settings.TIME_ZONE, events, today))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def zone_component(tzid, events, today):
    """The VTIMEZONE of `tzid`: with yearly rules where the zone's are known here (they cover
    every date), else the transitions of the tz database from the first event to 30 years on."""
    if tzid in ZONE_RULES:
        zone = Timezone()
        zone.add("tzid", tzid)
        for component, name, offset_from, offset_to, onset, rule in ZONE_RULES[tzid]:
            part = component()
            part.add("tzname", name)
            part.add("tzoffsetfrom", offset_from)
            part.add("tzoffsetto", offset_to)
            part.add("dtstart", onset)
            part.add("rrule", vRecur(rule))
            zone.add_component(part)
        return zone
    first_date = min((event.decoded("dtstart").date() for event in events), default=today)
    return Timezone.from_tzid(tzid, first_date=first_date - timedelta(days=1),
                              last_date=date(today.year + 30, 12, 31))


def calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
