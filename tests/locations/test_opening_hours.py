"""When a place is open: weekly hours, closures, special hours, past midnight and summer time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from locations.opening_hours import PlaceHours, open_place_ids
from tests.factories import OpeningHoursFactory, PlaceFactory, SpecialHoursFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
MONDAY, TUESDAY, FRIDAY, SUNDAY = 0, 1, 4, 6


def at(year, month, day, hour=0, minute=0, fold=0):
    """A wall-clock moment in Den Haag."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM, fold=fold)


def time(text):
    return datetime.time.fromisoformat(text)


def real_duration(interval):
    # Subtracting two datetimes in the same zone gives the wall-clock difference.
    return interval.closes.astimezone(UTC) - interval.opens.astimezone(UTC)


def place_with(*hours):
    place = PlaceFactory()
    for weekday, opens, closes in hours:
        OpeningHoursFactory(place=place, weekday=weekday, opens=time(opens), closes=time(closes))
    return place


def test_an_open_place_says_until_when_it_is_open():
    place = place_with((MONDAY, "09:00", "17:00"))
    status = PlaceHours(place).status(at(2026, 3, 2, 10))  # a Monday
    assert status.is_open
    assert status.text == "Nu open, tot 17:00"


def test_a_closed_place_says_on_which_day_and_at_what_time_it_opens():
    place = place_with((TUESDAY, "09:30", "12:00"))
    status = PlaceHours(place).status(at(2026, 3, 1, 15))  # a Sunday
    assert not status.is_open
    assert status.text == "Gesloten, opent dinsdag om 09:30"


def test_a_place_that_opens_later_today_or_tomorrow_says_so():
    place = place_with((MONDAY, "13:00", "17:00"), (TUESDAY, "09:30", "12:00"))
    assert PlaceHours(place).status(at(2026, 3, 2, 9)).text == "Gesloten, opent vandaag om 13:00"
    assert PlaceHours(place).status(at(2026, 3, 2, 18)).text == "Gesloten, opent morgen om 09:30"


def test_a_place_without_hours_says_they_are_unknown():
    status = PlaceHours(PlaceFactory()).status(at(2026, 3, 2, 10))
    assert not status.is_open
    assert status.text == "Openingstijden onbekend"


def test_the_week_starts_with_today_and_has_seven_days():
    place = place_with((MONDAY, "09:00", "17:00"))
    wednesday = datetime.date(2026, 3, 4)
    week = PlaceHours(place).week(wednesday)
    assert [schedule.day for schedule in week] == [
        wednesday + datetime.timedelta(days=offset) for offset in range(7)
    ]
    assert [schedule.is_closed for schedule in week] == [True] * 5 + [False, True]


def test_a_day_can_have_several_intervals_in_time_order():
    place = place_with((MONDAY, "13:00", "17:00"), (MONDAY, "09:00", "12:00"))
    schedule = PlaceHours(place).day(datetime.date(2026, 3, 2))
    assert [(i.opens.hour, i.closes.hour) for i in schedule.intervals] == [(9, 12), (13, 17)]


def test_back_to_back_intervals_count_as_one_opening():
    place = place_with((MONDAY, "09:00", "12:00"), (MONDAY, "12:00", "17:00"))
    assert PlaceHours(place).status(at(2026, 3, 2, 10)).text == "Nu open, tot 17:00"


def test_a_closure_overrides_the_weekly_hours_and_gives_its_reason():
    place = place_with((SUNDAY, "10:00", "16:00"))
    SpecialHoursFactory(place=place, start_date=datetime.date(2026, 12, 27),
                        reason="Dag na Tweede Kerstdag")
    hours = PlaceHours(place)
    schedule = hours.day(datetime.date(2026, 12, 27))
    assert schedule.is_closed
    assert schedule.special.reason == "Dag na Tweede Kerstdag"
    status = hours.status(at(2026, 12, 27, 11))
    assert not status.is_open
    assert status.text == "Gesloten, opent zondag 3 januari om 10:00"


def test_special_hours_replace_the_weekly_hours_on_their_days():
    place = place_with((MONDAY, "09:00", "17:00"))
    SpecialHoursFactory(place=place, start_date=datetime.date(2026, 12, 28), is_closed=False,
                        opens=time("13:00"), closes=time("15:00"), reason="Kerstvakantie")
    hours = PlaceHours(place)
    assert not hours.status(at(2026, 12, 28, 10)).is_open
    assert hours.status(at(2026, 12, 28, 14)).text == "Nu open, tot 15:00"
    assert hours.status(at(2027, 1, 4, 10)).is_open  # the next Monday is normal again


