"""Site search over places, activities, initiatives and organisations.

What is searched is registered: each domain app registers its SearchTypes (which model, which
fields with which weight, its public queryset, how a row becomes a result) in its
AppConfig.ready(); results are grouped per type in the order of their `position`.

A search reads the search index (index.py): one stored entry per row of every type, written
when the row is saved, with the row's folded title and text and, on PostgreSQL, its weighted
full-text vector. One query finds, ranks and counts the matching entries of the
public rows (the public queryset is asked at search time, so a row that stops being public is
not found): one query for all types, a part per type with its own window; then one query per
type that found something reads the rows shown by primary key. Neither grows in number with the
data.

PostgreSQL: full-text search with Dutch stemming through the `dutch_unaccent` text search
configuration (migration zuidwest/0002: Dutch without accents, so "cafe" finds "Café"), ranked
with weights (title A, summary B, body C), plus trigram word similarity on the folded title so
typos ("buurtkamr") and word beginnings ("buurt") still find something. Both conditions are
answered by GIN indexes (migration zuidwest/0005): `document @@ query` and `title %> words`,
the indexable form of word_similarity(words, title) >= TRIGRAM_THRESHOLD.

Other databases (SQLite for local work and the default test run): every word must occur in
the entry's folded text (lower case, no accents, so "CAFE" finds "Café" here too), or a title
word spelled like it; ordered by title.

Words that mean the same to a resident but share no stem ("taalles" and "Taalcafé": Dutch
compounds, which neither the stemmer nor a substring search splits) are in SYNONYMS: a query
with one of them also finds what has another, on both databases.
"""

import datetime
import difflib
import re
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst

from zuidwest.registry import Registry

from . import index
from .index import TEXT_SEARCH_CONFIG, fold
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
RESULTS_PER_TYPE = 10
SNIPPET_LENGTH = 160
# word_similarity(query, title) from which a title counts as a (misspelt) match. pg_trgm's own
# default is 0.6; 0.3 let "taal" find "tafel", 0.5 still lets "buurtkamr" (0.8) find
# "Buurtkamer" and "moerwyk" (0.63) find "Moerwijk".
TRIGRAM_THRESHOLD = 0.5

# Groups of words and phrases that mean the same when someone looks for something to do. A
# query that holds one of them (as whole words) also searches with each of the others in its
# place. Kept small and in the code: a term belongs here once residents were seen to miss
# something with it.
SYNONYMS = [
    ("taalles", "taallessen", "taalcafé", "taalcafe", "nederlands leren"),
    ("huiswerkhulp", "huiswerkbegeleiding", "huiswerkklas"),
]

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    was_truncated: bool = False

    @property
    def words(self):
        return _WORD.findall(self.text)

    @property
    def excluded_words(self):
        """Words the visitor excluded with a minus: "buurtkamer -moerwijk" (web search syntax,
        understood on PostgreSQL)."""
        return [word for token in self.text.split(" ") if token.startswith("-")
                for word in _WORD.findall(token)]

    @property
    def trigram_text(self):
        """The words to compare with titles for typo tolerance: without excluded words and
        without words shorter than three letters ("de", "op"), which look like half of all
        titles."""
        kept = [token for token in self.text.split(" ") if not token.startswith("-")]
        return " ".join(word for word in _WORD.findall(" ".join(kept)) if len(word) >= 3)

    @property
    def is_empty(self):
        return not self.text

    @property
    def alternatives(self):
        """The query as typed, then the query with each synonym in place of a term of
        SYNONYMS it holds ("taalles moerwijk" -> "taalcafé moerwijk", ...)."""
        found = [self.text]
        folded = self.text.casefold()
        for group in SYNONYMS:
            for term in group:
                pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
                if pattern.search(folded):
                    found += [pattern.sub(other, folded) for other in group if other != term]
        return list(dict.fromkeys(found))

    @property
    def is_searchable(self):
        """False for input without a single letter or digit ("%%%", "!?"): nothing to find."""
        return bool(self.words)


