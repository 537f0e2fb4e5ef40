"""The two e-mails of a sign-up. The resident gets a confirmation with the link to delete the
sign-up (when they gave an e-mail address). The organisation hears that something came in,
WITHOUT any of the resident's data: mail passes through servers we do not control and stays in
mailboxes long after the retention period, so the details are only in the partner area.

Links start with settings.SITE_URL, as in zuidwest/review/notifications.py. Both mails are
background tasks, queued after the sign-up commits; a mail server hiccup is retried
(zuidwest/tasks.py). The tasks carry the sign-up's id only: the confirmation task makes the
deletion token again from the sign-up (deletion_token_for), and a failed mail's error names no
address (zuidwest/tasks.py). What the queue kept about a sign-up goes when the sign-up goes
(forget_tasks_of)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from alliances.models import PartnerMembership
from zuidwest.tasks import retried_task

from .models import Signup, deletion_token_for

# The tasks that take a sign-up's id as their first argument.
SIGNUP_TASK_PATHS = ("signups.mail.send_confirmation", "signups.mail.notify_organisation")


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def deletion_path(token):
    return reverse("signups:delete", kwargs={"token": token})


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
    send_mail(subject, body, None, recipients)


def _signup(signup_id):
    """The sign-up, or None when the resident deleted it before the mail went out."""
    return (Signup.objects.select_related("organisation", "opportunity", "activity")
            .filter(pk=signup_id).first())


@retried_task
def send_confirmation(signup_id, language):
    """To the resident, in the language they used the site in."""
    signup = _signup(signup_id)
    if signup is None or not signup.email:
        return
    with translation.override(language):
        context = {
            "signup": signup,
            "target": signup.target,
            "organisation": signup.organisation,
            "delete_url": absolute(deletion_path(deletion_token_for(signup))),
        }
        _send("confirmation", context, [signup.email])


@retried_task
def notify_organisation(signup_id):
    """To the organisation's partner accounts, in Dutch: only the title and a link."""
    signup = _signup(signup_id)
    if signup is None:
        return
    recipients = organisation_addresses(signup.organisation)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"target": signup.target,
                   "list_url": absolute(reverse("partner:signup_list"))}
        _send("new_signup", context, recipients)


def forget_tasks_of(sender, instance, **kwargs):
    """post_delete of a sign-up: the queue's records of its mails go too, also failed ones,
    which staff would otherwise see for weeks after the resident deleted the sign-up."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path__in=SIGNUP_TASK_PATHS,
                                args_kwargs__args__0=instance.pk).delete()
