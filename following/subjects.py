"""What can be followed: the registry of subject kinds.

An app makes its pages followable by registering a SubjectKind in its AppConfig.ready():

    from following.public import Item, SubjectKind, register
    register(SubjectKind(kind="idee", label=_("idee"), describe=..., news=...))

- `kind`: a short slug, stored with every subscription ("wijk", "plek", "initiatief",
  "kansen"; the ideas app adds "idee"). Never rename one: stored subscriptions name it.
- `describe(keys)`: {key: Described(title, path)} for the keys that still exist and are public.
  A subscription whose key is no longer described (the page was removed) is left out of digests
  and shown as "niet meer te vinden" on the management page.
- `news(keys, since, now)`: {key: [Item, ...]} for ALL the keys at once: what the weekly digest
  says about each subject. Items with `changed_at` are news (sent when newer than the
  follower's last digest); items without are the coming week's agenda. It must use a fixed
  number of queries whatever the number of keys or followers (the benchmark checks).
- `clean_key(raw)`: the key in its one stored form, or None when it names nothing followable.

Another app may add news to a kind it does not own with add_news(kind, news): the ideas app adds
the status changes of a neighbourhood's ideas to the "wijk" digests. The same rules as for
`news` apply (all keys at once, a fixed number of queries).

Something that must go out at once (an answer to an idea someone follows) is sent with
following.public.notify_now(kind, key, item), not through the digest.

The four kinds of the existing apps are in following/kinds.py; the registry lives here so the
core and the other apps need not know about them."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from zuidwest.registry import Registry


@dataclass(frozen=True)
class Described:
    title: str
    path: str  # on the site; mails put settings.SITE_URL before it


@dataclass(frozen=True)
class Item:
    section: str  # the heading it goes under: "Deze week", "Nieuws", "Nieuwe kansen"
    title: str
    path: str
    when: datetime | date | None = None  # shown as a date (and time), in the reader's language
    where: str = ""  # a place's name
    changed_at: datetime | None = None  # None: on the agenda of the coming week

    @property
    def has_time(self):
        return isinstance(self.when, datetime)


def _identity(raw):
    return raw or None


@dataclass(frozen=True)
class SubjectKind:
    kind: str
    label: str
    describe: Callable[[Iterable[str]], dict[str, Described]]
    news: Callable[[Iterable[str], datetime, datetime], dict[str, list[Item]]]
    clean_key: Callable[[str], str | None] = _identity


kinds: Registry[str, SubjectKind] = Registry("followed subjects", lambda kind: kind.kind)


def register(kind: SubjectKind) -> SubjectKind:
    return kinds.register(kind)


# {kind: [news, ...]}: what other apps add to a kind's news (add_news).
_added_news: dict[str, list] = {}


def add_news(kind, news):
    """Add `news(keys, since, now)` to what the digest says about the subjects of `kind`."""
    added = _added_news.setdefault(kind, [])
    if news not in added:
        added.append(news)


def news(kind, keys, since, now):
    """{key: [Item]} of a registered kind: its own news, then what other apps add."""
    keys = list(keys)
    found = {}
    for source in (kinds.get(kind).news, *_added_news.get(kind, ())):
        for key, items in source(keys, since, now).items():
            found.setdefault(key, []).extend(items)
    return found


def clean(kind, raw_key):
    """(kind, key) in stored form, or None when it cannot be followed."""
    if not isinstance(kind, str) or kind not in kinds:
        return None
    key = kinds.get(kind).clean_key((raw_key or "").strip()[:1000])
    if not key or len(key) > 200:
        return None
    return kind, key


def describe(kind, key):
    """The title and path of one subject, or None when it does not exist (any more)."""
    if kind not in kinds:
        return None
    return kinds.get(kind).describe([key]).get(key)


def describe_all(pairs):
    """{(kind, key): Described} for many subjects: one call per kind."""
    by_kind = {}
    for kind, key in pairs:
        by_kind.setdefault(kind, set()).add(key)
    found = {}
    for kind, keys in by_kind.items():
        if kind in kinds:
            for key, described in kinds.get(kind).describe(sorted(keys)).items():
                found[kind, key] = described
    return found
