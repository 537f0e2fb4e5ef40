"""Whole public pages from the cache, for anonymous visitors only.

`public_page(view)` wraps the views of public pages and feeds (in each app's urls.py). A
visitor without a session cookie and without pending messages gets the stored response; a
miss renders the page and stores it when nothing in it belongs to this visitor:

- status 200, not streamed, sets no cookie, no Vary or private/no-store/no-cache of its own;
- no form token in it (the page asked for the CSRF token), no new message, no session write;
- the visitor is anonymous.

Logged-in visitors (anyone with a session cookie) neither read nor fill the cache, so their
pages (an edit link, a partner's name) never reach anyone else. Views not wrapped (the
partner area, the admin, sign-up forms, logins) are never cached; POSTs never are.

The key is the absolute address (scheme, host, path, query), the language, today's date and
the current period of `PAGE_CACHE_SECONDS`, so a page showing "today" or "open now" is at
most one period old and changes at midnight. An entry made in an older generation
(invalidation.py) is a miss.

Content Security Policy nonces: a page rendered with a nonce is stored with a placeholder in
its place, and each visitor's own nonce (the one the CSP middleware puts in the header) is
written back when it is served. A replayed old nonce would block inline scripts.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from .invalidation import GENERATION_KEY, current_generation

NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"  # never in HTML, JSON or iCalendar text
# Response attributes Django's CSP decorators set for the CSP middleware to read.
CSP_ATTRIBUTES = ("_csp_config", "_csp_ro_config")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"


def public_page(view):
    """Serve `view` from the cache to anonymous visitors (see the module's docstring)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use_cache(request):
            return _varies_on_cookie(view(request, *args, **kwargs))
        key = page_key(request)
        stored = cache.get_many([GENERATION_KEY, key])  # one round trip
        generation = current_generation(stored.get(GENERATION_KEY))
        entry = stored.get(key)
        if entry is not None and entry["generation"] == generation:
            return _varies_on_cookie(_replay(request, entry, "hit"))
        response = view(request, *args, **kwargs)
        varies = response.has_header("Vary")  # the view's own, before Cookie is added below
        if getattr(response, "is_rendered", True):
            _store(request, response, key, generation, varies)
        else:  # a TemplateResponse: stored once rendered, when the form token is known
            response.add_post_render_callback(
                lambda rendered: _store(request, rendered, key, generation, varies))
        response[STATUS_HEADER] = "miss"
        return _varies_on_cookie(response)

    return cached_view


def page_key(request):
    """The address, the language, and the date and period of PAGE_CACHE_SECONDS it is now: a
    page that says what is open now or on today is never older than one period, even when
    the cache keeps it longer."""
    now = timezone.now()
    period = int(now.timestamp()) // settings.PAGE_CACHE_SECONDS
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return (f"pages:{timezone.localdate(now).isoformat()}:{period}:"
            f"{translation.get_language()}:{address}")


def _may_use_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def _varies_on_cookie(response):
    # The page differs for a logged-in visitor; say so also when it came from the cache,
    # where the session (which adds it otherwise) was never read.
    patch_vary_headers(response, ["Cookie"])
    return response


def _personal(request, response):
    """Whether anything in the rendered response belongs to this visitor."""
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))  # the page holds a form token
        or getattr(messages, "added_new", False)
        or getattr(session, "modified", False)
        or request.user.is_authenticated
    )


def _may_store(request, response, varies):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not varies
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
        and not _personal(request, response)
    )


def _store(request, response, key, generation, varies):
    if not _may_store(request, response, varies):
        return response
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # a LazyNonce is true once the page used it
        content = content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
    cache.set(key, {
        "generation": generation,
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.headers.items()
                    if name.lower() not in ("content-length", STATUS_HEADER.lower())],
        "content": content,
        "nonce": bool(nonce),
        "csp": {name: getattr(response, name) for name in CSP_ATTRIBUTES
                if hasattr(response, name)},
    }, settings.PAGE_CACHE_SECONDS)
    return response


def _replay(request, entry, status):
    content = entry["content"]
    if entry["nonce"]:
        nonce = getattr(request, "_csp_nonce", None)
        content = content.replace(NONCE_PLACEHOLDER,
                                  str(nonce).encode() if nonce is not None else b"")
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    for name, value in entry["csp"].items():
        setattr(response, name, value)
    response[STATUS_HEADER] = status
    return response
