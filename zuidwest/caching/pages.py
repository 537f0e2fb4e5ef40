"""Whole public pages from the cache, for anonymous visitors only.

Two parts, one key and one stored entry:

- `public_page(view)` wraps the views of public pages and feeds (in each app's urls.py): it
  marks what they answer as a page that may be stored. Views not wrapped (the partner area,
  the admin, sign-up forms, logins) are never cached; POSTs never are.
- `PageCacheMiddleware` (settings.MIDDLEWARE, right after ConditionalGetMiddleware) answers a
  GET or HEAD without a session cookie and without a messages cookie from the cache before
  sessions, CSRF, language negotiation and URL resolving do any work. On a miss it stores a
  marked page on its way out, with the headers the middleware below added (Vary,
  Content-Language, X-Frame-Options): a page from the cache goes out as the built one did,
  and the middleware above it (gzip, ETag and 304, CSP, security headers, the request id)
  treat both alike.

A page is stored only when nothing in it belongs to this visitor:

- status 200, not streamed, sets no cookie, no Vary or private/no-store/no-cache of its own;
- no form token in it (the page asked for the CSRF token), no new message, no session write;
- the visitor is anonymous.

Logged-in visitors (anyone with a session cookie) neither read nor fill the cache, so their
pages (an edit link, a partner's name) never reach anyone else. Without a session cookie
nobody is logged in: the site has no other way to log in.

The key is the absolute address (scheme, host, path, query), the language, today's date and
the current period of `PAGE_CACHE_SECONDS`, so a page showing "today" or "open now" is at
most one period old and changes at midnight. The language comes from the address, as
LocaleMiddleware decides it with prefix_default_language=False: /en/… is English, all else
Dutch. An entry made in an older generation (invalidation.py) is a miss.

Content Security Policy nonces: a page rendered with a nonce is stored with a placeholder in
its place, and each visitor's own nonce (the one the CSP middleware puts in the header) is
written back when it is served. A replayed old nonce would block inline scripts.

What a hit costs is kept small, since it is most of the site's traffic: a page without a nonce
(public pages have none) is stored with its ETag and its gzip-compressed body too, so a hit
neither hashes nor compresses; and with PAGE_CACHE_LOCAL_SECONDS (production: 1) each process
keeps the entries it served for that long, so a busy page costs no round trip to Redis. A
change made in another process reaches this one's memory within that second; a change in this
process (content_changed, forget_pages) clears it at once.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers, quote_etag
from django.utils.text import compress_string

from . import invalidation
from .invalidation import GENERATION_KEY, current_generation
from .middleware import TEXT_TYPES

NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"  # never in HTML, JSON or iCalendar text
# Response attributes Django's CSP decorators set for the CSP middleware to read.
CSP_ATTRIBUTES = ("_csp_config", "_csp_ro_config")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"
# Set on a response by public_page: whether the view gave it a Vary header of its own.
MARK = "_public_page_own_vary"
# GZipMiddleware leaves shorter bodies alone.
MIN_COMPRESSED_LENGTH = 200
# This process's copies of entries it served: {key: (until, generation, entry)}.
LOCAL_ENTRIES = 500
_local = {}


def public_page(view):
    """Let PageCacheMiddleware store what `view` answers (see the module's docstring)."""

    @wraps(view)
    def marked_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, MARK, response.has_header("Vary"))  # before Cookie is added
        # The page differs for a logged-in visitor: say so, also when it comes from the
        # cache, where nothing reads the session (which adds it otherwise).
        patch_vary_headers(response, ["Cookie"])
        return response

    return marked_view


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        key = page_key(request)
        generation, entry = lookup(key)
        if entry is not None:
            return _replay(request, entry)
        response = self.get_response(request)
        if hasattr(response, MARK):
            _store(request, response, key, generation)
            response[STATUS_HEADER] = "miss"
        return response


