"""Background work of following (zuidwest/tasks.py): the mails, in batches, and the daily
clean-up. Tasks take ids and public values only, never an address; their results are counts.

The daily job `queue_weekly_digests` queues the digests on Mondays (Europe/Amsterdam);
`manage.py send_digests --force` queues them now. A digest batch is safe to run again: it
skips followers whose digest went out after the batch was queued (`queued_at`), so a retry
after a temporary refusal sends only what was not sent."""

import logging
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from zuidwest.tasks import retried_task

from . import mail, services, subjects
from .digests import build_digests
from .models import Follower, FollowRequest, Subscription

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MONDAY = 0


def batches(ids, size=None):
    ids, size = list(ids), size or BATCH_SIZE
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def queue_digests(*, force=False, now=None):
    """Queue the digests of every follower that is due (with force: every follower) in
    batches; returns the number of followers queued."""
    now = now or timezone.now()
    followers = Follower.objects.filter(subscriptions__isnull=False).distinct()
    if not force:
        followers = followers.due_for_digest(now)
    ids = list(followers.order_by("pk").values_list("pk", flat=True))
    for batch in batches(ids):
        send_digest_batch.enqueue(batch, now.isoformat(), force)
    logger.info("Following: queued digests for %d followers in %d batches.",
                len(ids), len(batches(ids)))
    return len(ids)


@retried_task
def queue_weekly_digests():
    """The daily job's part: on Mondays, queue the week's digests. Returns how many."""
    if timezone.localdate().weekday() != MONDAY:
        return 0
    return queue_digests()


@retried_task
def send_digest_batch(follower_ids, queued_at, force=False):
    now = timezone.now()
    queued = datetime.fromisoformat(queued_at)
    followers = Follower.objects.filter(pk__in=follower_ids).exclude(last_digest_at__gte=queued)
    if not force:
        followers = followers.due_for_digest(queued)
    followers = followers.order_by("pk").prefetch_related(
        Prefetch("subscriptions", queryset=Subscription.objects.order_by("pk")))
    with translation.override(settings.LANGUAGE_CODE):  # paths without a language prefix
        digests = build_digests(followers, now)
    messages = [
        (digest.follower.pk, mail.build_digest(
            digest.follower, mail.render_blocks(digest.blocks, digest.follower.language)))
        for digest in digests if not digest.is_empty
    ]
    outcome = mail.deliver(messages)
    nothing_new = [digest.follower.pk for digest in digests if digest.is_empty]
    Follower.objects.filter(pk__in=outcome.sent + nothing_new).update(last_digest_at=now)
    removed = services.remove_refused(outcome.refused)
    counts = {"sent": len(outcome.sent), "nothing_new": len(nothing_new), "removed": removed,
              "deferred": len(outcome.deferred)}
    logger.info("Following: digest batch %s", counts)
    if outcome.deferred:
        raise mail.TemporaryFailure(f"{len(outcome.deferred)} digests refused for now.",
                                    outcome.deferred, queued_at, force)
    return counts


def _describe(kind, key):
    with translation.override(settings.LANGUAGE_CODE):  # a path without a language prefix
        return subjects.describe(kind, key)


@retried_task
def send_confirmation(request_id):
    """The double opt-in mail: a link to a page with a button."""
    request = FollowRequest.objects.filter(pk=request_id).first()
    if request is None:
        return 0
    described = _describe(request.kind, request.key)
    if described is None:
        request.delete()
        return 0
    confirm_url = mail.absolute(reverse("following:confirm", kwargs={"token": request.token}))
    message = mail.build("confirm", {"subject": described, "confirm_url": confirm_url},
                         request.email, token=request.token, language=request.language)
    outcome = mail.deliver([(request.pk, message)])
    if outcome.refused:
        request.delete()
    if outcome.deferred:
        raise mail.TemporaryFailure("The confirmation was refused for now.", request_id)
    return len(outcome.sent)


@retried_task
def send_already_following(follower_id, kind, key):
    """To an address that asked to follow while it already follows: one mail that says so,
    with a link to add the subject on its management page."""
    follower = Follower.objects.filter(pk=follower_id).first()
    described = _describe(kind, key)
    if follower is None or described is None:
        return 0
    manage = mail.manage_url(follower.token)
    context = {
        "subject": described, "manage_url": manage,
        "follows_it": follower.subscriptions.filter(kind=kind, key=key).exists(),
        "add_url": f"{manage}?{urlencode({'volg': f'{kind}:{key}'})}",
    }
    message = mail.build("already_following", context, follower.email, token=follower.token,
                         language=follower.language)
    outcome = mail.deliver([(follower.pk, message)])
    services.remove_refused(outcome.refused)
    if outcome.deferred:
        raise mail.TemporaryFailure("The mail was refused for now.", follower_id, kind, key)
    return len(outcome.sent)


@retried_task
def send_notice(follower_ids, kind, key, title, path):
    """Something about a followed subject that goes out at once (services.notify_now)."""
    described = _describe(kind, key)
    if described is None:
        return 0
    followers = Follower.objects.filter(pk__in=follower_ids, subscriptions__kind=kind,
                                        subscriptions__key=key).order_by("pk")
    messages = [
        (follower.pk, mail.build("notice", {
            "subject": described, "title": title, "path": path,
            "manage_url": mail.manage_url(follower.token)},
            follower.email, token=follower.token, language=follower.language))
        for follower in followers
    ]
    outcome = mail.deliver(messages)
    removed = services.remove_refused(outcome.refused)
    if outcome.deferred:
        raise mail.TemporaryFailure(f"{len(outcome.deferred)} notices refused for now.",
                                    outcome.deferred, kind, key, title, path)
    return {"sent": len(outcome.sent), "removed": removed}


@retried_task
def delete_expired_requests():
    """Requests not confirmed within models.REQUEST_DAYS days; returns how many."""
    deleted, _rows = FollowRequest.objects.expired().delete()
    return deleted
