"""Background work (docs/operations/background-work.md): what is queued, with what; the daily
jobs; the bounded retries; failed tasks in the admin; the database worker.

Tests run tasks at once (the immediate backend). Where the queue itself matters, a test
switches to Django's dummy backend (which only records what was queued) or to django-tasks-db
with its worker command, as production runs it.
"""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.tasks import task_backends
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliances.accounts import invitations
from alliances.models import Invitation, PartnerRole
from locations.models import Occurrence
from signups.models import Signup
from signups.services import sign_up
from signups.targets import opportunity_target
from signups.tasks import delete_expired_signups
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    OpportunityFactory,
    PartnerUserFactory,
    SignupFactory,
    StaffUserFactory,
)
from tests.zuidwest import image_samples
from zuidwest import review
from zuidwest.images.processing import reencode, rendition_urls
from zuidwest.review.notifications import send_review_mail
from zuidwest.tasks import enqueue_daily_tasks, retry_delay

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RETRY_SCHEDULED = "zuidwest.tasks.RetryScheduled"


class FlakyMailServer(EmailBackend):
    """The test mailbox behind a mail server that refuses the first `failures` connections."""

    failures = 0
    tries = 0

    def send_messages(self, messages):
        FlakyMailServer.tries += 1
        if FlakyMailServer.tries <= FlakyMailServer.failures:
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FlakyMailServer"}}
    FlakyMailServer.tries = FlakyMailServer.failures = 0
    return FlakyMailServer


@pytest.fixture
def queued(settings):
    """What is queued, not run: Django's dummy backend records each task result."""
    settings.TASKS = DUMMY
    return task_backends["default"].results


def calls(results):
    return [(result.task.module_path, result.args, result.kwargs) for result in results]


def submitted_revision(partner):
    initiative = InitiativeFactory(title="Buurtkamer")
    draft = review.save_draft(initiative, review.working_data(initiative), user=partner,
                              token=review.version_token(initiative))
    review.submit(draft, user=partner)
    return draft


# --- what is queued -------------------------------------------------------------------------