def clean_query(raw):
    """What the visitor typed, made safe to search: no null bytes or other control characters
    (PostgreSQL rejects NUL in text), whitespace collapsed, at most MAX_QUERY_LENGTH
    characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = _CONTROL_CHARACTERS.sub(" ", text.replace("\x00", ""))
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) <= MAX_QUERY_LENGTH:
        return CleanQuery(text)
    return CleanQuery(text[:MAX_QUERY_LENGTH].rstrip(), was_truncated=True)


@dataclass
class SearchResult:
    title: str
    url: str
    snippet: str
    type_label: str
    is_demo: bool


@dataclass
class ResultGroup:
    key: str
    label: str
    results: list = field(default_factory=list)
    total: int = 0
    list_url: str = ""
    list_label: str = ""

    @property
    def has_more(self):
        return self.total > len(self.results)


# SQLite fallback typo tolerance: words from this length, at this difflib similarity.
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 0.8


@dataclass(frozen=True)
class SearchType:
    """How to search one model: which fields weigh how much, and how a row becomes a result."""

    key: str
    position: int  # result groups are shown in this order
    label: str
    list_url_name: str
    list_label: str
    public_queryset: Callable[[], QuerySet]
    title_field: str
    weighted_fields: dict[str, str]  # field path -> PostgreSQL weight "A" to "D"
    snippet: Callable[[Model], str]
    select_related: tuple[str, ...] = ()

    @property
    def model(self):
        return self.public_queryset().model

    def queryset(self):
        queryset = self.public_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def group(self, object_ids, total):
        """The ResultGroup of this type: the rows of `object_ids` (the best of `total`
        matches, in rank order), read by primary key. A row unpublished since it was found
        is left out."""
        rows = self.queryset().in_bulk(object_ids) if object_ids else {}
        return ResultGroup(
            key=self.key,
            label=self.label,
            results=[self.to_result(rows[object_id]) for object_id in object_ids
                     if object_id in rows],
            total=total,
            list_url=reverse(self.list_url_name) if self.list_url_name else "",
            list_label=self.list_label,
        )

    def to_result(self, obj):
        return SearchResult(
            title=str(getattr(obj, self.title_field)),
            url=obj.get_absolute_url(),
            snippet=Truncator(_WHITESPACE.sub(" ", self.snippet(obj) or "").strip()).chars(
                SNIPPET_LENGTH
            ),
            type_label=capfirst(obj._meta.verbose_name),
            # Not every searched model has sample rows (neighbourhoods are always real).
            is_demo=getattr(obj, "is_demo", False),
        )

    def contains_condition(self, query):
        """SQLite and other databases: every word (or a title word of this type spelled like
        it) occurs in the entry's searched text, for the query as typed or one of its
        alternatives (synonyms). The text is stored folded (lower case, no accents), so "CAFE"
        finds "Café". Django escapes % and _."""
        title_words = _words_in(self.public_queryset().values_list(self.title_field, flat=True))
        matches_any = Q()
        for text in query.alternatives:
            matches_all = Q()
            for word in _WORD.findall(text):
                matches_word = Q()
                for spelling in {word, *_close_spellings(word, title_words)}:
                    matches_word |= Q(text__contains=fold(spelling))
                matches_all &= matches_word
            matches_any |= matches_all
        return matches_any


def _postgresql_matches(entries, query):
    """The entries that match `query` on PostgreSQL, with their `search_rank`; and the order
    of the best first."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    # websearch_to_tsquery accepts anything a person types (quotes, "or", -word) without
    # raising a syntax error.
    search_query = None
    for text in query.alternatives:
        alternative = SearchQuery(text, config=TEXT_SEARCH_CONFIG, search_type="websearch")
        search_query = alternative if search_query is None else search_query | alternative
    # Both conditions can use a GIN index: `document @@ query`, and `title %> words`
    # (word_similarity(words, title) >= pg_trgm.word_similarity_threshold, which
    # search_everything sets to TRIGRAM_THRESHOLD).
    matches_text = Q(document=search_query)
    trigram_text = fold(query.trigram_text)
    is_similar = Q(title__trigram_word_similar=trigram_text) if trigram_text else Q(pk=None)
    if query.excluded_words:
        # "buurtkamer -moerwijk": a title that merely looks like the query must not bring
        # back what the visitor excluded.
        excluded = SearchQuery(" or ".join(query.excluded_words), config=TEXT_SEARCH_CONFIG,
                               search_type="websearch")
        is_similar &= ~Q(document=excluded)
    no_rank = Value(0.0, FloatField())
    matches = entries.filter(matches_text | is_similar).annotate(
        # ts_rank ignores negation ("-moerwijk" still scores), so only rows that match the
        # full-text query get a text rank; only similar titles add their similarity.
        search_rank=Case(When(matches_text, then=SearchRank(F("document"), search_query)),
                         default=no_rank)
        + Case(When(is_similar, then=TrigramWordSimilarity(Value(trigram_text), "title")),
               default=no_rank),
    )
    return matches, [F("search_rank").desc(), F("title").asc(), F("object_id").asc()]


