"""The two e-mails of a sign-up. The resident gets a confirmation with the link to delete the
sign-up (when they gave an e-mail address). The organisation hears that something came in,
WITHOUT any of the resident's data: mail passes through servers we do not control and stays in
mailboxes long after the retention period, so the details are only in the partner area.

Links start with settings.SITE_URL, as in zuidwest/review/notifications.py. A mail server
hiccup is logged; the sign-up itself is already saved (mail is sent after the commit)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from alliances.models import PartnerMembership

logger = logging.getLogger(__name__)


def absolute(path):
    return f"{getattr(settings, 'SITE_URL', 'http://127.0.0.1:8000').rstrip('/')}{path}"


def deletion_path(token):
    return reverse("initiatives:signup_delete", kwargs={"token": token})


def organisation_addresses(organisation):
    """The active partner accounts of the organisation that have an e-mail address."""
    if organisation is None:
        return []
    addresses = (PartnerMembership.objects
                 .filter(organisation=organisation, user__is_active=True)
                 .exclude(user__email="").values_list("user__email", flat=True))
    return sorted(set(addresses))


def _send(template, context, recipients):
    subject = "".join(render_to_string(f"signups/email/{template}_subject.txt",
                                       context).splitlines()).strip()
    body = render_to_string(f"signups/email/{template}.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        logger.exception("Could not send the sign-up mail %s", template)


def send_confirmation(signup, token, language):
    """To the resident, in the language they used the site in."""
    if not signup.email:
        return
    with translation.override(language):
        context = {
            "signup": signup,
            "target": signup.target,
            "organisation": signup.organisation,
            "delete_url": absolute(deletion_path(token)),
        }
        _send("confirmation", context, [signup.email])


def notify_organisation(signup):
    """To the organisation's partner accounts, in Dutch: only the title and a link."""
    recipients = organisation_addresses(signup.organisation)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"target": signup.target,
                   "list_url": absolute(reverse("partner:signup_list"))}
        _send("new_signup", context, recipients)
