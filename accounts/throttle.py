"""Sign-in throttling (POL-A-005): failed attempts are counted per email and per client IP in
the `guard` cache (Redis in production), so the limits hold across gunicorn workers.

The check runs before any password hashing, so a throttled guess costs us nothing. The
`guard` alias raises on Redis errors instead of answering "miss": if the counters cannot be
read, sign-in fails closed (503) rather than allowing unlimited guessing."""

import hashlib
import logging
import time

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


def _guard():
    return caches["guard"]


def _keys(kind: str, value: str) -> tuple[str, str]:
    # Hash the email/IP: keys stay short and the cache holds no personal data in clear.
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"signin:{kind}:{digest}", f"signin:{kind}:{digest}:until"


def _limits(email: str, ip_address: str | None) -> list[tuple[str, str, int]]:
    limits = [("email", email.strip().lower(), settings.SIGNIN_MAX_FAILURES_PER_EMAIL)]
    if ip_address:
        limits.append(("ip", ip_address, settings.SIGNIN_MAX_FAILURES_PER_IP))
    return limits


def _check(limits, *, detail: str = "") -> None:
    try:
        store = _guard()
        for kind, value, limit in limits:
            count_key, until_key = _keys(kind, value)
            values = store.get_many([count_key, until_key])
            if int(values.get(count_key) or 0) >= limit:
                until = float(values.get(until_key) or time.time() + 1)
                wait = max(1, int(until - time.time()) + 1)
                metrics.login_throttled(kind)
                raise TooManyAttempts(detail, retry_after=wait)
    except TooManyAttempts:
        raise
    except Exception as exc:  # any cache failure: fail closed, never allow unlimited guesses
        logger.error("sign-in throttle store unavailable: %s", exc)
        raise ThrottleUnavailable(_("Signing in is unavailable right now; retry shortly.")) from exc


def _count(limits) -> None:
    """One more attempt for each (kind, value); a fixed window of SIGNIN_FAILURE_WINDOW
    seconds opens with the first one."""
    window = settings.SIGNIN_FAILURE_WINDOW
    try:
        store = _guard()
        for kind, value, _limit in limits:
            count_key, until_key = _keys(kind, value)
            if store.add(count_key, 0, window):
                store.set(until_key, time.time() + window, window)
            try:
                store.incr(count_key)
            except ValueError:  # expired between add and incr: start a new window
                store.set(count_key, 1, window)
                store.set(until_key, time.time() + window, window)
    except Exception as exc:
        logger.error("sign-in throttle store unavailable: %s", exc)
        raise ThrottleUnavailable(_("Signing in is unavailable right now; retry shortly.")) from exc


def signin_throttle_check(*, email: str, ip_address: str | None) -> None:
    """Raise TooManyAttempts (with the seconds to wait) when the email or the IP has used up
    its failures in the current window; ThrottleUnavailable when the counters are unreadable."""
    _check(_limits(email, ip_address))


def signin_throttle_fail(*, email: str, ip_address: str | None) -> None:
    """Count one failed sign-in for the email and the IP."""
    _count(_limits(email, ip_address))


def signup_throttle_hit(*, ip_address: str | None) -> None:
    """Registration answers whether an email is taken, so it is an enumeration channel too:
    every attempt counts against the client IP (SIGNUP_MAX_PER_IP per window)."""
    if not ip_address:
        return
    limits = [("signup", ip_address, settings.SIGNUP_MAX_PER_IP)]
    _check(limits, detail=_("Too many registrations from this address; try again later."))
    _count(limits)


def signin_throttle_reset(*, email: str) -> None:
    """A successful sign-in clears the email's failures (the IP's count stays)."""
    try:
        _guard().delete_many(list(_keys("email", email.strip().lower())))
    except Exception:  # the sign-in already succeeded; a stale counter only expires later
        logger.warning("could not reset sign-in failures", exc_info=True)
