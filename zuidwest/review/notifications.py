"""E-mails about the review workflow: staff hear when something waits for them, partners
hear what was decided."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Revision

logger = logging.getLogger(__name__)


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
    recipients = _staff_addresses() if event == "submitted" else _partner_addresses(revision)
    if not recipients:
        return
    context = {
        "event": event,
        "revision": revision,
        "page": revision.content_object,
        "site_url": getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
    }
    # Mail goes out in Dutch, the language of the programme.
    with translation.override("nl"):
        subject = render_to_string("review/email/review_subject.txt", context).strip()
        body = render_to_string("review/email/review_body.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        # A mail server hiccup must not undo a decision that is already committed.
        logger.exception("Could not send the review mail for revision %s", revision.pk)
