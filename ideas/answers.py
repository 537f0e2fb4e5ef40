"""The answer to an idea as a reviewed page (zuidwest.review): a partner of the assigned
member of the Alliantieraad writes it in the partner area (partner.py), staff publish it in the
review queue. Publishing it makes the idea 'beantwoord' on its timeline, with the mails."""

from functools import partial

from zuidwest.review import ReviewSpec

from .models import Answer, Status


def answer_preview_context(request, shown, stored):
    """The idea's public page with the answer as the version has it."""
    from .views import detail_context

    return detail_context(stored.idea, answer=shown)


ANSWER_SPEC = ReviewSpec(
    model=Answer,
    fields=("text",),
    owner_field="organisation",
    public_template="ideas/idea_detail.html",
    preview_context=answer_preview_context,
)


def remember_published_text(sender, instance, raw=False, **kwargs):
    """pre_save of an answer: what the site showed before, to tell a new answer from a save
    that changed nothing public."""
    if raw or instance.pk is None:
        instance._text_shown_before = None
        return
    before = sender.objects.filter(pk=instance.pk, is_published=True).values_list(
        "text", flat=True).first()
    instance._text_shown_before = before


def answer_published(sender, instance, raw=False, **kwargs):
    """post_save of an answer: the first time staff publish one, the idea is answered. Each
    time a new text goes on the site, the idea's followers hear of it at once."""
    from django.db import transaction

    from .followed import notify_answer
    from .services import change_status

    if raw or not instance.is_published:
        return
    if getattr(instance, "_text_shown_before", None) == instance.text:
        return  # saved again with the same public text: nothing new
    idea = instance.idea
    if idea.status in (Status.RECEIVED, Status.IN_PROGRESS):
        # The followers get the answer's notice below, not a second one for the status.
        change_status(idea, Status.ANSWERED, notify_followers=False)
    transaction.on_commit(partial(notify_answer.enqueue, instance.pk))
