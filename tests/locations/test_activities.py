"""The recurrence rules of activities and the occurrences stored from them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from locations.models import Activity, Occurrence
from locations.occurrences import refresh_occurrences
from tests.factories import ActivityCancellationFactory, ActivityFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = datetime.date

pytestmark = pytest.mark.django_db


def local_starts(activity):
    return [
        occurrence.starts_at.astimezone(AMSTERDAM)
        for occurrence in Occurrence.objects.filter(activity=activity).order_by("starts_at")
    ]


def test_a_weekly_activity_happens_on_the_same_weekday_every_week():
    activity = ActivityFactory(recurrence="weekly", start_date=D(2026, 1, 5))

    dates = activity.dates_between(D(2026, 1, 1), D(2026, 1, 31))

    assert dates == [D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 26)]


def test_an_activity_every_two_weeks_skips_every_other_week():
    activity = ActivityFactory(recurrence="every_n_weeks", interval_weeks=2,
                               start_date=D(2026, 1, 5))

    dates = activity.dates_between(D(2026, 1, 1), D(2026, 2, 28))

    assert dates == [D(2026, 1, 5), D(2026, 1, 19), D(2026, 2, 2), D(2026, 2, 16)]


def test_a_weekly_rule_with_a_larger_interval_is_ignored_unless_every_n_weeks_is_chosen():
    activity = ActivityFactory(recurrence="weekly", interval_weeks=3, start_date=D(2026, 1, 5))

    assert activity.dates_between(D(2026, 1, 5), D(2026, 1, 19)) == [
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19)]


def test_a_monthly_activity_on_the_first_saturday_finds_the_first_saturday_of_each_month():
    activity = ActivityFactory(recurrence="monthly", week_of_month=1,
                               start_date=D(2026, 1, 3))  # a Saturday

    dates = activity.dates_between(D(2026, 1, 1), D(2026, 4, 30))

    assert dates == [D(2026, 1, 3), D(2026, 2, 7), D(2026, 3, 7), D(2026, 4, 4)]
    assert all(day.weekday() == 5 and day.day <= 7 for day in dates)


def test_a_monthly_activity_on_the_last_friday_finds_the_last_friday_of_each_month():
    activity = ActivityFactory(recurrence="monthly", week_of_month=-1,
                               start_date=D(2026, 1, 30))  # a Friday

    dates = activity.dates_between(D(2026, 1, 1), D(2026, 5, 31))

    assert dates == [D(2026, 1, 30), D(2026, 2, 27), D(2026, 3, 27), D(2026, 4, 24),
                     D(2026, 5, 29)]


def test_a_monthly_activity_starting_mid_month_begins_at_the_next_matching_day():
    activity = ActivityFactory(recurrence="monthly", week_of_month=1,
                               start_date=D(2026, 1, 10))  # the second Saturday

    assert activity.dates_between(D(2026, 1, 1), D(2026, 2, 28)) == [D(2026, 2, 7)]


def test_the_end_date_is_the_last_day_the_activity_happens():
    activity = ActivityFactory(recurrence="weekly", start_date=D(2026, 1, 5),
                               end_date=D(2026, 1, 19))

    assert activity.dates_between(D(2026, 1, 1), D(2026, 3, 1)) == [
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19)]


def test_a_one_off_activity_happens_once_even_with_a_later_end_date():
    activity = ActivityFactory(recurrence="once", start_date=D(2026, 2, 14),
                               end_date=D(2026, 3, 1))

    assert activity.dates_between(D(2026, 1, 1), D(2026, 12, 31)) == [D(2026, 2, 14)]


def test_a_cancelled_date_is_stored_as_cancelled_with_its_reason(settings):
    settings.OCCURRENCE_DAYS_BEHIND = 7
    settings.OCCURRENCE_DAYS_AHEAD = 180
    activity = ActivityFactory(recurrence="weekly", start_date=D(2026, 1, 5))
    ActivityCancellationFactory(activity=activity, date=D(2026, 1, 12), reason="Ziekte")

    refresh_occurrences(Activity.objects.filter(pk=activity.pk), today=D(2026, 1, 10))

    cancelled = Occurrence.objects.get(activity=activity, is_cancelled=True)
    assert cancelled.starts_at.astimezone(AMSTERDAM).date() == D(2026, 1, 12)
    assert cancelled.cancellation_reason == "Ziekte"
    # The other Mondays up to 180 days ahead (5 January to 6 July: 27) stay as they are.
    assert Occurrence.objects.filter(activity=activity, is_cancelled=False).count() == 26


def test_an_activity_ending_after_midnight_ends_on_the_next_day():
    activity = ActivityFactory(start_time=datetime.time(22, 0), end_time=datetime.time(1, 0))

    starts_at, ends_at = activity.starts_and_ends_on(D(2026, 1, 9))

    assert ends_at.date() == D(2026, 1, 10)
    assert ends_at - starts_at == datetime.timedelta(hours=3)
    assert activity.duration == datetime.timedelta(hours=3)


@pytest.mark.parametrize(("saturday", "sunday", "utc_hours"), [
    (D(2026, 3, 28), D(2026, 3, 29), (18, 17)),  # summer time starts on Sunday 29 March
    (D(2026, 10, 24), D(2026, 10, 25), (17, 18)),  # and ends on Sunday 25 October
])
def test_a_weekly_activity_keeps_its_wall_clock_time_across_a_daylight_saving_change(
    saturday, sunday, utc_hours
):
    on_saturday = ActivityFactory(recurrence="weekly", start_date=saturday - datetime.timedelta(7),
                                  start_time=datetime.time(19, 0), end_time=datetime.time(21, 0))
    on_sunday = ActivityFactory(recurrence="weekly", start_date=sunday - datetime.timedelta(7),
                                start_time=datetime.time(19, 0), end_time=datetime.time(21, 0))

    refresh_occurrences(Activity.objects.filter(pk__in=[on_saturday.pk, on_sunday.pk]),
                        today=saturday)

    for activity in (on_saturday, on_sunday):
        starts = local_starts(activity)
        assert {moment.time() for moment in starts} == {datetime.time(19, 0)}
    before, after = (
        Occurrence.objects.get(activity=on_saturday,
                               starts_at__date=saturday - datetime.timedelta(7)),
        Occurrence.objects.get(activity=on_saturday,
                               starts_at__date=saturday + datetime.timedelta(7)),
    )
    assert before.starts_at.astimezone(datetime.UTC).hour == utc_hours[0]
    assert after.starts_at.astimezone(datetime.UTC).hour == utc_hours[1]
    sunday_occurrence = Occurrence.objects.get(activity=on_sunday, starts_at__date=sunday)
    assert sunday_occurrence.ends_at - sunday_occurrence.starts_at == datetime.timedelta(hours=2)


def test_occurrences_are_stored_only_for_the_rolling_window(settings):
    settings.OCCURRENCE_DAYS_BEHIND = 7
    settings.OCCURRENCE_DAYS_AHEAD = 28
    activity = ActivityFactory(recurrence="weekly", start_date=D(2025, 1, 6))

    refresh_occurrences(Activity.objects.filter(pk=activity.pk), today=D(2026, 1, 7))

    starts = [moment.date() for moment in local_starts(activity)]
    # Every Monday from 7 days back (31 December) to 28 days ahead (4 February), no other.
    assert starts == [D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 26),
                      D(2026, 2, 2)]


def test_saving_an_activity_refreshes_its_occurrences_after_commit(
    django_capture_on_commit_callbacks, settings,
):
    settings.OCCURRENCE_DAYS_AHEAD = 180
    with django_capture_on_commit_callbacks(execute=True):
        activity = ActivityFactory(recurrence="weekly", start_date=datetime.date.today())

    # Weekly from today to 180 days ahead: today and 25 more weeks.
    assert Occurrence.objects.filter(activity=activity).count() == 26

    with django_capture_on_commit_callbacks(execute=True):
        ActivityCancellationFactory(activity=activity, date=activity.start_date, reason="Storm")

    assert Occurrence.objects.get(
        activity=activity, is_cancelled=True).cancellation_reason == "Storm"


def test_a_monthly_activity_without_a_week_gets_a_clear_message():
    activity = ActivityFactory.build(recurrence="monthly", week_of_month=None)

    with pytest.raises(ValidationError) as error:
        activity.clean()

    assert "week_of_month" in error.value.message_dict


def test_a_paid_activity_without_a_price_gets_a_clear_message():
    activity = ActivityFactory.build(is_free=False, price=None)

    with pytest.raises(ValidationError) as error:
        activity.clean()

    assert "price" in error.value.message_dict
