"""Background work (docs/operations/background-work.md): Django's tasks framework with bounded
retries, and the registry of daily jobs.

django-tasks-db runs each queued task once; a task that raises stays failed. `retried_task`
adds retries: a failed try queues the next one (with its number in the `attempt` keyword) after
TASK_RETRY_SECONDS * 4**(n-1), up to TASK_MAX_ATTEMPTS tries in all. A try that queued another
ends with RetryScheduled, so the admin tells "tried again" from "failed for good". A task that
did part of its work (mailed most of a batch) raises PartlyDone with the arguments of what is
left, and the retry gets only those: nobody gets the same mail twice.

Tasks take ids and other JSON values (they are stored as JSON) and are idempotent: a task that
runs twice, or finds its record gone, does no harm. They never take personal data or secrets:
the queue's table keeps arguments and errors for weeks and staff read it in the admin. For the
same reason a mail server's error, which names the addresses it refused, is stored and logged
without them (MailNotSent).
"""

import functools
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.tasks import Task, task
from django.utils import timezone

from zuidwest.registry import Registry

logger = logging.getLogger(__name__)


class RetryScheduled(Exception):
    """This try failed and the next one is queued (the cause is chained)."""


class PartlyDone(Exception):
    """Part of the task's work is done; the retry gets `remaining` as its arguments."""

    def __init__(self, message, *remaining):
        if not remaining:
            raise TypeError("PartlyDone needs the arguments of what is left.")
        super().__init__(message)
        self.remaining = remaining


class MailNotSent(Exception):
    """A mail server refused a mail; the kind of error and its SMTP code, without addresses."""


def _without_addresses(error):
    """smtplib's errors carry the addresses (SMTPRecipientsRefused: {address: reply}) and the
    server's reply, which usually repeats the address: keep only the kind and the code."""
    if not isinstance(error, smtplib.SMTPException):
        return error
    codes = sorted({str(code) for code, _reply in getattr(error, "recipients", {}).values()})
    if getattr(error, "smtp_code", None):
        codes.append(str(error.smtp_code))
    return MailNotSent(f"{type(error).__name__} (SMTP {', '.join(codes) or 'no code'})")


def retry_delay(attempt):
    return timedelta(seconds=settings.TASK_RETRY_SECONDS * 4 ** (attempt - 1))


def retried_task(function=None, **task_options):
    """Like django.tasks.task, with retries. Use as @retried_task or @retried_task(priority=…)."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt=1, **kwargs):
            try:
                try:
                    return function(*args, **kwargs)
                except smtplib.SMTPException as error:
                    raise _without_addresses(error) from None
            except Exception as error:
                if attempt >= settings.TASK_MAX_ATTEMPTS:
                    raise
                retry = the_task
                # The immediate backend (development, tests) cannot wait: it tries again at once.
                if retry.get_backend().supports_defer:
                    retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
                logger.warning("Task %s failed (try %s); trying again", the_task.name, attempt)
                left = error.remaining if isinstance(error, PartlyDone) else args
                retry.enqueue(*left, attempt=attempt + 1, **kwargs)
                raise RetryScheduled(
                    f"Try {attempt} of {settings.TASK_MAX_ATTEMPTS} failed; try {attempt + 1} "
                    "is queued."
                ) from error

        the_task = task(**task_options)(run)
        return the_task

    return decorate(function) if function is not None else decorate


# The jobs `manage.py enqueue_daily_tasks` queues once a day (deploy/systemd, deploy/crontab).
# Apps register theirs in AppConfig.ready().
daily_tasks: Registry[str, Task] = Registry("daily tasks", lambda job: job.module_path)


def register_daily(job: Task) -> Task:
    return daily_tasks.register(job)


def enqueue_daily_tasks():
    """Queue every daily job; returns their task results."""
    return [job.enqueue() for job in sorted(daily_tasks, key=lambda job: job.module_path)]