def test_the_daily_command_queues_each_daily_job(queued):
    call_command("enqueue_daily_tasks", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert calls(queued) == [
        ("following.tasks.delete_expired_requests", [], {}),
        ("following.tasks.queue_weekly_digests", [], {}),
        ("ideas.retention.delete_expired_idea_data", [], {}),
        ("locations.tasks.refresh_occurrences", [], {}),
        ("signups.tasks.delete_expired_signups", [], {}),
        ("zuidwest.images.cleanup.delete_unused_photos_task", [], {}),
    ]


def test_a_review_mail_is_queued_with_the_revision_id(queued, django_capture_on_commit_callbacks):
    StaffUserFactory(email="staf@zuidwest.example")
    with django_capture_on_commit_callbacks(execute=True):
        draft = submitted_revision(PartnerUserFactory())

    assert calls(queued) == [
        ("zuidwest.review.notifications.send_review_mail", ["submitted", draft.pk], {})]
    assert mail.outbox == []  # nothing is sent in the request


def test_the_sign_up_mails_are_queued_with_the_sign_up_id(
        queued, django_capture_on_commit_callbacks):
    opportunity = OpportunityFactory(is_published=True, accepts_signups=True)
    with django_capture_on_commit_callbacks(execute=True):
        signup, token = sign_up(opportunity_target(opportunity), name="Samira", phone="",
                                email="samira@zuidwest.example", message="")

    assert calls(queued) == [
        ("signups.mail.send_confirmation", [signup.pk, "nl"], {}),
        ("signups.mail.notify_organisation", [signup.pk], {}),
    ]


def test_an_invitation_mail_is_queued_with_the_invitation_id_only(queued, organisation):
    invitation = invitations.invite(inviter=StaffUserFactory(), organisation=organisation,
                                    email="nieuw@zuidwest.example", role=PartnerRole.EDITOR)

    assert calls(queued) == [
        ("alliances.accounts.invitations.send_invitation", [invitation.pk], {})]


def test_a_password_reset_mail_is_queued_with_the_account_id_only(queued, client):
    user = PartnerUserFactory(email="fatima@zuidwest.example")
    client.post(reverse("accounts:password_reset"), {"email": "fatima@zuidwest.example"})

    assert calls(queued) == [
        ("alliances.accounts.password_reset.send_password_reset", [user.pk, "nl"], {})]


def test_saving_a_photo_queues_its_renditions(queued, media_root):
    initiative = InitiativeFactory(cover_image=reencode(image_samples.jpeg((700, 350))),
                                   cover_image_alt="Foto")

    assert calls(queued) == [("zuidwest.images.signals.make_renditions_task",
                              ["initiatives.initiative", initiative.pk, "cover_image"], {})]
    assert rendition_urls(initiative.cover_image) == []  # not made in the request


# --- what the tasks do ----------------------------------------------------------------------


def test_the_invitation_task_stores_only_the_hash_of_the_token_it_mails(organisation):
    invitation = invitations.invite(inviter=StaffUserFactory(), organisation=organisation,
                                    email="nieuw@zuidwest.example", role=PartnerRole.EDITOR)
    [message] = mail.outbox
    token = message.body.split("/partner/uitnodiging/")[1].split("/")[0]

    assert Invitation.objects.get(pk=invitation.pk).token_hash == invitations.hash_token(token)
    assert invitations.find_invitation(token) == invitation


def test_the_daily_jobs_move_the_agenda_on_and_delete_expired_sign_ups(media_root):
    # media_root: the photo clean-up runs too, on a folder of the test's own.
    today = timezone.localdate()
    ActivityFactory(is_published=True)
    expired = SignupFactory(delete_after=today - datetime.timedelta(days=1))
    kept = SignupFactory(delete_after=today)
    Occurrence.objects.all().delete()

    results = {result.task.name: result for result in enqueue_daily_tasks()}

    assert results["refresh_occurrences"].return_value == Occurrence.objects.count() > 0
    assert results["delete_expired_signups"].return_value == 1
    assert list(Signup.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Signup.objects.filter(pk=expired.pk).exists()


def test_a_task_for_a_record_that_is_gone_does_nothing(mail_server):
    result = send_review_mail.enqueue("submitted", 999_999)

    assert result.status == "SUCCESSFUL"
    assert mail.outbox == [] and mail_server.tries == 0


# --- retries --------------------------------------------------------------------------------


def test_the_waits_between_tries_grow_from_one_minute_to_an_hour(settings):
    settings.TASK_RETRY_SECONDS = 60
    assert [retry_delay(attempt).total_seconds() / 60 for attempt in (1, 2, 3, 4)] == [
        1, 4, 16, 64]


def test_the_immediate_backend_tries_a_failing_mail_a_bounded_number_of_times(
        mail_server, django_capture_on_commit_callbacks):
    mail_server.failures = 100
    StaffUserFactory(email="staf@zuidwest.example")
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(PartnerUserFactory())  # the request does not fail

    assert mail_server.tries == django_settings.TASK_MAX_ATTEMPTS == 5
    assert mail.outbox == []


@pytest.fixture
def database_queue(settings, mail_server):
    """django-tasks-db, retrying at once, and a staff member to be mailed."""
    settings.TASKS = DATABASE
    settings.TASK_RETRY_SECONDS = 0
    StaffUserFactory(email="staf@zuidwest.example")
    return mail_server


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def review_mail_results():
    return list(DBTaskResult.objects.filter(
        task_path="zuidwest.review.notifications.send_review_mail").order_by("enqueued_at"))


def attempt_of(result):
    return result.args_kwargs["kwargs"].get("attempt", 1)


@pytest.mark.django_db(transaction=True)
def test_a_mail_that_fails_once_is_sent_by_the_next_try(database_queue):
    database_queue.failures = 1
    draft = submitted_revision(PartnerUserFactory())
    assert [result.status for result in review_mail_results()] == ["READY"]

    run_worker()

    results = review_mail_results()
    assert [(attempt_of(r), r.status, r.exception_class_path) for r in results] == [
        (1, "FAILED", RETRY_SCHEDULED), (2, "SUCCESSFUL", "")]
    assert [r.args_kwargs["args"] for r in results] == [["submitted", draft.pk]] * 2
    assert [message.to for message in mail.outbox] == [["staf@zuidwest.example"]]


@pytest.mark.django_db(transaction=True)
def test_a_mail_that_keeps_failing_is_tried_five_times_and_then_shows_as_failed(
        database_queue, client):
    database_queue.failures = 100
    submitted_revision(PartnerUserFactory())

    run_worker()

    results = review_mail_results()
    assert [(attempt_of(r), r.status) for r in results] == [
        (n, "FAILED") for n in (1, 2, 3, 4, 5)]
    assert [r.exception_class_path for r in results] == [RETRY_SCHEDULED] * 4 + [
        "builtins.ConnectionRefusedError"]
    assert "the mail server is down" in results[0].traceback  # the cause of each retry
    assert database_queue.tries == 5 and mail.outbox == []

    # Staff see it in the admin: on the dashboard and in the list of failed tasks.
    client.force_login(StaffUserFactory())
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Mislukte achtergrondtaken" in dashboard
    assert "1 achtergrondtaak is mislukt" in dashboard
    failed = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                        {"uitkomst": "mislukt"})
    assert failed.status_code == 200
    assert failed.context["cl"].result_count == 1
    assert list(failed.context["cl"].result_list) == [results[-1]]
    retried = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                         {"uitkomst": "opnieuw"})
    assert retried.context["cl"].result_count == 4
    detail = client.get(reverse("admin:django_tasks_database_dbtaskresult_change",
                                args=[results[-1].pk])).content.decode()
    assert "ConnectionRefusedError" in detail
    # in Dutch, like the rest of the admin
    assert "Achtergrondtaken" in dashboard
    for label in ("In de wachtrij gezet op:", "Niet eerder dan:", "Foutmelding:"):
        assert label in detail
    assert "<title>zuidwest.review.notifications.send_review_mail | Taak " in detail
    assert "mislukt na de laatste poging" in failed.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_retry_waits_its_turn(database_queue, settings):
    database_queue.failures = 100
    settings.TASK_RETRY_SECONDS = 60
    submitted_revision(PartnerUserFactory())
    before = timezone.now()

    run_worker()

    first, second = review_mail_results()
    assert (first.status, second.status) == ("FAILED", "READY")
    assert before + datetime.timedelta(seconds=59) < second.run_after
    assert second.run_after < timezone.now() + datetime.timedelta(seconds=61)
    assert database_queue.tries == 1


