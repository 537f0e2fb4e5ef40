"""The health check of the task queue (django-tasks-db): tasks that should have run by now but
still wait mean no worker is taking them (zuidwest-worker.service stopped or stuck).

Not critical (health.py): pages keep working while tasks wait, so the load balancer keeps the
app server; the status "degraded" and the operations team's monitoring tell it."""

from datetime import timedelta

from django.db.models import Min, Q
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from zuidwest import health

# A task due longer ago than this has not been picked up by any worker.
STUCK_AFTER = timedelta(minutes=10)


@health.register_check("task_queue", critical=False)
def task_queue():
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return {"queue": "none: tasks run at once"}
    now = timezone.now()
    waiting = DBTaskResult.objects.ready()
    # run_after is "the end of time" for a task without a delay: then it is due since enqueued.
    due_since = waiting.aggregate(
        oldest=Min("enqueued_at", filter=Q(run_after=get_date_max())),
        oldest_delayed=Min("run_after", filter=~Q(run_after=get_date_max())),
    )
    oldest = min((moment for moment in due_since.values() if moment), default=None)
    if oldest is not None and now - oldest > STUCK_AFTER:
        raise health.CheckFailed("tasks have waited more than 10 minutes: is a worker running?")
    return {"waiting": waiting.count()}
