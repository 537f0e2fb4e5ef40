"""The retention rule of the privacy page: the e-mail addresses of an idea (the submitter's and
its supporters') are deleted three months after the idea is closed (uitgevoerd, niet haalbaar,
or refused by moderation); a refused idea goes altogether, since it was never public. A support
nobody confirmed goes after a week. The number of supporters stays on the idea."""

from django.utils import timezone

from zuidwest.tasks import retried_task

from .models import RETENTION, UNCONFIRMED_SUPPORT_RETENTION, Idea, Moderation, Support


def delete_expired(now=None):
    """Returns the number of ideas and supports whose data went."""
    now = now or timezone.now()
    expired = Idea.objects.filter(closed_at__lt=now - RETENTION)
    refused, _rows = expired.filter(moderation=Moderation.REFUSED).delete()
    supports, _rows = Support.objects.filter(idea__in=expired).delete()
    unconfirmed, _rows = Support.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_SUPPORT_RETENTION).delete()
    addresses = expired.exclude(email="").update(email="")
    return refused + supports + unconfirmed + addresses


@retried_task
def delete_expired_idea_data():
    return delete_expired()