# --- the worker as production runs it --------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="The worker process is tested on PostgreSQL (DATABASE_URL=postgres://…)")
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_processes_a_queued_task_on_postgresql(settings):
    settings.TASKS = DATABASE
    expired = SignupFactory(delete_after=timezone.localdate() - datetime.timedelta(days=1))
    result = delete_expired_signups.enqueue()
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"

    database = connection.settings_dict
    address = (f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
               f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}")
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
         "--no-reload"],
        cwd=django_settings.BASE_DIR, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DATABASE_URL": address, "DJANGO_TASK_BACKEND": "database"},
    )

    assert worker.returncode == 0, worker.stderr
    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.status, stored.return_value) == ("SUCCESSFUL", 1)
    assert not Signup.objects.filter(pk=expired.pk).exists()


# --- no personal data in the queue ----------------------------------------------------------


class RecipientRefusingMailServer(EmailBackend):
    """A mail server that refuses every recipient, as smtplib reports it: with the addresses."""

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused(
            {address: (550, f"5.1.1 <{address}>: Recipient address rejected".encode())
             for message in messages for address in message.to})


@pytest.mark.django_db(transaction=True)
def test_a_refused_mail_leaves_no_address_or_deletion_link_in_the_queue_or_the_log(
        settings, caplog, django_capture_on_commit_callbacks):
    import logging

    from signups.services import delete_by_token

    settings.TASKS = DATABASE
    settings.TASK_RETRY_SECONDS = 0
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RecipientRefusingMailServer"}}
    opportunity = OpportunityFactory(is_published=True, accepts_signups=True)
    address = "greta.voorbeeld@zuidwest.example"
    signup, token = sign_up(opportunity_target(opportunity), name="Greta", phone="",
                            email=address, message="")

    with caplog.at_level(logging.DEBUG):
        run_worker()

    confirmations = DBTaskResult.objects.filter(
        task_path="signups.mail.send_confirmation")
    assert confirmations.count() == django_settings.TASK_MAX_ATTEMPTS
    assert confirmations.filter(status="FAILED").count() == django_settings.TASK_MAX_ATTEMPTS
    for result in DBTaskResult.objects.all():
        stored = " ".join(str(value) for value in (
            result.args_kwargs, result.return_value, result.exception_class_path,
            result.traceback))
        assert address not in stored and "greta" not in stored.lower()
        assert token not in stored
    assert "SMTPRecipientsRefused" in confirmations.last().traceback  # what went wrong
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    assert address not in logged and token not in logged

    # Deleting the sign-up deletes what the queue kept about it.
    assert delete_by_token(token)
    assert not DBTaskResult.objects.filter(
        task_path__startswith="signups.mail.").exists()
