"""Limits on what a login passes on to authentication. Too many attempts from one IP address
are refused before anything else (too_many_login_attempts). A username longer than any
account's is refused before a password is checked or a failed attempt recorded (django-axes
stores the username in a column of 255 characters; PostgreSQL refused longer ones with an
error page). The visitor sees the same message as for a wrong password."""

import math

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import render

from zuidwest.client_ip import client_ip
from zuidwest.ratelimit import hit


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


def too_many_login_attempts(request):
    """Count a login attempt against the visitor's IP address, across usernames; beyond the
    limit (settings.RATE_LIMITS["login_ip"]) the "te veel pogingen" page, status 429, before
    a password is hashed. django-axes still locks a username and address pair after 5 wrong
    passwords; this bounds one address trying many usernames. None when within the limit."""
    if request.method != "POST":
        return None
    verdict = hit("login_ip", client_ip(request))
    if verdict.allowed:
        return None
    response = render(request, "registration/too_many_attempts.html",
                      {"minutes": math.ceil(verdict.retry_after / 60)}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response
