"""Caching for anonymous visitors (docs/operations/caching.md).

- `public_page` (pages.py) wraps a public view: anonymous visitors get the whole response from
  the cache, keyed by address, language and date, for `PAGE_CACHE_SECONDS`.
- `watch` and `content_changed` (invalidation.py): any change to public content makes every
  cached page out of date at once. The domain apps call `watch` in their AppConfig.ready().
- `FailOpenRedisCache` (backends.py): a Redis outage is a cache miss, never an error page.
- `CompressPublicResponsesMiddleware` (middleware.py): gzip for responses without secrets.
"""

from .invalidation import content_changed, watch
from .pages import public_page

__all__ = ["content_changed", "public_page", "watch"]
