"""Background tasks of initiatives (zuidwest/tasks.py; queued daily by enqueue_daily_tasks).

Closing of expired opportunities needs no job: an opportunity past its closing date leaves the
lists by date (OpportunityQuerySet.open) and its page says it is closed. What must happen after
it closes is the retention of its sign-ups: they are deleted 30 days after the closing date
(Signup.delete_after), by delete_expired_signups.
"""

from zuidwest.tasks import retried_task

from .models import Signup


@retried_task
def delete_expired_signups():
    """Delete the sign-ups kept past their last day; returns how many."""
    deleted, _rows = Signup.objects.expired().delete()
    return deleted
