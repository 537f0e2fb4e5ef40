"""Background tasks of the agenda (zuidwest/tasks.py; queued daily by enqueue_daily_tasks)."""

from zuidwest.tasks import retried_task

from . import occurrences


@retried_task
def refresh_occurrences():
    """Move the agenda's rolling window on by a day; returns how many dates are stored."""
    return occurrences.refresh_occurrences()
