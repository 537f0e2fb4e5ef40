"""Logged-in sessions end after a while without activity, and after a maximum in any case:
sooner in the admin (/beheer/), where more can be changed, than in the partner area. The next
page then says so, in Dutch, and asks to log in again."""

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LAST_SEEN = "zuidwest_last_seen"
WRITE_EVERY_SECONDS = 60
STARTED = "zuidwest_started"


def start_clock(session):
    session[STARTED] = session[LAST_SEEN] = time.time()


def _started_at_login(sender, request, user, **kwargs):
    start_clock(request.session)


user_logged_in.connect(_started_at_login, dispatch_uid="zuidwest-session-clock")


def _idle_limit(request):
    if request.path.startswith("/beheer/"):
        return settings.SESSION_IDLE_SECONDS_ADMIN
    return settings.SESSION_IDLE_SECONDS


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
            started, last_seen = session[STARTED], session[LAST_SEEN]
            if now - last_seen > _idle_limit(request):
                return self._logged_out(request, _(
                    "U bent uitgelogd, omdat u een tijd niets op de site heeft gedaan. Log "
                    "opnieuw in om verder te gaan."))
            if now - started > settings.SESSION_MAX_SECONDS:
                return self._logged_out(request, _(
                    "U bent uitgelogd, omdat u al lang bent ingelogd. Log opnieuw in om verder "
                    "te gaan."))
            if now - last_seen > WRITE_EVERY_SECONDS:
                session[LAST_SEEN] = now  # not on every request: each write saves the session
        return self.get_response(request)

    def _logged_out(self, request, text):
        admin = request.path.startswith("/beheer/")
        logout(request)
        messages.warning(request, text)
        login = "admin:login" if admin else settings.LOGIN_URL
        # Only a page to come back to: a form that was being sent is not repeated.
        target = request.get_full_path() if request.method == "GET" else ""
        response = redirect(login)
        if target:
            response["Location"] += f"?next={quote(target)}"
        return response
