"""Site search: the engine (PostgreSQL full-text search with typo tolerance, a simple fallback
elsewhere) over the search types the domain apps register, the search index that holds their
rows' text ready (index.py, kept current on save), and the search page."""

from .engine import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_TYPE,
    SearchType,
    clean_query,
    register,
    search_everything,
    search_types,
)

__all__ = ["MAX_QUERY_LENGTH", "RESULTS_PER_TYPE", "SearchType", "clean_query", "register",
           "search_everything", "search_types"]
