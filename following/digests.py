"""The weekly digest of each follower: per followed subject, what is new since the follower's
last digest (news, new opportunities) and what is on in the coming week.

`build_digests` works on a batch of followers at once: one `news` and one `describe` call per
subject kind for all their subjects together, so the number of queries depends on the number
of kinds, not on the number of followers or of followers per subject (scripts/benchmark_
following.py and tests/following/test_digests.py check it)."""

from dataclasses import dataclass, field

from . import subjects


@dataclass
class Block:
    """One followed subject in a digest: its title and link, and its items per section."""

    described: subjects.Described
    sections: dict = field(default_factory=dict)  # section label -> [Item]


@dataclass
class Digest:
    follower: object
    blocks: list

    @property
    def is_empty(self):
        return not self.blocks


def _since(follower, subscription):
    if follower.last_digest_at is None:
        return subscription.created_at
    return max(follower.last_digest_at, subscription.created_at)


def build_digests(followers, now):
    """A Digest per follower (subscriptions prefetched), in the order given."""
    followers = list(followers)
    keys_by_kind, since_by_kind = {}, {}
    for follower in followers:
        for subscription in follower.subscriptions.all():
            kind = subscription.kind
            keys_by_kind.setdefault(kind, set()).add(subscription.key)
            since = _since(follower, subscription)
            if kind not in since_by_kind or since < since_by_kind[kind]:
                since_by_kind[kind] = since
    news, described = {}, {}
    for kind, keys in keys_by_kind.items():
        if kind not in subjects.kinds:
            continue  # an app that registered this kind is gone; its subscriptions wait
        registered = subjects.kinds.get(kind)
        keys = sorted(keys)
        for key, items in subjects.news(kind, keys, since_by_kind[kind], now).items():
            news[kind, key] = items
        for key, description in registered.describe(keys).items():
            described[kind, key] = description
    digests = []
    for follower in followers:
        blocks = []
        for subscription in sorted(follower.subscriptions.all(),
                                   key=lambda item: (item.kind, item.created_at, item.pk)):
            subject = (subscription.kind, subscription.key)
            if subject not in described:
                continue
            since = _since(follower, subscription)
            block = Block(described[subject])
            for item in news.get(subject, ()):
                if item.changed_at is None or item.changed_at > since:
                    block.sections.setdefault(item.section, []).append(item)
            if block.sections:
                blocks.append(block)
        digests.append(Digest(follower, blocks))
    return digests
