"""Logged-in sessions end after a while without activity, and after a maximum in any case:
sooner in the admin (/beheer/), where more can be changed, than in the partner area. The next
page then says so, in Dutch, and asks to log in again. The admin keeps a clock of its own:
pages elsewhere do not keep an admin session alive.

A partner form sent after the timeout is not saved, but its input is kept (input_worth_keeping):
in the new session, under the form's path, without passwords, files or the CSRF token. After
logging in again the login returns to the form, which takes the input back once (kept_input),
for the same account only: whoever logs in next on that browser does not get it.

Sessions live in the database alone (settings.SESSION_ENGINE), not in Redis: a logout while
Redis cannot be reached would leave a cached copy there that opens the session again."""

import json
import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.http import QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

LAST_SEEN = "zuidwest_last_seen"
LAST_SEEN_ADMIN = "zuidwest_last_seen_admin"
WRITE_EVERY_SECONDS = 60
STARTED = "zuidwest_started"
KEPT_INPUT = "zuidwest_kept_input:"
KEPT_INPUT_OWNER = "zuidwest_kept_input_owner"
MAX_KEPT_CHARACTERS = 100_000  # the session is no place for more
NOT_KEPT = ("csrfmiddlewaretoken",)


def start_clock(session):
    session[STARTED] = session[LAST_SEEN] = session[LAST_SEEN_ADMIN] = time.time()


def _started_at_login(sender, request, user, **kwargs):
    start_clock(request.session)
    if request.session.get(KEPT_INPUT_OWNER) != user.pk:
        _drop_kept_input(request.session)


def _drop_kept_input(session):
    for key in [key for key in session.keys() if key.startswith(KEPT_INPUT)]:  # noqa: SIM118
        del session[key]
    session.pop(KEPT_INPUT_OWNER, None)


user_logged_in.connect(_started_at_login, dispatch_uid="zuidwest-session-clock")


def _in_admin(request):
    return request.path.startswith("/beheer/")


def _clock(request):
    """The session key of the clock that counts for this page, and its idle limit."""
    if _in_admin(request):
        return LAST_SEEN_ADMIN, settings.SESSION_IDLE_SECONDS_ADMIN
    return LAST_SEEN, settings.SESSION_IDLE_SECONDS


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            if STARTED not in session:  # a session from before these limits
                start_clock(session)
            clock, idle_limit = _clock(request)
            started, last_seen = session[STARTED], session.get(clock, session[LAST_SEEN])
            if now - last_seen > idle_limit:
                return self._logged_out(request, _(
                    "Je bent uitgelogd, omdat je een tijd niets op de site hebt gedaan. Log "
                    "opnieuw in om verder te gaan."))
            if now - started > settings.SESSION_MAX_SECONDS:
                return self._logged_out(request, _(
                    "Je bent uitgelogd, omdat je al lang bent ingelogd. Log opnieuw in om verder "
                    "te gaan."))
            # Work in the admin counts everywhere; work elsewhere not in the admin.
            for key in {LAST_SEEN, clock}:
                # Not on every request: each write saves the session.
                if now - session.get(key, 0) > WRITE_EVERY_SECONDS:
                    session[key] = now
        return self.get_response(request)

    def _logged_out(self, request, text):
        admin = _in_admin(request)
        input_to_keep = input_worth_keeping(request)
        owner = request.user.pk
        logout(request)
        messages.warning(request, text)
        login = "admin:login" if admin else settings.LOGIN_URL
        # A page to come back to; a form that was being sent is never repeated, but a partner
        # form's input is kept for when they are back.
        target = request.get_full_path() if request.method == "GET" else ""
        if input_to_keep:
            request.session[KEPT_INPUT + request.path] = input_to_keep
            request.session[KEPT_INPUT_OWNER] = owner
            target = request.path
        response = redirect(login)
        if target:
            response["Location"] += f"?next={quote(target)}"
        return response


def input_worth_keeping(request):
    """The fields of a POST to a view that takes kept input back (keeps_input_after_timeout),
    as [name, value] pairs; None for anything else. Only with a valid CSRF token: a page
    elsewhere must not be able to fill in a partner's form for them."""
    if request.method != "POST":
        return None
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    if not getattr(getattr(view, "view_class", None), "keeps_input_after_timeout", False):
        return None
    if CsrfViewMiddleware(lambda r: None).process_view(request, view, (), {}) is not None:
        return None
    pairs = [[name, value] for name, values in request.POST.lists()
             if name not in NOT_KEPT and "password" not in name.lower() for value in values]
    if not pairs or len(json.dumps(pairs)) > MAX_KEPT_CHARACTERS:
        return None
    return pairs


def kept_input(request):
    """The input kept for this page at a timeout, once, as a QueryDict; None when there is
    none. Says so to the partner."""
    pairs = request.session.pop(KEPT_INPUT + request.path, None)
    if not pairs or request.session.get(KEPT_INPUT_OWNER) != request.user.pk:
        return None
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    messages.info(request, _(
        "Je was uitgelogd. We hebben je invoer bewaard; controleer en verstuur opnieuw."))
    return data