def _ranked_matches(types, query):
    """{type key: ([object ids of the best RESULTS_PER_TYPE matches, best first], number of
    matches)} for the types that found something: one query over the index for all types, a
    UNION ALL of one part per type (_union)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(*_union_sql(types, query))
            rows = cursor.fetchall()
    else:
        rows = list(_union(types, query))
    found = {}
    for key, _position, object_id, total in sorted(rows):
        found.setdefault(key, ([], total))[0].append(object_id)
    return found


def _union(types, query):
    """(search type, position, object id, number of matches) of the best RESULTS_PER_TYPE
    matches of each type. The index holds every row; each type's public queryset says which
    may be shown now. Within its own part `object_id IN (public rows)` lets the planner pick
    per type: probe the public rows for a few matches, hash them for thousands ("activiteit"
    at ten times the data matches 20,000 activities)."""
    parts = []
    for search_type in types:
        entries = SearchEntry.objects.filter(
            search_type=search_type.key, object_id__in=search_type.public_queryset().values("pk"))
        if connection.vendor == "postgresql":
            entries, order = _postgresql_matches(entries, query)
        else:
            entries = entries.filter(search_type.contains_condition(query))
            order = [F("title").asc(), F("object_id").asc()]
        # Ranked, counted and cut off in the narrow index table (the total rides along on
        # every row).
        parts.append(
            entries.annotate(search_position=Window(RowNumber(), order_by=order),
                             search_total=Window(Count("pk")))
            .filter(search_position__lte=RESULTS_PER_TYPE)
            .values_list("search_type", "search_position", "object_id", "search_total")
        )
    return parts[0].union(*parts[1:], all=True)


@dataclass(frozen=True)
class _StandIn:
    """A query of the same shape as a real one, with stand-in words, to compile the union once
    for every query of that shape (_union_sql). Lower-case letters only: fold() keeps them."""

    alternative_count: int
    has_trigram_text: bool
    has_excluded_words: bool

    @property
    def alternatives(self):
        return [f"zwstandinalternative{number}x" for number in range(self.alternative_count)]

    @property
    def trigram_text(self):
        return "zwstandintrigramx" if self.has_trigram_text else ""

    @property
    def excluded_words(self):
        return ["zwstandinexcludedx"] if self.has_excluded_words else []

    def values(self, query):
        """{stand-in parameter: the real query's value}, as _postgresql_matches passes them."""
        values = dict(zip(self.alternatives, query.alternatives, strict=True))
        values["zwstandintrigramx"] = fold(query.trigram_text)
        values["zwstandinexcludedx"] = " or ".join(query.excluded_words)
        return values


_compiled_unions = {}


def _union_sql(types, query):
    """The union's SQL and parameters for `query` on PostgreSQL. Compiling seven parts through
    the ORM was about half of a new search's time (kept: 36 ms to 20 ms in one process), and
    the SQL differs only by the query's shape (how many alternatives, with typo tolerance or
    excluded words) and, in the public querysets, the date: compiled once per shape and day,
    with stand-in words the real query's then replace. Parameters with a time of day are never
    kept."""
    stand_in = _StandIn(len(query.alternatives), bool(query.trigram_text),
                        bool(query.excluded_words))
    key = (tuple(search_type.key for search_type in types), stand_in, timezone.localdate(),
           timezone.now().date())
    compiled = _compiled_unions.get(key)
    if compiled is None:
        compiled = _union(types, stand_in).query.sql_with_params()
        if not any(isinstance(value, datetime.datetime) for value in compiled[1]):
            if len(_compiled_unions) >= 100:
                _compiled_unions.clear()
            _compiled_unions[key] = compiled
    sql, parameters = compiled
    values = stand_in.values(query)
    return sql, [values.get(value, value) if isinstance(value, str) else value
                 for value in parameters]


def _words_in(titles):
    """{folded word: word as written} for the words of the titles."""
    return {fold(word): word for title in titles for word in _WORD.findall(title)}


def _close_spellings(word, title_words, cutoff=FUZZY_CUTOFF):
    """Title words that look like `word` ('buurtkamr' -> 'Buurtkamer', 'cafe' -> 'Café'):
    a small typo tolerance for SQLite, where PostgreSQL's trigrams are not available. The
    vocabulary is the titles only, which keeps it small on a local database. Short words on
    either side are left out: "baan" looks like "aan", which occurs in half of all texts."""
    if len(word) < FUZZY_MIN_LENGTH:
        return []
    candidates = {folded: written for folded, written in title_words.items()
                  if len(folded) >= FUZZY_MIN_LENGTH}
    matches = difflib.get_close_matches(fold(word), candidates, n=3, cutoff=cutoff)
    return [candidates[match] for match in matches]


search_types: Registry[str, SearchType] = Registry("search types", lambda t: t.key)


def register(search_type: SearchType) -> SearchType:
    """Search `search_type`, and keep its rows' entries in the search index current."""
    search_types.register(search_type)
    index.watch(search_type)
    return search_type


# "Bedoelde je ...?": a title word this close to a word that found nothing is offered instead.
SUGGESTION_CUTOFF = 0.75
# PostgreSQL: the titles to compare with are those with a word at least this much like a query
# word (pg_trgm word_similarity, through the title's index); "bouwlsut" is 0.56 like
# "Buurtkamer Bouwlust", "vredreust" 0.43 like "Vrederust". difflib decides among them.
SUGGESTION_TRIGRAM_THRESHOLD = 0.3


def suggestion(query):
    """For a search that found nothing: the query with each word that is no title word replaced
    by the closest title word of any type ("moerwyk" -> "Moerwijk"), or "" when there is none.
    One query per type, only on this path."""
    # Shorter words are never replaced (_close_spellings): nothing to look up for them.
    long_words = [word for word in query.words if len(word) >= FUZZY_MIN_LENGTH]
    if not long_words:
        return ""
    vocabulary = {}
    with _trigram_threshold(SUGGESTION_TRIGRAM_THRESHOLD):
        for search_type in search_types:
            vocabulary.update(_words_in(_titles_like(search_type, long_words)))
    words, changed = [], False
    for word in query.words:
        close = [] if fold(word) in vocabulary else _close_spellings(
            word, vocabulary, cutoff=SUGGESTION_CUTOFF)
        words.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(words) if changed else ""


def _titles_like(search_type, words):
    """The public titles of a type to take words from: on PostgreSQL only those like one of
    `words` (reading all of them cost a quarter of a second with 20,000 activities)."""
    titles = search_type.public_queryset()
    if connection.vendor == "postgresql":
        similar = Q()
        for word in words:
            similar |= Q(title__trigram_word_similar=fold(word))
        titles = titles.filter(pk__in=SearchEntry.objects.filter(
            similar, search_type=search_type.key).values("object_id"))
    return titles.values_list(search_type.title_field, flat=True)


@contextmanager
def _trigram_threshold(value):
    """On PostgreSQL, the threshold of the indexable `%>` operator for the queries inside (SET
    LOCAL in a transaction: also right behind a connection pooler)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                           [str(value)])
        yield


def search_everything(query):
    """One ResultGroup per type that found something, in the types' order: one query finds,
    ranks and counts the matches of all types, then one per type that found something reads
    the rows shown. No queries at all for an empty query or one without letters or digits."""
    if not query.is_searchable:
        return []
    types = sorted(search_types, key=lambda t: t.position)
    with _trigram_threshold(TRIGRAM_THRESHOLD):
        found = _ranked_matches(types, query)
        groups = [search_type.group(*found[search_type.key])
                  for search_type in types if search_type.key in found]
    return [group for group in groups if group.total]
