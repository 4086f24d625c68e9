"""Redis that costs milliseconds when it hangs: a circuit breaker in front of every cache
call, for the `default` and `guard` aliases alike (ADR 0033).

Every call is bounded by the connect and read timeouts (REDIS_CONNECT_TIMEOUT,
REDIS_SOCKET_TIMEOUT). A stopped Redis still accepts TCP connections and answers nothing,
so each call would wait out its timeout, several times per request; after one call fails
that way, the breaker fails every further call at once for REDIS_CIRCUIT_OPEN_SECONDS, then
lets a single call through to probe. Each alias keeps its own policy for a failed call:
`default` treats it as a miss, `guard` raises (sign-in fails closed, POL-A-005). The
breaker belongs to the Redis server, so one hung server trips both aliases at once."""

import logging
import socket
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from jobboard import metrics

logger = logging.getLogger(__name__)

# What a dead or hung server looks like; a Redis *answer* (ResponseError) is not one.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, socket.timeout)
# Client methods that never touch the network: always allowed (Django closes every cache at
# the end of each request, circuit open or not).
LOCAL_METHODS = frozenset(
    {
        "close",
        "do_close_clients",
        "disconnect",
        "connect",
        "get_client",
        "get_client_with_index",
        "get_next_client_index",
        "make_key",
        "make_pattern",
        "encode",
        "decode",
        "reverse_key",
    }
)


class CacheCircuitOpen(RedisConnectionError):
    """Raised instead of calling a Redis server that has just failed."""


class CircuitBreaker:
    """Closed: calls go through. A failed call opens it for `open_seconds`: calls fail at
    once. Then one call probes (the others still fail at once): success closes it, failure
    opens it again. Per process; thread-safe."""

    def __init__(self, name: str, open_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.open_seconds = open_seconds
        self.clock = clock
        self._open_until = 0.0  # 0: closed
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return bool(self._open_until)

    @property
    def refusing(self) -> bool:
        """Open and not yet due for a probe (unlike allow(), this claims nothing)."""
        return bool(self._open_until) and self.clock() < self._open_until

    def allow(self) -> bool:
        if not self._open_until:
            return True
        with self._lock:
            now = self.clock()
            if now < self._open_until:
                return False
            self._open_until = now + self.open_seconds  # this caller probes; others wait
            return True

    def succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                self._open_until = 0.0
            logger.warning("cache circuit closed: Redis answers again", extra={"cache": self.name})

    def failed(self) -> None:
        with self._lock:
            was_closed = not self._open_until
            self._open_until = self.clock() + self.open_seconds
        if was_closed:
            logger.error("cache circuit opened: Redis failed", extra={"cache": self.name})
            metrics.cache_circuit_opened()


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> CircuitBreaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = CircuitBreaker(
                location.rsplit("@", 1)[-1], settings.REDIS_CIRCUIT_OPEN_SECONDS
            )
        return _breakers[location]


def reset_breakers() -> None:
    """Forget every breaker (tests start each case with closed circuits)."""
    with _breakers_lock:
        _breakers.clear()


class _GuardedClient:
    """django-redis's client with every public method behind the breaker. django-redis
    turns server errors into ConnectionInterrupted, which each alias then ignores or
    re-raises; an open circuit raises the same, so both aliases keep their policy."""

    def __init__(self, client, breaker: CircuitBreaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name: str):
        attribute = getattr(self._client, name)
        if name.startswith("_") or name in LOCAL_METHODS or not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            if not self._breaker.allow():
                raise ConnectionInterrupted(connection=None) from CacheCircuitOpen(
                    f"Redis at {self._breaker.name} failed just now; not calling it"
                )
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as exc:
                if isinstance(exc.__cause__, OUTAGE_ERRORS):
                    self._breaker.failed()
                raise
            self._breaker.succeeded()
            return result

        return guarded


# Read caches this process may answer from its own memory while Redis is refused, by key
# prefix; their TTLs bound how stale they get (a write seen by one process only). Apps add
# theirs from AppConfig.ready() (jobs: "jobs:"). Keys behind a security decision (device
# state, ADR 0006) are never added: those fall back to the database.
LOCAL_WHILE_OPEN: set[str] = set()


class BreakerRedisCache(RedisCache):
    """django-redis's cache backend with the circuit breaker (settings.CACHES). An alias that
    treats failures as misses (IGNORE_EXCEPTIONS) answers LOCAL_WHILE_OPEN keys from a small
    in-process cache while the circuit refuses calls, so hot pages are built once per
    process rather than on every request of an outage; the guard alias never does."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache(
            f"while-open:{server}:{params.get('KEY_PREFIX', '')}",
            {"KEY_PREFIX": params.get("KEY_PREFIX", ""), "OPTIONS": {"MAX_ENTRIES": 2000}},
        )
        self._local_in_use = False

    @property
    def client(self):
        if getattr(self, "_guarded", None) is None:
            self._guarded = _GuardedClient(super().client, breaker_for(self._server))
        return self._guarded

    def _local_for(self, keys) -> LocMemCache | None:
        if not self._ignore_exceptions:
            return None
        breaker = breaker_for(self._server)
        if not breaker.is_open and self._local_in_use:
            self._local.clear()  # Redis is back: nothing from the outage is served again
            self._local_in_use = False
        if not breaker.refusing or not LOCAL_WHILE_OPEN:
            return None
        if not all(str(key).startswith(tuple(LOCAL_WHILE_OPEN)) for key in keys):
            return None
        self._local_in_use = True
        return self._local

    def get(self, key, default=None, version=None, client=None):
        local = self._local_for([key])
        if local is not None:
            return local.get(key, default, version)
        return super().get(key, default=default, version=version, client=client)

    def get_many(self, keys, version=None, **kwargs):
        local = self._local_for(keys)
        if local is not None:
            return local.get_many(keys, version)
        return super().get_many(keys, version=version, **kwargs)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        local = self._local_for([key])
        if local is not None:
            return local.set(key, value, timeout, version)
        return super().set(key, value, timeout, version=version, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        local = self._local_for([key])
        if local is not None:
            return local.add(key, value, timeout, version)
        return super().add(key, value, timeout, version=version, **kwargs)

    def incr(self, key, delta=1, version=None, **kwargs):
        local = self._local_for([key])
        if local is not None:
            return local.incr(key, delta, version)
        return super().incr(key, delta=delta, version=version, **kwargs)
