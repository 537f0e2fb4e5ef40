"""Counting requests per key in fixed time windows, in the cache (Redis in production, where
add and incr are atomic, so concurrent requests from several workers are all counted).

`hit(scope, key)` counts one request and says whether it is still within the limit that
settings.RATE_LIMITS gives for the scope: (number of requests, window in seconds). When the
cache cannot be reached the request is let through and the failure logged: a broken cache must
never stop anyone logging in.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def hit(scope, key):
    limit, window = settings.RATE_LIMITS[scope]
    now = time.time()
    window_start = int(now // window) * window
    retry_after = max(1, int(window_start + window - now))
    # Hashed: the key (an address, an e-mail address) is not kept in the cache as such.
    digest = hashlib.sha256(str(key).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{window_start}:{digest}"
    try:
        count = 1 if cache.add(cache_key, 1, timeout=window + 1) else cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window has begun
        count = 1
    except Exception:  # the cache is down: let the request through
        logger.warning("Rate limit %s not checked: the cache could not be reached.", scope,
                       exc_info=True)
        return Verdict(True, 0)
    if count == limit + 1:  # once per window, not for every refused request
        logger.warning("Rate limit %s reached (%d requests in %d s).", scope, count, window)
    return Verdict(count <= limit, retry_after)
