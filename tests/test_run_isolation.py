"""Two test runs on one Redis database never wipe each other's keys (ADR 0025)."""

import pytest
from django.conf import settings
from django.core.cache import caches

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL,
    reason="needs Redis (REDIS_URL); the in-process cache is private to the run anyway",
)


def test_clearing_the_cache_keeps_another_runs_keys():
    cache = caches["default"]
    raw = cache.client.get_client(write=True)
    other_run = "test-other-run:1:throttle"
    raw.set(other_run, "5")
    try:
        cache.set("mine", "1")
        cache.clear()
        assert cache.get("mine") is None
        assert raw.get(other_run) == b"5"
    finally:
        raw.delete(other_run)
