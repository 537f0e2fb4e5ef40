"""After a content change, build the most visited pages again in the background.

A new generation (invalidation.py) makes every stored page a miss; without this, the next
visitor of the home page or the agenda waits while it is built, and on a busy moment several
visitors build the same page at once. `warm_pages` builds the pages of
`PAGE_CACHE_WARM_PATHS` (the pages residents start from: the home page, the agenda, the lists;
in production by default) through the whole middleware stack, as an anonymous visitor of
SITE_URL, so PageCacheMiddleware stores them under the new generation. A page a visitor asked
for first is a hit and costs nothing.

It runs in the task worker, never in the request that changed the content. While a task waits
in the queue, further changes queue no other: it builds the pages of the generation current
when it starts, so a burst of changes (an admin action on twenty rows, a fixture) costs one
task. Warming is an optimisation: when it does not run, visitors build the pages, as before.
"""

import io
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.tasks import task
from django.utils import translation

# Set while a warm_pages task waits; it lapses in case a worker never picks the task up.
QUEUED_KEY = "pages:warming-queued"
QUEUED_SECONDS = 60


def schedule_warming():
    """Queue warm_pages, unless one waits already (called after a change commits)."""
    if settings.PAGE_CACHE_WARM_PATHS and settings.PAGE_CACHE_SECONDS > 0 and cache.add(
            QUEUED_KEY, 1, QUEUED_SECONDS):
        warm_pages.enqueue()


def _request(path):
    site = urlsplit(settings.SITE_URL)
    port = site.port or (443 if site.scheme == "https" else 80)
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": site.hostname, "SERVER_PORT": str(port), "HTTP_HOST": site.netloc,
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": site.scheme, "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
    }
    if settings.SECURE_PROXY_SSL_HEADER:  # as the proxy in front says it for visitors
        header, value = settings.SECURE_PROXY_SSL_HEADER
        if site.scheme == "https":
            environ[header] = value
    return WSGIRequest(environ)


@task
def warm_pages():
    """Build each page of PAGE_CACHE_WARM_PATHS that is not stored; returns how many were
    built. Pages that fail to build are left to the visitors."""
    cache.delete(QUEUED_KEY)  # a change from now on needs another run
    handler = BaseHandler()
    handler.load_middleware()
    built = 0
    for path in settings.PAGE_CACHE_WARM_PATHS:
        # The language middleware activates a language and leaves it: restore this thread's.
        with translation.override(translation.get_language()):
            response = handler.get_response(_request(path))
        built += response.get("X-Page-Cache") == "miss"
    return built
