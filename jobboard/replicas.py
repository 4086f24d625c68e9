"""Reads on a streaming replica, writes on the primary (ADR 0068).

`PrimaryReplicaRouter` sends a read to the "replica" database when all of these hold, and
to the primary ("default") otherwise:
- the replica answered its last health check, and its replay lag was within
  DATABASE_REPLICA_MAX_LAG seconds (checked at most every DATABASE_REPLICA_CHECK_SECONDS per
  process; a failed check keeps a process off the replica for that long);
- the request is a GET (or HEAD, OPTIONS), has not written anything, and no transaction is
  open on the primary (a read inside `atomic()` must see the transaction's own writes);
- the visitor is not pinned: `ReplicaPinMiddleware` pins a user (or, before sign-in, the
  client address) to the primary for DATABASE_REPLICA_PIN_SECONDS after a request of theirs
  wrote, in the cache, so every worker and pod sees it (read-your-writes); writes made
  `without_pin()` do not count (ADR 0087);
- the model is not in an app listed in PRIMARY_ONLY_APPS: sign-in state (users, device
  sessions) is always read on the primary, so a revoked device stops working at once
  whatever the replica's lag (POL-A-002).

Without DATABASE_REPLICA_URL there is no "replica" alias and everything is the primary."""

import contextlib
import contextvars
import threading
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.db.models import BooleanField, FloatField, Func, TextField

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_ONLY_APPS = frozenset({"accounts", "auth", "contenttypes", "django_tasks_database"})
PIN_KEY = "db:pin:"

# Per request (a context variable is per thread under gthread): the request, whether its
# visitor is pinned (None: not looked up yet), whether it has written.
_request: contextvars.ContextVar = contextvars.ContextVar("request", default=None)
_pinned: contextvars.ContextVar[bool | None] = contextvars.ContextVar("pinned", default=None)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


class _ReplicaHealth:
    """The replica's state as this process last measured it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.usable = False
        self.lag: float | None = None

    def is_usable(self) -> bool:
        if time.monotonic() - self.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
            return self.usable
        with self.lock:
            if time.monotonic() - self.checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
                self.lag = replica_lag()
                self.usable = self.lag is not None and self.lag <= settings.DATABASE_REPLICA_MAX_LAG
                self.checked_at = time.monotonic()
        return self.usable


health = _ReplicaHealth()


def replica_lag() -> float | None:
    """Seconds the replica is behind the primary; None when it cannot be asked. A replica
    that has replayed all it received is 0 behind (an idle primary sends nothing new)."""
    from django.contrib.contenttypes.models import ContentType

    # Standby functions have no ORM spelling; Func keeps them parameter-free expressions.
    caught_up = Func(
        Func(function="pg_last_wal_receive_lsn", output_field=TextField()),
        Func(function="pg_last_wal_replay_lsn", output_field=TextField()),
        template="(%(expressions)s)",
        arg_joiner=" = ",
        output_field=BooleanField(),
    )
    behind = Func(
        Func(function="pg_last_xact_replay_timestamp", output_field=FloatField()),
        template="EXTRACT(EPOCH FROM now() - %(expressions)s)",
        output_field=FloatField(),
    )
    try:
        row = (
            ContentType.objects.using(REPLICA)
            .annotate(caught_up=caught_up, behind=behind)
            .values_list("caught_up", "behind")
            .first()
        )
    except DatabaseError:
        connections[REPLICA].close()  # a broken connection must not be reused
        return None
    if row is None:
        return None
    caught_up_now, seconds = row
    return 0.0 if caught_up_now else max(0.0, seconds or 0.0)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def in_primary_transaction() -> bool:
    return connections[PRIMARY].in_atomic_block


def reads_from_primary() -> bool:
    """True when this request must see the primary's data: its visitor wrote a moment ago,
    or it wrote itself. Shared caches filled from the replica are skipped then too."""
    if _wrote.get():
        return True
    pinned = _pinned.get()
    if pinned is None:
        request = _request.get()
        # Looked up at the first routed read: by then DRF has authenticated a bearer token.
        pinned = request is not None and bool(cache.get_many(_pin_keys(request)))
        _pinned.set(pinned)
    return pinned


@contextlib.contextmanager
def without_pin() -> Iterator[None]:
    """Writes that the visitor never needs to read back at once, such as the record of a job
    page they opened (ADR 0087): they pin neither the visitor nor their address to the
    primary, and leave the request's later reads where they were. Only for statements that
    choose their rows on the primary themselves: a value read from the replica and written
    back could undo a newer write."""
    token = _wrote.set(_wrote.get())
    try:
        yield
    finally:
        _wrote.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            model._meta.app_label in PRIMARY_ONLY_APPS
            or in_primary_transaction()
            or not replica_configured()
            or reads_from_primary()
            or not health.is_usable()
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _pin_keys(request) -> list[str]:
    keys = [PIN_KEY + "ip:" + request.META.get("REMOTE_ADDR", "")]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys.append(PIN_KEY + f"user:{user.pk}")
    return keys


class ReplicaPinMiddleware:
    """Read-your-writes across workers and pods: after a request that wrote, its user (and
    its address, which covers a sign-in, where the user is known only afterwards) reads
    from the primary for DATABASE_REPLICA_PIN_SECONDS. The pins live in the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        # A request that writes reads everything from the primary too: a value read from the
        # replica and written back could undo a write the replica has not replayed yet.
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        tokens = (_request.set(request), _pinned.set(True if unsafe else None), _wrote.set(False))
        try:
            response = self.get_response(request)
            if _wrote.get():
                cache.set_many(
                    dict.fromkeys(_pin_keys(request), 1), settings.DATABASE_REPLICA_PIN_SECONDS
                )
        finally:
            for var, token in zip((_request, _pinned, _wrote), tokens, strict=True):
                var.reset(token)
        return response
