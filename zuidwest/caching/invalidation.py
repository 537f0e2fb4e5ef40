"""When public content changes, every cached page is out of date at once.

A cached page carries the "generation" it was made in; a change stores a new generation, so
the next visitor of any page gets a fresh one. Counting which pages show which rows would be
more precise and easy to get wrong: a place's name is on the agenda, the map, search results
and its organisation's page. Content changes a few times a day; pages are read all day.

`watch(app_config)` connects every model of an app (save, delete, many-to-many change),
except the ones it is told to ignore; the apps call it in their AppConfig.ready(), so the
core names none of them. Changes that send no signals (queryset.update(), bulk_create())
call `content_changed()` themselves.
"""

import secrets

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "pages:generation"
# An expired generation only costs every page one miss; it need not live for ever.
GENERATION_SECONDS = 24 * 60 * 60


def current_generation(stored):
    """The generation read from the cache (or None): a new one when there was none, so pages
    cached before the key was lost never count as current."""
    if stored is not None:
        return stored
    generation = secrets.token_hex(8)
    cache.add(GENERATION_KEY, generation, GENERATION_SECONDS)
    return generation


def _new_generation():
    cache.set(GENERATION_KEY, secrets.token_hex(8), GENERATION_SECONDS)


def content_changed():
    """Every cached page is out of date: now, and again when the transaction commits. A
    visitor who asked between the two saw the old rows (not yet committed) and stored them
    under the first new generation; the second makes that page a miss too."""
    _new_generation()
    if connection.in_atomic_block:
        transaction.on_commit(_new_generation)


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed fires pre_ and post_
        content_changed()


def watch(app_config, *, ignore=()):
    """Invalidate the cached pages whenever a model of `app_config` changes. `ignore` the
    models no public page shows, or that change in bulk and call content_changed() instead:
    a receiver on a model makes Django fetch every row a queryset.delete() removes."""
    for model in app_config.get_models():
        if model in ignore:
            continue
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_changed, sender=field.remote_field.through,
                                dispatch_uid=f"{uid}-{field.name}")
