"""The search index: one SearchEntry per row of every registered search type, so a search reads
stored text and vectors (behind GIN indexes on PostgreSQL) instead of computing them for
every row on every request.

Kept current by signals that `watch()` connects when a type is registered: saving a row
writes its entry, deleting it removes the entry, and saving a row that a searched field path
goes through (a place's name in its activities' entries: "place__name") rewrites the entries
of the rows that point at it. Raw saves (loaddata) are indexed too: a fixture may load an
activity before its place, and then the place's save fills in the activity's entry.

Changes that send no signals (queryset.update(), bulk_create()) of a searched field must call
`index_rows()` themselves; today none does (see docs/architecture/adding-a-search-type.md).
`manage.py rebuild_search_index` rewrites everything, and after `migrate` the types whose
number of entries differs from their number of rows are rebuilt (`fill_missing`), which fills
the index for rows that existed before it.

Whether a row may be shown is not stored: it is asked of the type's public queryset at search
time, so an unpublished or closed row is never found, however it stopped being public.
"""

import itertools
import unicodedata
from functools import partial

from django.db import connection, transaction
from django.db.models import Count, ForeignObjectRel, Value
from django.db.models.signals import post_delete, post_save

from .models import SearchEntry

TEXT_SEARCH_CONFIG = "dutch_unaccent"
BATCH_SIZE = 500


def fold(text):
    """Lower case without accents, as PostgreSQL's lower(unaccent()): 'Café' -> 'cafe'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def index_rows(search_type, rows):
    """Write the entries of `rows` (a queryset of the type's model): one query to read the
    searched fields, one to write (insert or update) the entries."""
    paths = list(search_type.weighted_fields)
    fields = list(dict.fromkeys([search_type.title_field, *paths]))
    entries = []
    # Only forward relations (related_paths), so one row per pk.
    for pk, *values in rows.order_by().values_list("pk", *fields):
        row = dict(zip(fields, ("" if value is None else str(value) for value in values),
                       strict=True))
        entries.append(SearchEntry(
            search_type=search_type.key,
            object_id=pk,
            title=fold(row[search_type.title_field]),
            text=fold("\n".join(row[path] for path in paths)),
            document=_document(search_type, row),
        ))
    SearchEntry.objects.bulk_create(
        entries, batch_size=BATCH_SIZE, update_conflicts=True,
        unique_fields=["search_type", "object_id"], update_fields=["title", "text", "document"],
    )
    return len(entries)


def _document(search_type, row):
    """The weighted full-text vector of a row, computed by PostgreSQL as the row is written."""
    if connection.vendor != "postgresql":
        return None
    from django.contrib.postgres.search import SearchVector

    vector = None
    for path, weight in search_type.weighted_fields.items():
        part = SearchVector(Value(row[path]), weight=weight, config=TEXT_SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


def rebuild(search_type):
    """All entries of one type anew, in batches. Returns the number of rows indexed."""
    rows = search_type.model._base_manager
    with transaction.atomic():
        SearchEntry.objects.filter(search_type=search_type.key).delete()
        pks = rows.order_by("pk").values_list("pk", flat=True)
        return sum(index_rows(search_type, rows.filter(pk__in=batch))
                   for batch in itertools.batched(pks, BATCH_SIZE))


def fill_missing(search_types):
    """Rebuild the types whose number of entries is not their number of rows: rows made
    before the index existed, or in bulk without it. Two counts per type when all is well."""
    counts = dict(SearchEntry.objects.order_by().values_list("search_type")
                  .annotate(Count("pk")))
    rebuilt = []
    for search_type in search_types:
        if search_type.model._base_manager.count() != counts.get(search_type.key, 0):
            rebuild(search_type)
            rebuilt.append(search_type.key)
    return rebuilt


def watch(search_type):
    """Keep the type's entries current on save and delete, of its own rows and of the rows
    its field paths go through."""
    model = search_type.model
    uid = f"search-index-{search_type.key}"
    post_save.connect(partial(_saved, search_type), sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(partial(_deleted, search_type), sender=model, weak=False,
                        dispatch_uid=uid)
    for path, related_model in related_paths(search_type):
        post_save.connect(partial(_related_saved, search_type, path), sender=related_model,
                          weak=False, dispatch_uid=f"{uid}-{path}")


def related_paths(search_type):
    """(path, model) for each relation the searched field paths go through:
    "place__neighbourhood__name" gives ("place", Place) and ("place__neighbourhood",
    Neighbourhood)."""
    found = {}
    for path in search_type.weighted_fields:
        model, parts = search_type.model, path.split("__")
        for depth, name in enumerate(parts[:-1], start=1):
            field = model._meta.get_field(name)
            if isinstance(field, ForeignObjectRel) or field.many_to_many:
                # A reverse or many-to-many relation changes without a save of either row.
                raise ValueError(f"Search type {search_type.key!r}: {path!r} goes through "
                                 f"{name!r}, which the search index cannot follow.")
            model = field.related_model
            found["__".join(parts[:depth])] = model
    return list(found.items())


def _saved(search_type, sender, instance, **kwargs):
    index_rows(search_type, sender._base_manager.filter(pk=instance.pk))


def _deleted(search_type, sender, instance, **kwargs):
    SearchEntry.objects.filter(search_type=search_type.key, object_id=instance.pk).delete()


def _related_saved(search_type, path, sender, instance, **kwargs):
    index_rows(search_type, search_type.model._base_manager.filter(**{path: instance}))
