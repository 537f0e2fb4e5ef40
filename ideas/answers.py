"""The answer to an idea as a reviewed page (zuidwest.review): a partner of the assigned
member of the Alliantieraad writes it in the partner area (partner.py), staff publish it in the
review queue. Publishing it makes the idea 'beantwoord' on its timeline, with the mails."""

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


def answer_published(sender, instance, raw=False, **kwargs):
    """post_save of an answer: the first time staff publish one, the idea is answered."""
    from .services import change_status

    if raw or not instance.is_published:
        return
    idea = instance.idea
    if idea.status in (Status.RECEIVED, Status.IN_PROGRESS):
        change_status(idea, Status.ANSWERED)
