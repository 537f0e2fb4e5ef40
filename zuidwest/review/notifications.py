"""E-mails about the review workflow: staff hear when something waits for them, partners
hear what was decided. Sent by a background task (zuidwest/tasks.py) that retries when the mail
server fails; links start with settings.SITE_URL."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from zuidwest.tasks import retried_task

from .models import Revision


def _staff_addresses():
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _partner_addresses(revision):
    """Whoever made the version, and whoever submitted earlier versions of the page."""
    users = get_user_model().objects.filter(
        pk__in=Revision.objects.filter(
            content_type=revision.content_type, object_id=revision.object_id
        ).values("created_by"),
        is_active=True,
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send(event, revision):
    """Queue the mail about `event` ("submitted", "approved", "rejected") of `revision`."""
    send_review_mail.enqueue(event, revision.pk)


@retried_task
def send_review_mail(event, revision_id):
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:  # the page was deleted meanwhile
        return
    recipients = _staff_addresses() if event == "submitted" else _partner_addresses(revision)
    if not recipients:
        return
    context = {
        "event": event,
        "revision": revision,
        "page": revision.content_object,
        "site_url": settings.SITE_URL,
    }
    # Mail goes out in Dutch, the language of the programme.
    with translation.override("nl"):
        subject = render_to_string("review/email/review_subject.txt", context).strip()
        body = render_to_string("review/email/review_body.txt", context)
    send_mail(subject, body, None, recipients)
