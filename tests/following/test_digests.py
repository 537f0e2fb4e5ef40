"""The weekly digest: what goes in it, when it goes out (Mondays, or `send_digests --force`),
that nothing is sent when nothing is new, that its queries do not grow with the followers, and
the hook other apps use to send something at once."""

import datetime
import logging
import re
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from following import kinds, services, subjects, tasks
from following.models import Follower, Subscription
from ideas.models import StatusChange
from locations.occurrences import refresh_occurrences
from tests.factories import (
    ActivityFactory,
    IdeaFactory,
    OpportunityFactory,
    PlaceFactory,
    UpdateFactory,
)
from tests.following.conftest import PUBLIC, follower
from work.forms import FinderForm, OpportunityFilterForm
from work.models import Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_week(place, initiative):
    """An activity at the place tomorrow, of the initiative."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    activity = ActivityFactory(title="Koffie-ochtend", place=place, initiative=initiative,
                               is_published=True, start_date=tomorrow, end_date=tomorrow)
    refresh_occurrences()
    return activity


def send_forced():
    call_command("send_digests", "--force", stdout=StringIO())


def test_a_digest_lists_the_coming_week_news_and_new_opportunities(
        place, hood, initiative, this_week):
    reader = follower("amina@voorbeeld.example", ("plek", place.slug), ("wijk", hood.slug),
                      ("initiatief", initiative.slug), last_digest_days_ago=7)
    UpdateFactory(initiative=initiative, title="De keuken is open",
                  published_on=timezone.localdate())
    OpportunityFactory(title="Kok in opleiding", place=place, initiative=initiative,
                       is_published=True)

    send_forced()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@voorbeeld.example"]
    for text in ("Buurtkamer De Linde", "Moerwijk", "Samen Koken", "Koffie-ochtend",
                 "De keuken is open", "Kok in opleiding"):
        assert text in message.body
        assert text in message.alternatives[0].content
    reader.refresh_from_db()
    assert reader.last_digest_at > timezone.now() - datetime.timedelta(minutes=1)


def test_nothing_is_sent_when_nothing_is_new(place):
    reader = follower("amina@voorbeeld.example", ("plek", place.slug))
    old_news_reader = follower("b@voorbeeld.example", ("wijk", place.neighbourhood.slug),
                               last_digest_days_ago=1)
    OpportunityFactory(place=place, is_published=True)  # before b's last digest
    Follower.objects.filter(pk=old_news_reader.pk).update(last_digest_at=timezone.now())

    send_forced()

    assert mail.outbox == []
    reader.refresh_from_db()
    assert reader.last_digest_at is not None  # looked at: the next one starts from here


def test_news_from_before_the_last_digest_is_not_sent_again(initiative):
    UpdateFactory(initiative=initiative, title="Oud nieuws",
                  published_on=timezone.localdate())
    follower("a@voorbeeld.example", ("initiatief", initiative.slug))
    send_forced()
    assert "Oud nieuws" in mail.outbox[0].body

    mail.outbox.clear()
    send_forced()
    assert mail.outbox == []


def test_the_daily_job_queues_digests_on_mondays_only(place, this_week):
    follower("a@voorbeeld.example", ("plek", place.slug))
    sunday = timezone.make_aware(datetime.datetime(2026, 12, 6, 4, 0))
    monday = sunday + datetime.timedelta(days=1)

    with mock.patch("django.utils.timezone.now", return_value=sunday):
        assert tasks.queue_weekly_digests.call() == 0
    assert mail.outbox == []
    with mock.patch("following.tasks.timezone.localdate", return_value=monday.date()):
        assert tasks.queue_weekly_digests.call() == 1
    assert len(mail.outbox) == 1
    # Not due again the same week, whatever runs the job.
    with mock.patch("following.tasks.timezone.localdate", return_value=monday.date()):
        assert tasks.queue_weekly_digests.call() == 0


def test_force_sends_also_to_followers_that_are_not_due(place, this_week):
    follower("a@voorbeeld.example", ("plek", place.slug), last_digest_days_ago=1)

    assert tasks.queue_digests() == 0
    send_forced()

    assert len(mail.outbox) == 1


def test_a_batch_run_again_sends_nothing_twice(place, this_week):
    reader = follower("a@voorbeeld.example", ("plek", place.slug))
    queued_at = timezone.now().isoformat()

    tasks.send_digest_batch.call([reader.pk], queued_at, True)
    tasks.send_digest_batch.call([reader.pk], queued_at, True)

    assert len(mail.outbox) == 1


def test_digests_go_out_in_batches_of_ids(place, this_week, settings):
    for number in range(5):
        follower(f"p{number}@voorbeeld.example", ("plek", place.slug))
    with mock.patch.object(tasks, "BATCH_SIZE", 2), \
         mock.patch.object(tasks, "send_digest_batch") as batch_task:
        assert tasks.queue_digests(force=True) == 5
    queued = [call.args for call in batch_task.enqueue.call_args_list]

    assert [len(args[0]) for args in queued] == [2, 2, 1]
    for ids, queued_at, force in queued:
        assert all(isinstance(ident, int) for ident in ids)
        assert "@" not in repr((ids, queued_at, force))


def test_task_arguments_results_and_logs_hold_no_address(place, this_week, caplog):
    reader = follower("geheim@voorbeeld.example", ("plek", place.slug))
    caplog.set_level(logging.DEBUG)
    result = tasks.send_digest_batch.enqueue([reader.pk], timezone.now().isoformat(), True)

    assert len(mail.outbox) == 1
    assert "geheim" not in repr(result.args) + repr(result.kwargs) + repr(result.return_value)
    assert "geheim" not in caplog.text


def test_the_digest_of_an_english_reader_is_in_english(place, this_week):
    follower("a@voorbeeld.example", ("plek", place.slug), language="en")

    send_forced()

    assert "/en/volgen/" in mail.outbox[0].body
    assert f"{PUBLIC}/en{place.get_absolute_url()}" in mail.outbox[0].body
    assert f"{PUBLIC}/en{this_week.get_absolute_url()}" in mail.outbox[0].alternatives[0][0]
    assert mail.outbox[0].subject == "New this week in Den Haag Zuidwest"


def test_a_removed_page_is_left_out_and_the_rest_still_sent(place, hood, this_week):
    follower("a@voorbeeld.example", ("plek", place.slug), ("plek", "weg"))

    send_forced()

    assert len(mail.outbox) == 1


# --- the opportunities that match the finder's answers ---------------------------------------

def test_new_opportunities_that_match_the_answers_are_sent(place):
    follower("jong@voorbeeld.example", ("kansen", "age=19&diploma=nee&wish=geld"))
    OpportunityFactory(title="Past wel", place=place, is_published=True, age_from=16,
                       age_to=23, no_diploma_needed=True, pay="betaald")
    OpportunityFactory(title="Te oud", place=place, is_published=True, age_from=30,
                       age_to=None, no_diploma_needed=True, pay="betaald")
    OpportunityFactory(title="Onbetaald", place=place, is_published=True, age_from=None,
                       age_to=None, no_diploma_needed=True, pay="onbetaald")

    send_forced()

    body = mail.outbox[0].body
    assert "Past wel" in body
    assert "Te oud" not in body and "Onbetaald" not in body


def test_the_python_match_equals_the_list_filter(place):
    """kinds.matches must choose what /werk-en-leren/ with the same answers shows."""
    for kind in ("leerwerkplek", "stage", "baan", "vrijwilligerswerk", "opleiding"):
        for age_from, age_to in ((None, None), (16, 18), (18, 27), (30, None)):
            for pay in ("betaald", "onbetaald"):
                for no_diploma in (True, False):
                    OpportunityFactory(kind=kind, age_from=age_from, age_to=age_to, pay=pay,
                                       no_diploma_needed=no_diploma, place=place,
                                       is_published=True)
    everything = list(Opportunity.objects.for_listing())
    for age in (15, 17, 19, 28, 40):
        for diploma in ("ja", "nee"):
            for wish, _label in FinderForm.base_fields["wish"].choices:
                form = FinderForm({"age": age, "diploma": diploma, "wish": wish})
                assert form.is_valid()
                filters = form.list_filters()
                listed = OpportunityFilterForm(
                    {key: value for key, value in filters.items()}).filter(
                    Opportunity.objects.for_listing())
                by_python = {o.pk for o in everything if kinds.matches(o, filters)}
                assert by_python == {o.pk for o in listed}, (age, diploma, wish)


# --- queries do not grow with the followers ---------------------------------------------------

def _queries_for_batch(ids):
    with CaptureQueriesContext(connection) as queries:
        tasks.send_digest_batch.call(ids, timezone.now().isoformat(), True)
    return len(queries)


def test_the_queries_of_a_batch_do_not_grow_with_followers_or_subjects(
        place, hood, initiative, this_week):
    other = PlaceFactory(neighbourhood=hood, is_published=True)
    idea = IdeaFactory(neighbourhood=hood)
    StatusChange.objects.create(idea=idea, status="in_progress", changed_at=timezone.now())
    subjects_ = [("plek", place.slug), ("plek", other.slug), ("wijk", hood.slug),
                 ("initiatief", initiative.slug), ("kansen", "age=19&diploma=nee&wish=geld"),
                 ("idee", idea.slug)]
    few = [follower(f"f{n}@voorbeeld.example", *subjects_).pk for n in range(2)]
    many = [follower(f"m{n}@voorbeeld.example", *subjects_).pk for n in range(20)]

    assert _queries_for_batch(many) == _queries_for_batch(few)


# --- sent at once: the hook for the ideas app ------------------------------------------------

@pytest.fixture
def idea_kind():
    """A kind like the one the ideas app registers."""
    kind = subjects.SubjectKind(
        "idee-test", "idee",
        describe=lambda keys: {key: subjects.Described(f"Idee {key}", f"/ideeen/{key}/")
                               for key in keys},
        news=lambda keys, since, now: {})
    subjects.register(kind)
    yield kind
    subjects.kinds._items.pop(kind.kind)


def test_notify_now_mails_the_followers_of_the_subject_at_once(idea_kind, place):
    follower("a@voorbeeld.example", ("idee-test", "bankjes"))
    follower("b@voorbeeld.example", ("idee-test", "ander"))
    follower("c@voorbeeld.example", ("plek", place.slug))

    sent = services.notify_now("idee-test", "bankjes", subjects.Item(
        "Antwoord", "Er komen drie bankjes", "/ideeen/bankjes/#antwoord"))

    assert sent == 1
    assert [message.to for message in mail.outbox] == [["a@voorbeeld.example"]]
    assert f"{PUBLIC}/ideeen/bankjes/#antwoord" in mail.outbox[0].body
    assert "Er komen drie bankjes" in mail.outbox[0].alternatives[0].content


def test_a_kind_cannot_be_registered_twice(idea_kind):
    from zuidwest.registry import AlreadyRegistered

    with pytest.raises(AlreadyRegistered):
        subjects.register(idea_kind)


def test_the_four_kinds_of_the_existing_apps_are_registered():
    assert {"wijk", "plek", "initiatief", "kansen"} <= {kind.kind for kind in subjects.kinds}


def test_subscriptions_of_an_unknown_kind_are_kept_but_not_sent(place, this_week):
    reader = follower("a@voorbeeld.example", ("plek", place.slug))
    Subscription.objects.create(follower=reader, kind="verdwenen", key="iets")

    send_forced()

    assert len(mail.outbox) == 1
    assert re.search(r"Buurtkamer De Linde", mail.outbox[0].body)


def test_a_busy_place_sends_at_most_ten_dates_of_its_week(place):
    """The limit per subject is in the query (a window per subject), not only in Python."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for number in range(kinds.ITEMS_PER_SECTION + 5):
        ActivityFactory(title=f"Bezig {number:02d}", place=place, is_published=True,
                        start_date=tomorrow, end_date=tomorrow)
    quiet = PlaceFactory(neighbourhood=place.neighbourhood, is_published=True)
    ActivityFactory(title="Rustig", place=quiet, is_published=True, start_date=tomorrow,
                    end_date=tomorrow)
    refresh_occurrences()

    news = kinds.place_news([place.slug, quiet.slug], timezone.now(), timezone.now())

    assert len(news[place.slug]) == kinds.ITEMS_PER_SECTION
    assert [item.title for item in news[quiet.slug]] == ["Rustig"]