def may_use_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def language_of(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def _key(absolute_url, language):
    now = timezone.now()
    period = int(now.timestamp()) // settings.PAGE_CACHE_SECONDS
    address = hashlib.sha256(absolute_url.encode()).hexdigest()
    return f"pages:{timezone.localdate(now).isoformat()}:{period}:{language}:{address}"


def page_key(request):
    """The address, the language, and the date and period of PAGE_CACHE_SECONDS it is now: a
    page that says what is open now or on today is never older than one period, even when
    the cache keeps it longer."""
    return _key(request.build_absolute_uri(), language_of(request.path_info))


def lookup(key):
    """(the current generation, the entry stored under `key` when it is of that generation,
    else None): from this process's memory when it served the entry less than
    PAGE_CACHE_LOCAL_SECONDS ago, else in one round trip."""
    now = time.monotonic()
    kept = _local.get(key)
    if kept is not None and kept[0] > now and kept[1] == invalidation.local_generation:
        return kept[1], kept[2]
    stored = cache.get_many([GENERATION_KEY, key])
    generation = current_generation(stored.get(GENERATION_KEY))
    entry = stored.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
        if len(_local) >= LOCAL_ENTRIES:
            _local.clear()
        invalidation.local_generation = generation
        _local[key] = (now + settings.PAGE_CACHE_LOCAL_SECONDS, generation, entry)
    return generation, entry


def forget_local_entries(keys=None):
    """Drop this process's copies: of `keys`, or all."""
    if keys is None:
        _local.clear()
    for key in keys or ():
        _local.pop(key, None)


def forget_pages(request, *rows):
    """Drop the stored pages of these rows (their get_absolute_url(), in every language) at
    the host `request` came to: now, and again when the transaction commits. For a resident's
    action that changes one page (an idea's number of supporters), where a new generation would
    throw away every page."""

    def forget():
        keys = []
        for row in rows:
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    path = row.get_absolute_url()
                keys.append(_key(request.build_absolute_uri(path), language_of(path)))
        cache.delete_many(keys)
        forget_local_entries(keys)

    forget()
    if connection.in_atomic_block:
        transaction.on_commit(forget)


def _personal(request, response):
    """Whether anything in the response belongs to this visitor."""
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return (
        bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))  # the page holds a form token
        or getattr(messages, "added_new", False)
        or getattr(session, "modified", False)
        or (user is not None and user.is_authenticated)
    )


def _may_store(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not getattr(response, MARK)
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
        and not _personal(request, response)
    )


def _store(request, response, key, generation):
    if not _may_store(request, response):
        return
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # a LazyNonce is true once the page used it
        content = content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
    headers = [(name, value) for name, value in response.headers.items()
               if name.lower() not in ("content-length", "etag", STATUS_HEADER.lower())]
    cache.set(key, {
        "generation": generation,
        "status": response.status_code,
        "headers": headers,
        "content": content,
        "nonce": bool(nonce),
        # What ConditionalGetMiddleware and the gzip middleware would work out on every hit,
        # worked out once; a page with a nonce differs per visitor and gets neither.
        "etag": response.get("ETag") or (None if nonce else quote_etag(
            hashlib.md5(content, usedforsecurity=False).hexdigest())),
        "gzip": None if nonce else _compressed(response, content),
        "csp": {name: getattr(response, name) for name in CSP_ATTRIBUTES
                if hasattr(response, name)},
    }, settings.PAGE_CACHE_SECONDS)


def _compressed(response, content):
    """The body as CompressPublicResponsesMiddleware would send it, or None when it would not
    compress it."""
    if (len(content) < MIN_COMPRESSED_LENGTH
            or not response.get("Content-Type", "").startswith(TEXT_TYPES)):
        return None
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else None


def _replay(request, entry):
    content, etag = entry["content"], entry.get("etag")
    gzipped = entry.get("gzip") and re_accepts_gzip.search(
        request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if gzipped:
        content = entry["gzip"]
        if etag and etag.startswith('"'):
            etag = f"W/{etag}"  # weak, as the gzip middleware makes it
    elif entry["nonce"]:
        nonce = getattr(request, "_csp_nonce", None)
        content = content.replace(NONCE_PLACEHOLDER,
                                  str(nonce).encode() if nonce is not None else b"")
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if etag:
        response["ETag"] = etag
    if gzipped:
        # The gzip middleware leaves a response with a Content-Encoding alone: do its part.
        patch_vary_headers(response, ("Accept-Encoding",))
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(content))
    for name, value in entry["csp"].items():
        setattr(response, name, value)
    response[STATUS_HEADER] = "hit"
    return response
