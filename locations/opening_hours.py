"""When is a place open? Weekly hours, overridden by special hours and closures on given
dates. All times are wall-clock times in Europe/Amsterdam, so daylight-saving changes need no
special care; hours that close at or before they open run past midnight."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import OpeningHours, SpecialHours


@dataclass(frozen=True)
class Interval:
    opens: datetime
    closes: datetime

    def contains(self, moment):
        return self.opens <= _as_utc(moment) < self.closes


@dataclass(frozen=True)
class DaySchedule:
    day: date
    intervals: tuple
    special: object = None  # the SpecialHours that decide this day, if any

    @property
    def is_closed(self):
        return not self.intervals


def _local_date(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _as_utc(moment):
    # Aware datetimes that share a tzinfo object are compared by wall-clock time, which is
    # wrong in the hour that repeats when summer time ends; in UTC the comparison is exact.
    return moment.astimezone(UTC)


def _interval(day, opens, closes):
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, opens, tzinfo=zone)
    end_day = day + timedelta(days=1) if closes <= opens else day
    return Interval(start, datetime.combine(end_day, closes, tzinfo=zone))


def day_schedule(day, regular_hours, special_hours):
    """The opening intervals starting on `day`, from already-fetched rows."""
    specials = [special for special in special_hours if special.applies_on(day)]
    if specials:
        if any(special.is_closed for special in specials):
            closing = next(special for special in specials if special.is_closed)
            return DaySchedule(day, (), closing)
        intervals = sorted((_interval(day, s.opens, s.closes) for s in specials),
                           key=lambda interval: interval.opens)
        return DaySchedule(day, tuple(intervals), specials[0])
    intervals = sorted(
        (_interval(day, h.opens, h.closes) for h in regular_hours if h.applies_on(day)),
        key=lambda interval: interval.opens,
    )
    return DaySchedule(day, tuple(intervals))


class PlaceHours:
    """Opening hours of one place, from prefetched `opening_hours` and `special_hours`."""

    def __init__(self, place):
        self.regular = list(place.opening_hours.all())
        self.special = list(place.special_hours.all())

    @property
    def known(self):
        return bool(self.regular or self.special)

    def day(self, day):
        return day_schedule(day, self.regular, self.special)

    def week(self, today=None):
        """Seven days starting with today."""
        today = today or timezone.localdate()
        return [self.day(today + timedelta(days=offset)) for offset in range(7)]

    def current_interval(self, now):
        today = _local_date(now)
        current = None
        for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
            for interval in self.day(day).intervals:
                if current is None and interval.contains(now):
                    current = interval
                elif current is not None and interval.opens <= current.closes < interval.closes:
                    # Back-to-back hours (09:00-12:00 and 12:00-17:00): open until 17:00.
                    current = Interval(current.opens, interval.closes)
        return current

    def next_opening(self, now, days=14):
        today = _local_date(now)
        now = _as_utc(now)
        for offset in range(days + 1):
            for interval in self.day(today + timedelta(days=offset)).intervals:
                if interval.opens > now:
                    return interval
        return None

    def status(self, now=None):
        """A short sentence: 'Nu open, tot 17:00' or 'Gesloten, opent dinsdag om 09:30'."""
        now = now or timezone.now()
        current = self.current_interval(now)
        if current:
            return OpeningStatus(True, _("Nu open, tot %(time)s") % {
                "time": time_format(timezone.localtime(current.closes), "H:i")})
        if not self.known:
            return OpeningStatus(False, _("Openingstijden onbekend"))
        upcoming = self.next_opening(now)
        if upcoming is None:
            return OpeningStatus(False, _("Gesloten"))
        return OpeningStatus(False, _("Gesloten, opent %(when)s om %(time)s") % {
            "when": relative_day(upcoming.opens.date(), _local_date(now)),
            "time": time_format(timezone.localtime(upcoming.opens), "H:i"),
        })


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    text: str


@dataclass(frozen=True)
class NextOpening:
    """The place that opens first, and when: for pages where nothing is open now
    (locations/_next_opening.html: 'Morgen om 09:00 gaat Buurtkamer De Boog open.')."""

    place: object
    opens: datetime
    today: date

    @property
    def day(self):
        return capfirst(relative_day(_local_date(self.opens), self.today))

    @property
    def time(self):
        return time_format(timezone.localtime(self.opens), "H:i")


def first_to_open(places, now):
    """The NextOpening of the place that opens first after `now` (within two weeks), or None.
    The places' opening hours must be prefetched (locations.views.places.places_with_hours).
    Of a queryset only the places with hours rows that may apply from today on are fetched:
    the others cannot open, and there may be hundreds of them."""
    if isinstance(places, QuerySet):
        today = _local_date(now)
        places = places.filter(
            Exists(OpeningHours.objects.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=today), place=OuterRef("pk")))
            | Exists(SpecialHours.objects.filter(end_date__gte=today, place=OuterRef("pk"))))
    first = None
    for place in places:
        upcoming = PlaceHours(place).next_opening(now)
        if upcoming and (first is None or _as_utc(upcoming.opens) < _as_utc(first.opens)):
            first = NextOpening(place, upcoming.opens, _local_date(now))
    return first


def relative_day(day, today):
    if day == today:
        return _("vandaag")
    if day == today + timedelta(days=1):
        return _("morgen")
    if day < today + timedelta(days=7):
        return date_format(day, "l")
    return date_format(day, "l j F")


def open_place_ids(now=None):
    """Ids of the places open at `now`, reading only the rows for today and yesterday."""
    now = now or timezone.now()
    today = _local_date(now)
    yesterday = today - timedelta(days=1)
    regular = defaultdict(list)
    published = {"place__is_published": True}
    for hours in OpeningHours.objects.filter(
        weekday__in=[today.weekday(), yesterday.weekday()], **published
    ):
        regular[hours.place_id].append(hours)
    special = defaultdict(list)
    for hours in SpecialHours.objects.filter(
        Q(start_date__lte=today) & Q(end_date__gte=yesterday), **published
    ):
        special[hours.place_id].append(hours)
    open_ids = set()
    for place_id in set(regular) | set(special):
        for day in (yesterday, today):
            schedule = day_schedule(day, regular[place_id], special[place_id])
            if any(interval.contains(now) for interval in schedule.intervals):
                open_ids.add(place_id)
    return open_ids
