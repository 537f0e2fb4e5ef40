"""Signing up, and deleting a sign-up with its link: the steps that go with a Signup row (the
token, the retention date, the mails after the commit)."""

from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from . import mail
from .models import Signup, deletion_token_for, hash_token, new_deletion_token


def sign_up(target, *, name, phone, email, message):
    """Save a sign-up for `target` (a SignupTarget that is accepting) and send its mails once
    the transaction commits. Returns (signup, token); the token is not stored, nor queued."""
    now = timezone.now()
    language = translation.get_language() or "nl"
    with transaction.atomic():
        signup = Signup.objects.create(
            **target.link(),
            organisation=target.organisation,
            name=name, phone=phone, email=email, message=message,
            consent_given_at=now, created_at=now,
            # A placeholder nobody holds, until the id is known.
            deletion_token_hash=hash_token(new_deletion_token()),
            delete_after=target.delete_after,
        )
        token = deletion_token_for(signup)
        signup.deletion_token_hash = hash_token(token)
        signup.save(update_fields=["deletion_token_hash"])
        transaction.on_commit(
            partial(mail.send_confirmation.enqueue, signup.pk, language))
        transaction.on_commit(partial(mail.notify_organisation.enqueue, signup.pk))
    return signup, token


def find_by_token(token):
    """The sign-up this deletion link belongs to, or None."""
    if not token or len(token) > 100:
        return None
    return (Signup.objects.select_related("organisation", "opportunity", "activity")
            .filter(deletion_token_hash=hash_token(token)).first())


def delete_by_token(token):
    """Delete the sign-up of this link. True when there was one."""
    deleted, _rows = Signup.objects.filter(deletion_token_hash=hash_token(token)).delete()
    return deleted > 0
