"""The steps of following: asking, confirming, adding and removing subjects, stopping. Mails
go out through tasks (following/tasks.py) after the transaction commits, with ids only."""

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from zuidwest import ratelimit

from . import subjects
from .models import Follower, FollowRequest, Subscription

logger = logging.getLogger(__name__)

# At most this many subjects per address: more is not a person following their neighbourhood.
MAX_SUBSCRIPTIONS = 50


def request_follow(email, kind, key):
    """Someone asked to follow (kind, key) with this address. The page says the same whatever
    happens here: a new address gets a confirmation mail, an address that already follows gets
    one mail saying so, and past the limit per address no mail at all."""
    from . import tasks

    email = email.strip()
    language = translation.get_language() or "nl"
    if not ratelimit.hit("follow_email", email.lower()).allowed:
        return
    follower = Follower.objects.by_address(email).first()
    with transaction.atomic():
        if follower is not None:
            transaction.on_commit(partial(tasks.send_already_following.enqueue,
                                          follower.pk, kind, key))
            return
        request = FollowRequest.objects.create(email=email, kind=kind, key=key,
                                               language=language)
        transaction.on_commit(partial(tasks.send_confirmation.enqueue, request.pk))


def find_request(token):
    if not token or len(token) > 100:
        return None
    return FollowRequest.objects.filter(token=token).first()


def find_follower(token):
    if not token or len(token) > 100:
        return None
    return Follower.objects.filter(token=token).first()


def confirm(request):
    """The button in the confirmation mail was pressed: the address follows the subject."""
    now = timezone.now()
    with transaction.atomic():
        follower = Follower.objects.by_address(request.email).select_for_update().first()
        if follower is None:
            try:
                with transaction.atomic():
                    follower = Follower.objects.create(
                        email=request.email, language=request.language, confirmed_at=now)
            except IntegrityError:  # confirmed at the same moment in another request
                follower = Follower.objects.by_address(request.email).get()
        add(follower, request.kind, request.key)
        FollowRequest.objects.filter(email__iexact=request.email, kind=request.kind,
                                     key=request.key).delete()
    return follower


def add(follower, kind, key):
    """Follow one more subject; False when the address follows too many already."""
    if follower.subscriptions.filter(kind=kind, key=key).exists():
        return True
    if follower.subscriptions.count() >= MAX_SUBSCRIPTIONS:
        return False
    Subscription.objects.get_or_create(follower=follower, kind=kind, key=key)
    return True


def remove(follower, subscription_id):
    deleted, _rows = follower.subscriptions.filter(pk=subscription_id).delete()
    return deleted > 0


def stop(token):
    """End everything of this token: a follower is deleted with what it follows and any
    request of the same address; a request (from a confirmation mail) is deleted. True when
    there was something to end."""
    follower = find_follower(token)
    if follower is not None:
        with transaction.atomic():
            FollowRequest.objects.filter(email__iexact=follower.email).delete()
            follower.delete()
        return True
    deleted, _rows = FollowRequest.objects.filter(token=token).delete() if token else (0, {})
    return deleted > 0


def remove_refused(follower_ids):
    """Delete followers whose address the mail server refused for good."""
    if not follower_ids:
        return 0
    deleted, _rows = Follower.objects.filter(pk__in=follower_ids).delete()
    logger.info("Following: removed %d addresses the mail server refused.", len(follower_ids))
    return deleted


def subjects_of(follower):
    """(subscription, Described or None) for the management page, in a fixed order."""
    subscriptions = list(follower.subscriptions.order_by("kind", "created_at", "pk"))
    described = subjects.describe_all((item.kind, item.key) for item in subscriptions)
    return [(item, described.get((item.kind, item.key))) for item in subscriptions]


def notify_now(kind, key, item):
    """Tell the followers of (kind, key) about `item` (a subjects.Item) at once, outside the
    weekly digest: for the ideas app, when an idea someone follows gets an answer. Queues
    batches of follower ids; the item's public title and path go along, no address."""
    from . import tasks

    ids = list(Follower.objects.filter(subscriptions__kind=kind, subscriptions__key=key)
               .order_by("pk").values_list("pk", flat=True))
    for batch in tasks.batches(ids):
        tasks.send_notice.enqueue(batch, kind, key, str(item.title), item.path)
    return len(ids)
