"""Abuse protection of the public sign-up form, without third-party captchas: a limit on the
size of a request, and at most RATE_LIMIT sign-ups per client IP address per RATE_WINDOW
(counted in Django's cache, Redis in production). The honeypot is in forms.py.

The cache key is derived from the address, not the address itself. The address is the one
zuidwest.client_ip trusts: behind the proxy the visitor's, never the proxy's (which would let
one visitor lock out everybody) nor one the visitor wrote."""

from datetime import timedelta

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from zuidwest.client_ip import client_ip

RATE_LIMIT = 5
RATE_WINDOW = timedelta(minutes=10)
# More than the form's fields hold when filled to their limits (about 13 KB even in 4-byte
# characters, percent-encoded), so a person who pasted too long a message gets the field's own
# message with their text kept; only what no person types is refused unread.
MAX_BODY_BYTES = 16 * 1024


def body_too_large(request, limit=MAX_BODY_BYTES):
    """True when the request is longer than `limit` bytes (a residents' form with a photo
    passes a larger one: ideas.views)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit


def _key(request):
    address = client_ip(request)
    # Keyed with the secret key: the cache holds no address, nor a hash anyone could reverse by
    # trying every IPv4 address.
    return "signups:ip:" + salted_hmac("signups.rate", address, algorithm="sha256").hexdigest()[:32]


def rate_limited(request):
    """True when this address has signed up RATE_LIMIT times in the current window."""
    return cache.get(_key(request), 0) >= RATE_LIMIT


def count_signup(request):
    """Count one sign-up of this address. The window starts at its first sign-up."""
    key = _key(request)
    cache.add(key, 0, timeout=int(RATE_WINDOW.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: start a new window
        cache.set(key, 1, timeout=int(RATE_WINDOW.total_seconds()))
