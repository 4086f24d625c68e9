"""Is a device session still active? Asked on every authenticated request (POL-A-002).

The answer is cached ("1" active / "0" revoked) so a request costs one cache lookup, not a
query. A miss — or Redis being down, which the default cache reports as a miss — falls back
to the database, so revocation never fails open. Revocation writes the database first, then
overwrites the cache entry; the short TTL bounds staleness if that overwrite was lost to a
Redis partition (docs/adr/0006-token-revocation.md)."""

from django.core.cache import cache

ACTIVE_TTL_SECONDS = 60
REVOKED_TTL_SECONDS = 60 * 60


def _key(session_id) -> str:
    return f"device:{session_id}"


def device_is_active(session_id) -> bool:
    from accounts.models import DeviceSession

    cached = cache.get(_key(session_id))
    if cached is not None:
        return cached == "1"
    active = DeviceSession.objects.filter(pk=session_id, revoked_at__isnull=True).exists()
    # `add`, not `set`: if a revocation wrote "0" between our query and now, it must win.
    cache.add(_key(session_id), "1" if active else "0", ACTIVE_TTL_SECONDS)
    return active


def device_forget(session_ids) -> None:
    """Called inside the revoking transaction: drop any cached "1" so the next request asks
    the database (which, once we commit, says revoked). A reader that re-caches "1" before
    the commit is overwritten by device_mark_revoked right after it."""
    cache.delete_many([_key(sid) for sid in session_ids])


def device_mark_revoked(session_ids) -> None:
    """Called after the revocation committed. "0" outlives any access token (15 minutes)."""
    cache.set_many({_key(sid): "0" for sid in session_ids}, REVOKED_TTL_SECONDS)
