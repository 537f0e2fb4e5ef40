"""Caching for anonymous visitors (docs/operations/caching.md).

- `public_page` and `PageCacheMiddleware` (pages.py): anonymous visitors get the whole
  response of a public view from the cache, keyed by address, language and date, for
  `PAGE_CACHE_SECONDS`, before sessions, CSRF and URL resolving run.
- `watch` and `content_changed` (invalidation.py): any change to public content makes every
  cached page out of date at once. The domain apps call `watch` in their AppConfig.ready().
  Residents' actions never do; `forget_pages` drops the one page such an action changes.
- `warm_pages` (warming.py): after a change, the task worker builds the most visited pages.
- `FailOpenRedisCache` (backends.py): a Redis outage is a cache miss, never an error page.
- `CompressPublicResponsesMiddleware` (middleware.py): gzip for responses without secrets.
"""

from .invalidation import content_changed, may_be_on_site, watch
from .pages import forget_pages, public_page

__all__ = ["content_changed", "forget_pages", "may_be_on_site", "public_page", "watch"]
