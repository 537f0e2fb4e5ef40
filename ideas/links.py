"""The private links in mails and on the confirmation page: signed, not stored. A link names
one idea or one support by its id and is made again for each mail, so background tasks carry
ids only and a copy of the database holds no working link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

IDEA_SALT = "ideas.private-status"
SUPPORT_SALT = "ideas.support"


def _sign(pk, salt):
    # Not timestamped: the same idea always has the same link, so every mail's link works.
    return signing.Signer(salt=salt).sign_object(pk)


def _unsign(token, salt):
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=salt).unsign_object(token)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def idea_token(idea):
    return _sign(idea.pk, IDEA_SALT)


def idea_id(token):
    return _unsign(token, IDEA_SALT)


def support_token(support):
    return _sign(support.pk, SUPPORT_SALT)


def support_id(token):
    return _unsign(token, SUPPORT_SALT)


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def status_path(idea):
    return reverse("ideas:private_status", kwargs={"token": idea_token(idea)})


def delete_path(idea):
    return reverse("ideas:delete_data", kwargs={"token": idea_token(idea)})


def support_confirm_path(support):
    return reverse("ideas:support_confirm", kwargs={"token": support_token(support)})


def support_delete_path(support):
    return reverse("ideas:support_delete", kwargs={"token": support_token(support)})