def test_a_late_evening_stays_open_after_midnight():
    place = place_with((FRIDAY, "20:00", "02:00"))
    saturday_night = at(2026, 3, 7, 1)
    status = PlaceHours(place).status(saturday_night)
    assert status.is_open
    assert status.text == "Nu open, tot 02:00"
    assert place.pk in open_place_ids(saturday_night)
    assert place.pk not in open_place_ids(at(2026, 3, 7, 2, 30))


def test_hours_on_the_night_summer_time_starts_keep_their_wall_clock_times():
    # On Sunday 29 March 2026 the clocks go from 02:00 to 03:00.
    place = place_with((SUNDAY, "01:00", "04:00"))
    hours = PlaceHours(place)
    before_change = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 winter time
    after_change = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 summer time
    after_closing = datetime.datetime(2026, 3, 29, 2, 30, tzinfo=UTC)  # 04:30 summer time
    assert hours.status(before_change).text == "Nu open, tot 04:00"
    assert hours.status(after_change).text == "Nu open, tot 04:00"
    assert not hours.status(after_closing).is_open
    schedule = hours.day(datetime.date(2026, 3, 29))
    interval = schedule.intervals[0]
    assert (interval.opens.hour, interval.closes.hour) == (1, 4)
    assert real_duration(interval) == datetime.timedelta(hours=2)  # an hour less
    assert place.pk in open_place_ids(after_change)
    assert place.pk not in open_place_ids(after_closing)


def test_hours_on_the_night_summer_time_ends_keep_their_wall_clock_times():
    # On Sunday 25 October 2026 the clocks go from 03:00 back to 02:00.
    place = place_with((SUNDAY, "01:00", "04:00"))
    hours = PlaceHours(place)
    late = datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)  # 03:30 winter time
    after_closing = datetime.datetime(2026, 10, 25, 3, 30, tzinfo=UTC)  # 04:30 winter time
    assert hours.status(late).text == "Nu open, tot 04:00"
    assert not hours.status(after_closing).is_open
    interval = hours.day(datetime.date(2026, 10, 25)).intervals[0]
    assert real_duration(interval) == datetime.timedelta(hours=4)  # an hour more


def test_in_the_repeated_hour_the_real_moment_counts_not_the_clock_reading():
    # Open until 02:30 summer time; at the second 02:15 (winter time) it has been closed for
    # three quarters of an hour, although the clock shows an earlier time.
    place = place_with((SUNDAY, "01:00", "02:30"))
    hours = PlaceHours(place)
    assert hours.status(at(2026, 10, 25, 2, 15, fold=0)).is_open
    assert not hours.status(at(2026, 10, 25, 2, 15, fold=1)).is_open
    assert place.pk not in open_place_ids(at(2026, 10, 25, 2, 15, fold=1))


def test_weekly_hours_only_count_within_their_validity_period():
    place = PlaceFactory()
    OpeningHoursFactory(place=place, weekday=MONDAY, opens=time("09:00"), closes=time("12:00"),
                        valid_until=datetime.date(2026, 3, 31))
    OpeningHoursFactory(place=place, weekday=MONDAY, opens=time("13:00"), closes=time("17:00"),
                        valid_from=datetime.date(2026, 4, 1))
    hours = PlaceHours(place)
    assert hours.status(at(2026, 3, 30, 10)).is_open
    assert not hours.status(at(2026, 3, 30, 14)).is_open
    assert not hours.status(at(2026, 4, 6, 10)).is_open
    assert hours.status(at(2026, 4, 6, 14)).text == "Nu open, tot 17:00"


def test_open_place_ids_agrees_with_the_status_of_each_place():
    open_place = place_with((MONDAY, "09:00", "17:00"))
    closed_place = place_with((TUESDAY, "09:00", "17:00"))
    closed_today = place_with((MONDAY, "09:00", "17:00"))
    SpecialHoursFactory(place=closed_today, start_date=datetime.date(2026, 3, 2))
    now = at(2026, 3, 2, 10)
    assert open_place_ids(now) == {open_place.pk}
    for place in (open_place, closed_place, closed_today):
        assert PlaceHours(place).status(now).is_open == (place.pk in open_place_ids(now))
