"""Django's Redis cache, failing open: while Redis cannot be reached the cache behaves as an
empty cache that forgets what is written, so pages are built from the database instead of
failing. Sessions are not in the cache at all (settings.SESSION_ENGINE), and the sign-up limit
counts nothing until Redis is back.

After a failure this process leaves Redis alone for `REST_SECONDS`, so a dead Redis costs one
short socket timeout (settings: socket_connect_timeout, socket_timeout) per process every few
seconds, not one per cache call. Each failure is logged once, as a warning.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

REST_SECONDS = 5.0
_resting_until = {}  # servers -> time.monotonic() until which they are not tried


def _fail_open(missing):
    """Run the operation; on a Redis error (or while resting) return `missing(*args)`: what an
    empty cache that stores nothing would answer."""

    def decorate(operation):
        @wraps(operation)
        def guarded(self, *args, **kwargs):
            servers = tuple(self._servers)
            if time.monotonic() < _resting_until.get(servers, 0):
                return missing(*args, **kwargs)
            try:
                return operation(self, *args, **kwargs)
            except RedisError as error:
                _resting_until[servers] = time.monotonic() + REST_SECONDS
                logger.warning("Redis cache unreachable (%s: %s); serving without it for "
                               "%s seconds.", operation.__name__, error, REST_SECONDS)
                return missing(*args, **kwargs)

        return guarded

    return decorate


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, version=None):
    return default


def _nothing_found(keys, version=None):
    return {}


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


def _not_found(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found.")  # what incr() says for a missing key


class FailOpenRedisCache(RedisCache):
    get = _fail_open(_default)(RedisCache.get)
    get_many = _fail_open(_nothing_found)(RedisCache.get_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    add = _fail_open(_false)(RedisCache.add)
    set = _fail_open(_none)(RedisCache.set)
    set_many = _fail_open(_all_keys_failed)(RedisCache.set_many)
    touch = _fail_open(_false)(RedisCache.touch)
    incr = _fail_open(_not_found)(RedisCache.incr)
    delete = _fail_open(_false)(RedisCache.delete)
    delete_many = _fail_open(_none)(RedisCache.delete_many)
    clear = _fail_open(_none)(RedisCache.clear)
