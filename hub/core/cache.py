"""A Redis cache that the hub can live without.

The default cache holds only what can be rebuilt: Wagtail's site-root paths, allauth's rate
limits and used two-step codes, the worker heartbeat. With Django's own ``RedisCache`` a Redis
that is down or unreachable turns every page that builds a Wagtail URL into a 500. This
backend answers as an empty cache that forgets at once instead: a read is a miss, a write or
delete does nothing, ``add`` succeeds. So with Redis down pages, sign-in and registration keep
working; rate limits and replay checks of two-step codes are off until it is back.

After a connection error the cache is not tried again for ``RETRY_AFTER`` seconds, so a Redis
host that does not answer at all costs one connect timeout per process every few seconds,
not one per call, and the log gets one warning per outage, not one per request.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Seconds to answer from "empty" without trying Redis after it failed.
RETRY_AFTER = 5
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
_MISS = object()


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache``, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # redis-py retries a failed connection three times with growing pauses (over a second
        # in all); a cache is not worth waiting for. One immediate retry still reconnects a
        # pooled connection that Redis closed (a restart). OPTIONS may override any of these.
        self._options = {
            "retry": Retry(NoBackoff(), 1),
            "socket_connect_timeout": 0.5,
            "socket_timeout": 1,
            **self._options,
        }
        self._down_until = 0

    def _try(self, method, fallback, *args):
        """``method(*args)``, or ``fallback`` if Redis is (or was a moment ago) unreachable."""
        if self._down_until > time.monotonic():
            return fallback
        try:
            result = method(*args)
        except UNAVAILABLE as error:
            if not self._down_until:
                logger.warning(
                    "The Redis cache is unreachable (%s): serving without it, trying again "
                    "every %s seconds",
                    error,
                    RETRY_AFTER,
                )
            self._down_until = time.monotonic() + RETRY_AFTER
            return fallback
        if self._down_until:
            logger.warning("The Redis cache answers again")
            self._down_until = 0
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # An empty cache takes any new key, so a lock or a "code used once" mark succeeds.
        return self._try(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._try(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._try(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._try(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._try(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._try(super().incr, _MISS, key, delta, version)
        if result is _MISS:
            # What every Django cache does for a key that is not there.
            raise ValueError(f"Key '{key}' not found (the Redis cache is unreachable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set_many, [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._try(super().delete_many, None, keys, version)

    def clear(self):
        return self._try(super().clear, False)
