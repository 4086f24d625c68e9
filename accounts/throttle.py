"""Throttling of guesses (POL-A-005): sign-in, password change, registration — and any other
door that answers "right or wrong" (password reset uses it too). Counters live in the `guard`
cache (Redis in production), so limits hold across gunicorn workers.

The increment is the check (ADR 0038): an attempt first adds one to each of its counters,
atomically (Redis INCRBY), and goes ahead only if every new count is within its limit. Checking
a count and incrementing it later let a burst of parallel guesses all pass the check (20
parallel wrong passwords got 6–9 checked instead of 5). The attempt is counted before any
password is hashed, so a throttled guess costs us nothing; an attempt that turns out fine is
given back (`throttle_undo`) or clears its key (`throttle_reset`).

The `guard` alias raises on Redis errors instead of answering "miss": if the counters cannot be
written, the door fails closed (503) rather than allowing unlimited guessing.

Use: declare a `Limit` (its maximum and window come from settings, read at each call), then
`throttle_hit((LIMIT, key), …)` before the check, `throttle_reset(LIMIT, key)` after success."""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from accounts.exceptions import TooManyAttempts
from jobboard import metrics
from jobboard.errors import ServiceUnavailable

logger = logging.getLogger(__name__)


class ThrottleUnavailable(ServiceUnavailable):
    title = "Sign-in unavailable"
    type_slug = "sign-in-unavailable"
    retry_after = 5


@dataclass(frozen=True)
class Limit:
    """At most settings.<max_setting> attempts per key in a fixed window of
    settings.<window_setting> seconds that opens with the key's first attempt."""

    scope: str
    max_setting: str
    window_setting: str = "SIGNIN_FAILURE_WINDOW"

    @property
    def most(self) -> int:
        return int(getattr(settings, self.max_setting))

    @property
    def window(self) -> int:
        return int(getattr(settings, self.window_setting))

    def keys(self, value: str) -> tuple[str, str]:
        # Hash the email/IP/user: keys stay short and the cache holds no personal data in clear.
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}", f"throttle:{self.scope}:{digest}:until"


SIGNIN_EMAIL = Limit("email", "SIGNIN_MAX_FAILURES_PER_EMAIL")
SIGNIN_IP = Limit("ip", "SIGNIN_MAX_FAILURES_PER_IP")
# Guessing the current password on the change-password form is guessing a password.
PASSWORD_CHANGE = Limit("password-change", "SIGNIN_MAX_FAILURES_PER_EMAIL")
# Registration answers whether an email is taken: an enumeration channel, so every attempt counts.
SIGNUP_IP = Limit("signup", "SIGNUP_MAX_PER_IP")
# Password reset requests (POL-PRIV-001), limited like sign-in guesses: each sends an email, so
# every request counts, per address asked for and per client IP.
PASSWORD_RESET_EMAIL = Limit("reset-email", "SIGNIN_MAX_FAILURES_PER_EMAIL")
PASSWORD_RESET_IP = Limit("reset-ip", "SIGNIN_MAX_FAILURES_PER_IP")
# Deleting the account asks for the password: a guess like a sign-in.
ACCOUNT_DELETE = Limit("account-delete", "SIGNIN_MAX_FAILURES_PER_EMAIL")


def _guard():
    return caches["guard"]


def _unavailable(exc: Exception) -> ThrottleUnavailable:
    logger.error("throttle store unavailable: %s", exc)
    return ThrottleUnavailable(_("Signing in is unavailable right now; retry shortly."))


def _count(store, limit: Limit, value: str) -> tuple[int, float]:
    """One more attempt for `value`: the new count and when its window closes."""
    count_key, until_key = limit.keys(value)
    window = limit.window
    for _attempt in range(2):
        if store.add(count_key, 0, window):
            store.set(until_key, time.time() + window, window)
        try:
            count = store.incr(count_key)
        except ValueError:  # the window closed between add and incr: open a new one
            continue
        return count, float(store.get(until_key) or time.time() + window)
    raise RuntimeError("throttle counter vanished twice in a row")


def throttle_hit(*hits: tuple[Limit, str | None], detail: str = "") -> None:
    """Count one attempt against each (limit, value) — values that are None or empty are
    skipped — and raise TooManyAttempts (with the seconds to wait) when any count is now past
    its limit; ThrottleUnavailable when the counters cannot be written."""
    try:
        store = _guard()
        counted = [(limit, *_count(store, limit, value)) for limit, value in hits if value]
    except Exception as exc:  # any cache failure: fail closed, never allow unlimited guesses
        raise _unavailable(exc) from exc
    over = [(limit, until) for limit, count, until in counted if count > limit.most]
    if over:
        wait = max(1, int(max(until for _limit, until in over) - time.time()) + 1)
        for limit, _until in over:
            metrics.login_throttled(limit.scope)
        raise TooManyAttempts(detail, retry_after=wait)


def throttle_undo(limit: Limit, value: str | None) -> None:
    """Give one attempt back (it turned out to be no guess: a sign-in that succeeded)."""
    if not value:
        return
    try:
        _guard().decr(limit.keys(value)[0])
    except ValueError:  # the window closed meanwhile: nothing to give back
        pass
    except Exception:  # the attempt already succeeded; the count only expires later
        logger.warning("could not give a throttled attempt back", exc_info=True)


def throttle_reset(limit: Limit, value: str | None) -> None:
    """Forget every attempt of `value` (the right password was given)."""
    if not value:
        return
    try:
        _guard().delete_many(list(limit.keys(value)))
    except Exception:  # the attempt already succeeded; a stale counter only expires later
        logger.warning("could not reset a throttle counter", exc_info=True)
