"""The changes that span an idea, its timeline, its supports and its mails. Mails are queued
after the transaction commits and carry ids only (mail.py)."""

from functools import partial

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify

from zuidwest.images.pending import store_pending

from . import followed, mail
from .models import (
    ANSWERING_STATUSES,
    CLOSING_STATUSES,
    Idea,
    Moderation,
    Status,
    StatusChange,
    Support,
)


def unique_slug(title):
    base = slugify(title)[:120] or "idee"
    slug, number = base, 1
    while Idea.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def submit_idea(**fields):
    """Save a resident's idea; it waits for moderation. The confirmation mail goes when an
    address was given."""
    language = translation.get_language() or "nl"
    photo = fields.get("photo")
    if isinstance(photo, File):  # out of nginx's reach until staff approve it
        fields["photo"] = store_pending(Idea(), Idea._meta.get_field("photo"), photo)
    with transaction.atomic():
        idea = Idea.objects.create(slug=unique_slug(fields["title"]),
                                   submitted_at=timezone.now(), **fields)
        StatusChange.objects.create(idea=idea, status=Status.RECEIVED,
                                    changed_at=idea.submitted_at)
        if idea.email:
            transaction.on_commit(partial(mail.send_received.enqueue, idea.pk, language))
    return idea


def change_status(idea, status, *, public_text="", user=None, now=None, notify_followers=True):
    """A new step on the timeline: the status, its public text, the dates the promise and the
    retention read, and the mails to the submitter, to supporters who asked for updates and
    (unless the caller tells them itself, as a published answer does) to the idea's
    followers."""
    now = now or timezone.now()
    with transaction.atomic():
        change = StatusChange.objects.create(idea=idea, status=status,
                                             public_text=public_text.strip(), changed_at=now,
                                             changed_by=user)
        idea.status = status
        fields = ["status", "updated_at"]
        if status in ANSWERING_STATUSES and idea.first_answered_at is None:
            idea.first_answered_at = now
            fields.append("first_answered_at")
        closed_at = now if status in CLOSING_STATUSES else None
        if idea.closed_at != closed_at:
            idea.closed_at = closed_at
            fields.append("closed_at")
        idea.save(update_fields=fields)
        if idea.moderation == Moderation.APPROVED and status != Status.RECEIVED:
            transaction.on_commit(partial(mail.send_status_change.enqueue, change.pk))
            if notify_followers:
                transaction.on_commit(partial(followed.notify_status_change.enqueue, change.pk))
    return change


def approve(idea, *, user=None, public_text=""):
    """Moderation lets the idea on the site: 'in behandeling'."""
    with transaction.atomic():
        idea.moderation = Moderation.APPROVED
        idea.refusal_reason = ""
        idea.save(update_fields=["moderation", "refusal_reason", "updated_at"])
        if idea.status == Status.RECEIVED:
            change_status(idea, Status.IN_PROGRESS, public_text=public_text, user=user)


def refuse(idea, reason, *, duplicate_of=None, user=None):
    with transaction.atomic():
        idea.moderation = Moderation.REFUSED
        idea.refusal_reason = reason
        idea.duplicate_of = duplicate_of
        # Refused is closed: the address goes after the same three months.
        idea.closed_at = timezone.now()
        idea.full_clean()
        idea.save()
        if idea.email:
            transaction.on_commit(partial(mail.send_refusal.enqueue, idea.pk))


def delete_personal_data(idea):
    """What the link in every mail does: the address goes, and the name shown becomes the
    neutral one. An idea not yet public goes altogether."""
    if idea.moderation != Moderation.APPROVED:
        idea.delete()
        return
    Idea.objects.filter(pk=idea.pk).update(email="", display_name="")


# --- support ---------------------------------------------------------------------------------

class AlreadySupported(Exception):
    pass


def normalise_email(address):
    return address.strip().lower()


def support(idea, email, *, wants_updates):
    """A support waiting for its confirmation; the mail with the link goes after the commit.
    The same address a second time raises AlreadySupported (a confirmed support) or sends the
    link again (an unconfirmed one)."""
    email = normalise_email(email)
    language = translation.get_language() or "nl"
    existing = Support.objects.filter(idea=idea, email=email).first()
    if existing is not None and existing.confirmed_at is not None:
        raise AlreadySupported
    try:
        with transaction.atomic():
            if existing is None:
                existing = Support.objects.create(idea=idea, email=email,
                                                  wants_updates=wants_updates)
            transaction.on_commit(
                partial(mail.send_support_confirmation.enqueue, existing.pk, language))
    except IntegrityError:  # the same address at the same moment
        raise AlreadySupported from None
    return existing


def confirm_support(support_obj):
    """Count a support once; confirming again changes nothing."""
    with transaction.atomic():
        updated = Support.objects.filter(pk=support_obj.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now())
        if updated:
            Idea.objects.filter(pk=support_obj.idea_id).update(
                supporter_count=F("supporter_count") + 1)
    return bool(updated)


def withdraw_support(support_obj):
    """The deletion link: the address goes and a confirmed support no longer counts."""
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(pk=support_obj.pk).delete()
        if deleted and support_obj.confirmed_at is not None:
            Idea.objects.filter(pk=support_obj.idea_id, supporter_count__gt=0).update(
                supporter_count=F("supporter_count") - 1)
