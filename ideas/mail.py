"""The mails of ideas: to the submitter (received, every public status change, a refusal with
its reason) and to supporters (the confirmation link; status changes when they asked for
updates). Background tasks with ids only (zuidwest/tasks.py); the addresses are read when the
mail goes, so an address deleted meanwhile gets nothing. Every mail carries the link to delete
the resident's data."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from zuidwest.tasks import retried_task

from . import links
from .models import Idea, StatusChange, Support


def _send(template, context, recipients):
    subject = "".join(render_to_string(f"ideas/email/{template}_subject.txt",
                                       context).splitlines()).strip()
    body = render_to_string(f"ideas/email/{template}.txt", context)
    send_mail(subject, body, None, recipients)


def _submitter_context(idea):
    return {"idea": idea, "status_url": links.absolute(links.status_path(idea)),
            "delete_url": links.absolute(links.delete_path(idea)),
            "idea_url": links.absolute(idea.get_absolute_url()),
            "promise_days": settings.ANSWER_PROMISE_DAYS}


@retried_task
def send_received(idea_id, language):
    idea = Idea.objects.select_related("neighbourhood").filter(pk=idea_id).first()
    if idea is None or not idea.email:
        return
    with translation.override(language):
        _send("received", _submitter_context(idea), [idea.email])


@retried_task
def send_refusal(idea_id):
    idea = Idea.objects.select_related("duplicate_of").filter(pk=idea_id).first()
    if idea is None or not idea.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = _submitter_context(idea)
        if idea.duplicate_of_id and idea.duplicate_of.is_public:
            context["duplicate_url"] = links.absolute(idea.duplicate_of.get_absolute_url())
        _send("refused", context, [idea.email])


@retried_task
def send_status_change(change_id):
    """To the submitter and to each confirmed supporter who asked for updates, one mail each
    (no one sees another's address)."""
    change = StatusChange.objects.select_related("idea").filter(pk=change_id).first()
    if change is None:
        return
    idea = change.idea
    with translation.override(settings.LANGUAGE_CODE):
        if idea.email:
            _send("status_change", {**_submitter_context(idea), "change": change}, [idea.email])
        for support in idea.supports.confirmed().filter(wants_updates=True):
            _send("status_change", {
                "idea": idea, "change": change, "supporter": True,
                "idea_url": links.absolute(idea.get_absolute_url()),
                "delete_url": links.absolute(links.support_delete_path(support)),
            }, [support.email])


@retried_task
def send_support_confirmation(support_id, language):
    support = Support.objects.select_related("idea").filter(pk=support_id).first()
    if support is None or support.confirmed_at is not None:
        return
    with translation.override(language):
        _send("support_confirm", {
            "idea": support.idea,
            "confirm_url": links.absolute(links.support_confirm_path(support)),
            "delete_url": links.absolute(links.support_delete_path(support)),
        }, [support.email])
