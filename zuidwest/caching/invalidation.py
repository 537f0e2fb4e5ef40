"""When public content changes, every cached page is out of date at once.

A cached page carries the "generation" it was made in; a change stores a new generation, so
the next visitor of any page gets a fresh one. Counting which pages show which rows would be
more precise and easy to get wrong: a place's name is on the agenda, the map, search results
and its organisation's page. Content changes (staff edits, partners' approved versions) come
about twenty times an hour at most; pages are read all day. After a change the most visited
pages are built again in the background (warming.py), so their next visitors are not the ones
who wait.

Residents' actions never make a new generation (docs/operations/caching.md lists each): a
sign-up, a follow or a support writes rows no public page shows, and a new idea is not on the
site until staff approve it. Where such an action changes a number a page shows (an idea's
supporters), the action drops that one page itself (pages.forget_pages).

`watch(app_config)` connects every model of an app (save, delete, many-to-many change),
except the ones it is told to ignore; the apps call it in their AppConfig.ready(), so the
core names none of them. `public_if` names the models whose rows are not all on the site (an
idea waiting for moderation): a row created or deleted while not public changed no page. An
update always counts, since it may take a row off the site. Changes that send no signals
(queryset.update(), bulk_create()) call `content_changed()` themselves.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
# An expired generation only costs every page one miss; it need not live for ever.
GENERATION_SECONDS = 24 * 60 * 60

# model -> predicate(row): whether a public page may show the row. Every watched model is in
# it; a model without a test of its own has one that says yes.
_watched = {}


def current_generation(stored):
    """The generation read from the cache (or None): a new one when there was none, so pages
    cached before the key was lost never count as current."""
    if stored is not None:
        return stored
    generation = secrets.token_hex(8)
    cache.add(GENERATION_KEY, generation, GENERATION_SECONDS)
    return generation


def request_generation(request):
    """The current generation, read once per request (kept on the request): every fragment
    and remembered count of one page is of the same generation. A process reads it from the
    cache at most once per PAGE_CACHE_LOCAL_SECONDS (production: 1), as it keeps the pages it
    served (pages.py): a change made in another process shows here within that second, one
    made here at once. A cache that cannot be read (production's fails open instead,
    zuidwest.caching.backends) gives a generation of this request alone: nothing stored is
    used, the page is built afresh."""
    generation = getattr(request, "_page_generation", None)
    if generation is None:
        try:
            generation = _recent_generation()
        except Exception:  # any backend's error: a page never fails for want of its cache
            logger.warning("Page generation not read: the cache could not be reached.",
                           exc_info=True)
            generation = f"unread-{secrets.token_hex(8)}"
        if request is not None:
            request._page_generation = generation
    return generation


def _recent_generation():
    global local_generation, _generation_read_until
    now = time.monotonic()
    if local_generation is not None and now < _generation_read_until:
        return local_generation
    generation = current_generation(cache.get(GENERATION_KEY))
    if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
        local_generation = generation
        _generation_read_until = now + settings.PAGE_CACHE_LOCAL_SECONDS
    return generation


# The generation this process last read, for the pages it keeps in its own memory
# (pages.py, PAGE_CACHE_LOCAL_SECONDS) and the fragments' keys: a change made here ends them
# at once.
local_generation = None
_generation_read_until = 0.0


def _new_generation():
    global local_generation
    local_generation = secrets.token_hex(8)
    cache.set(GENERATION_KEY, local_generation, GENERATION_SECONDS)


def _after_commit():
    from .warming import schedule_warming

    _new_generation()
    schedule_warming()


def content_changed():
    """Every cached page is out of date: now, and again when the transaction commits. A
    visitor who asked between the two saw the old rows (not yet committed) and stored them
    under the first new generation; the second makes that page a miss too. Once committed,
    the most visited pages are built again in the background."""
    if connection.in_atomic_block:
        _new_generation()
        transaction.on_commit(_after_commit)
    else:
        _after_commit()


def may_be_on_site(row):
    """Whether a public page may show this row: its model is watched and, where the app gave
    a test, the row passes it."""
    shown = _watched.get(row._meta.concrete_model)
    return shown is not None and shown(row)


def _saved(sender, instance, created=False, **kwargs):
    if created and not may_be_on_site(instance):
        return  # a new row nobody can see yet (an idea waiting for moderation)
    content_changed()


def _deleted(sender, instance, **kwargs):
    if may_be_on_site(instance):
        content_changed()


def _links_changed(sender, action, **kwargs):
    if action.startswith("post_"):  # m2m_changed fires pre_ and post_
        content_changed()


def _always(row):
    return True


def watch(app_config, *, ignore=(), public_if=None):
    """Invalidate the cached pages whenever a model of `app_config` changes. `ignore` the
    models no public page shows, or that change in bulk and call content_changed() instead:
    a receiver on a model makes Django fetch every row a queryset.delete() removes.
    `public_if` maps a model to a test of a row (true: a public page may show it); a row
    created or deleted while the test says no changes no page."""
    public_if = public_if or {}
    for model in app_config.get_models():
        if model in ignore:
            continue
        _watched[model] = public_if.get(model, _always)
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_links_changed, sender=field.remote_field.through,
                                dispatch_uid=f"{uid}-{field.name}")
