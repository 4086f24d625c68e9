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


class BreakerRedisCache(RedisCache):
    """django-redis's cache backend with the circuit breaker (settings.CACHES)."""

    @property
    def client(self):
        if getattr(self, "_guarded", None) is None:
            self._guarded = _GuardedClient(super().client, breaker_for(self._server))
        return self._guarded
