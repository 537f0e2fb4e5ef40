"""After `migrate`: entries for searchable rows that have none (the rows that existed before the
search index, or were loaded in bulk), see index.fill_missing."""

from django.db import connections
from django.db.migrations.executor import MigrationExecutor


def fill_index_after_migrate(sender, using, plan=None, verbosity=1, **kwargs):
    # `plan` is absent when flush sends this signal (between tests): nothing to fill then.
    # The code's models are only safe to use once every migration is applied.
    if plan is None:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    from .engine import search_types
    from .index import fill_missing

    rebuilt = fill_missing(search_types)
    if rebuilt and verbosity:
        print(f"Search index filled for: {', '.join(rebuilt)}")
