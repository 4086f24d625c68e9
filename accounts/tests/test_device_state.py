"""The per-request "is this device still signed in?" check (POL-A-002): one cache lookup
when the cache answers, the database when it does not, never fail open
(docs/adr/0006-token-revocation.md)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_redis.cache import RedisCache

from accounts import device_state
from accounts.device_state import device_is_active
from accounts.services import device_session_end, device_session_start
from accounts.tests.factories import JobseekerFactory
from conftest import sign_in

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every command fails at once with "connection refused".
DEAD_REDIS = "redis://127.0.0.1:1/0"


def _dead_redis(*, ignore_exceptions: bool) -> RedisCache:
    return RedisCache(
        DEAD_REDIS,
        {
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": ignore_exceptions,
            }
        },
    )


@pytest.fixture
def device():
    return device_session_start(user=JobseekerFactory(), name="t").device


def _active(device) -> bool:
    """As a request asks: with the version on the user row it has just read."""
    version = type(device.user).objects.get(pk=device.user_id).devices_version
    return device_is_active(device.pk, version)


def test_cached_answer_costs_no_query__POL_A_002(device):
    version = device.user.devices_version
    assert device_is_active(device.pk, version)  # warms the cache
    with CaptureQueriesContext(connection) as queries:
        assert device_is_active(device.pk, version)
    assert len(queries) == 0


def test_cache_miss_asks_database_once_then_caches__POL_A_002(device):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert device_is_active(device.pk, 7)
    assert len(queries) == 1
    assert cache.get(f"device:{device.pk}") == "1:7"


def test_an_answer_cached_under_another_version_is_not_trusted__POL_A_002(device):
    device_state.cache.set(f"device:{device.pk}", "1:0", 60)
    device.revoked_at = device.created_at
    device.save(update_fields=["revoked_at"])  # revoked, but the cache never heard of it
    assert not device_is_active(device.pk, 1)


def test_revocation_holds_when_redis_missed_it_and_comes_back_with_old_data__POL_A_002(
    api_client, monkeypatch, django_capture_on_commit_callbacks
):
    """Issue #13: a device revoked while Redis was unreachable (but kept its data) went on
    working for up to a minute once Redis was back. The user's version moved with the
    revocation, so the old "active" entry is ignored at once."""
    user = JobseekerFactory()
    signed_in = sign_in(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {signed_in.tokens.access}")
    assert api_client.get("/api/v1/auth/me").status_code == 200  # cached as active
    key = f"device:{signed_in.device.pk}"
    assert cache.get(key) is not None
    with monkeypatch.context() as outage:
        outage.setattr(device_state, "cache", _dead_redis(ignore_exceptions=True))
        with django_capture_on_commit_callbacks(execute=True):
            device_session_end(session_id=signed_in.device.pk)
    assert cache.get(key) is not None  # Redis is back with the stale entry
    assert api_client.get("/api/v1/auth/me").status_code == 401


def test_revocation_overrides_cached_active_at_once__POL_A_002(
    device, django_capture_on_commit_callbacks
):
    assert _active(device)
    with django_capture_on_commit_callbacks(execute=True):
        device_session_end(session_id=device.pk)
    assert cache.get(f"device:{device.pk}") == "0"
    assert not _active(device)


def test_cache_returning_nothing_falls_back_to_database__POL_A_002(device, monkeypatch):
    """The default alias reports Redis errors as misses: the database decides."""
    monkeypatch.setattr(device_state.cache, "get", lambda *a, **k: None)
    assert _active(device)
    device_session_end(session_id=device.pk)
    assert not _active(device)


def test_redis_down_falls_back_to_database_never_open__POL_A_002(device, monkeypatch):
    monkeypatch.setattr(device_state, "cache", _dead_redis(ignore_exceptions=True))
    assert _active(device)
    device_session_end(session_id=device.pk)
    assert not _active(device)


def test_redis_down_revoked_bearer_token_is_refused__POL_A_002(api_client, monkeypatch):
    user = JobseekerFactory()
    signed_in = device_session_start(user=user, name="t")
    monkeypatch.setattr(device_state, "cache", _dead_redis(ignore_exceptions=True))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {signed_in.tokens.access}")
    assert api_client.get("/api/v1/auth/me").status_code == 200
    assert api_client.post("/api/v1/auth/logout").status_code == 204
    assert api_client.get("/api/v1/auth/me").status_code == 401


def test_stale_reader_cannot_outlive_revocation__POL_A_002(device):
    """A request that read "active" from the database just before a revocation committed
    may cache "active" over the revocation's "0"; it does so under the old version, which
    the next request no longer has."""
    old_version = device.user.devices_version
    device_session_end(session_id=device.pk)
    device_state.cache.set(f"device:{device.pk}", f"1:{old_version}", 60)  # the late reader
    assert not _active(device)
