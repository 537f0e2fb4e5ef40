"""A typed registry that refuses a second registration under the same key.

The core packages (review, partner area, search) keep what the domain apps contribute in
registries; the domain apps fill them in their AppConfig.ready(). A duplicate is a programming
error (an app registered twice, or two apps claim the same model or key), so it raises at
start-up instead of silently replacing the first.
"""

from collections.abc import Callable, Iterator


class AlreadyRegistered(Exception):
    pass


class NotRegistered(KeyError):
    pass


class Registry[K, V]:
    def __init__(self, name: str, key: Callable[[V], K]):
        self.name = name
        self._key = key
        self._items: dict[K, V] = {}

    def register(self, item: V) -> V:
        key = self._key(item)
        if key in self._items:
            raise AlreadyRegistered(f"{self.name}: {key!r} is already registered.")
        self._items[key] = item
        return item

    def get(self, key: K) -> V:
        try:
            return self._items[key]
        except KeyError:
            raise NotRegistered(f"{self.name}: nothing registered for {key!r}.") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[V]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)
