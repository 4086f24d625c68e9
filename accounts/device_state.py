"""Is a device session still active? Asked on every authenticated request (POL-A-002).

The answer is cached so a request costs one cache lookup, not a query: "0" (revoked, final) or
"1:<version>" (active, as of the user's `devices_version`). Every revocation moves that
version in the same transaction as `revoked_at`, and the request has just read the user row,
so a cached "active" written under an older version is ignored and the database decides.
Revocation is therefore exact even when its cache writes were lost (Redis unreachable during
the revoke, back afterwards with its old data); the cache writes below only keep the next
request fast. A miss — or Redis down, which the default cache reports as a miss — asks the
database, so revocation never fails open (docs/adr/0006-token-revocation.md, ADR 0038)."""

from django.core.cache import cache

# A cached "active" is checked against the version on every request, so its lifetime no
# longer bounds how stale an answer can be; it only bounds how long the key stays in Redis.
ACTIVE_TTL_SECONDS = 15 * 60
REVOKED_TTL_SECONDS = 60 * 60  # longer than any access token lives
REVOKED = "0"


def _key(session_id) -> str:
    return f"device:{session_id}"


def device_is_active(session_id, version: int, read: bool | None = None) -> bool:
    """`version` is the devices_version of the token's user, read on this request; `read`,
    if given, is the session's state read from the database with it (the same query, so
    no older than the version)."""
    from accounts.models import DeviceSession

    cached = cache.get(_key(session_id))
    if cached == REVOKED:
        return False
    if cached == f"1:{version}":
        return True
    active = (
        DeviceSession.objects.filter(pk=session_id, revoked_at__isnull=True).exists()
        if read is None
        else read
    )
    if active:
        cache.set(_key(session_id), f"1:{version}", ACTIVE_TTL_SECONDS)
    else:
        cache.set(_key(session_id), REVOKED, REVOKED_TTL_SECONDS)
    return active


def device_forget(session_ids) -> None:
    """Called inside the revoking transaction: drop cached answers so the next request asks
    the database (the version moved with the revocation covers a lost delete)."""
    cache.delete_many([_key(sid) for sid in session_ids])


def device_mark_revoked(session_ids) -> None:
    """Called after the revocation committed: the next request needs no query."""
    cache.set_many({_key(sid): REVOKED for sid in session_ids}, REVOKED_TTL_SECONDS)
