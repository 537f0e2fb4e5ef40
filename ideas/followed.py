"""An idea as a subject residents follow by e-mail (following.public): the kind "idee", what
its weekly digest says (public status changes and the published answer), the status changes of
a neighbourhood's ideas in that neighbourhood's digest, and the notice that goes out at once
when an idea gets a new public status or answer.

Only published ideas (approved, past 'ontvangen') can be followed or appear in a digest or a
notice. The notices go through the task queue with ids only; following queues its mails with
follower ids and the idea's public title and path."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from following.public import Described, Item, SubjectKind, add_news, notify_now, register
from zuidwest.tasks import retried_task

from .models import Answer, Idea, Status, StatusChange

KIND = "idee"
NEIGHBOURHOOD_KIND = "wijk"
# At most this many items per subject in one digest; the idea's page has the rest.
ITEMS_PER_SUBJECT = 10

NEW_STEP = _("Nieuwe stap")
ANSWER = _("Antwoord")
NEIGHBOURHOOD_IDEAS = _("Ideeën en vragen uit de wijk")


def _path(slug, anchor):
    return f"{reverse('ideas:idea_detail', kwargs={'slug': slug})}#{anchor}"


def _step_title(status):
    return format_lazy(_("Nieuwe status: {status}"), status=Status(status).label)


def _answer_title():
    return _("Het antwoord staat op de site")


def clean_key(raw):
    """The slug of a published idea, or None."""
    return raw if Idea.objects.published().filter(slug=raw).exists() else None


def describe(keys):
    return {idea.slug: Described(idea.title, idea.get_absolute_url())
            for idea in Idea.objects.published().filter(slug__in=list(keys))}


def _steps(since, now, **keys):
    """The public status changes of published ideas in (since, now], newest first."""
    return (StatusChange.objects.filter(idea__in=Idea.objects.published(), changed_at__gt=since,
                                        changed_at__lte=now, **keys)
            .exclude(status=Status.RECEIVED).order_by("-changed_at", "-pk"))


class _Found(dict):
    def add(self, key, item):
        items = self.setdefault(key, [])
        if len(items) < ITEMS_PER_SUBJECT:
            items.append(item)


def idea_news(keys, since, now):
    """Per followed idea: its new public steps and its answer when published since."""
    keys = list(keys)
    found = _Found()
    for slug, status, changed_at, pk in _steps(since, now, idea__slug__in=keys).values_list(
            "idea__slug", "status", "changed_at", "pk"):
        found.add(slug, Item(NEW_STEP, _step_title(status), _path(slug, f"stap-{pk}"),
                             when=timezone.localdate(changed_at), changed_at=changed_at))
    answers = (Answer.objects.filter(is_published=True, idea__in=Idea.objects.published(),
                                     idea__slug__in=keys, updated_at__gt=since,
                                     updated_at__lte=now)
               .values_list("idea__slug", "updated_at"))
    for slug, updated_at in answers:
        found.add(slug, Item(ANSWER, _answer_title(), _path(slug, "antwoord-kop"),
                             when=timezone.localdate(updated_at), changed_at=updated_at))
    return found


def neighbourhood_news(keys, since, now):
    """Per followed neighbourhood: the new public steps of its ideas."""
    found = _Found()
    rows = _steps(since, now, idea__neighbourhood__slug__in=list(keys)).values_list(
        "idea__neighbourhood__slug", "idea__slug", "idea__title", "status", "changed_at", "pk")
    for hood, slug, title, status, changed_at, pk in rows:
        found.add(hood, Item(
            NEIGHBOURHOOD_IDEAS,
            format_lazy("{title}: {status}", title=title, status=Status(status).label),
            _path(slug, f"stap-{pk}"), when=timezone.localdate(changed_at),
            changed_at=changed_at))
    return found


IDEA = SubjectKind(KIND, _("idee"), describe, idea_news, clean_key=clean_key)


def register_with_following():
    """IdeasConfig.ready(): make ideas followable and add them to the neighbourhoods' news."""
    register(IDEA)
    add_news(NEIGHBOURHOOD_KIND, neighbourhood_news)


# --- at once: a new public step or a published answer ------------------------------------------

def _notify(idea, item):
    if not idea.is_public:
        return 0
    return notify_now(KIND, idea.slug, item)


@retried_task
def notify_status_change(change_id):
    """The followers of the idea hear of its new public status. Returns how many."""
    change = StatusChange.objects.select_related("idea").filter(pk=change_id).first()
    if change is None or change.status == Status.RECEIVED:
        return 0
    with translation.override(settings.LANGUAGE_CODE):  # a path without a language prefix
        return _notify(change.idea, Item(
            NEW_STEP, str(_step_title(change.status)),
            _path(change.idea.slug, f"stap-{change.pk}")))


@retried_task
def notify_answer(answer_id):
    """The followers of the idea hear that its answer is on the site. Returns how many."""
    answer = Answer.objects.select_related("idea").filter(pk=answer_id,
                                                           is_published=True).first()
    if answer is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return _notify(answer.idea, Item(ANSWER, str(_answer_title()),
                                         _path(answer.idea.slug, "antwoord-kop")))
