"""Limits on what a login form passes on to authentication: a username longer than any
account's is refused before a password is checked or a failed attempt recorded (django-axes
stores the username in a column of 255 characters; PostgreSQL refused longer ones with an
error page). The visitor sees the same message as for a wrong password."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError


def max_username_length():
    return get_user_model()._meta.get_field("username").max_length


def refuse_overlong_username(form):
    """Call at the start of a login form's clean(), before authentication."""
    raw = form.data.get(form.add_prefix("username"), "") if form.is_bound else ""
    if len(raw) > max_username_length():
        raise ValidationError(form.error_messages["invalid_login"], code="invalid_login",
                              params={"username": form.username_field.verbose_name})


def axes_username(request, credentials):
    """What django-axes records as the username (AXES_USERNAME_CALLABLE): what was typed, cut
    to the length of its column, also when a login path other than the forms is used."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username[:255]
