"""Two test runs on one Redis database never wipe each other's keys (ADR 0025), nor do two
workers of one run (scripts/test runs one per core, ADR 0095)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches


@pytest.mark.skipif(
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


def _test_settings_key_prefix(worker: str | None) -> str:
    """The cache key prefix jobboard.settings.test gives a process of this run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env.update(REDIS_URL="redis://127.0.0.1:6379/0", CACHE_KEY_PREFIX="run7")
    if worker is not None:
        env["PYTEST_XDIST_WORKER"] = worker
    shown = "import jobboard.settings.test as s; print(s.CACHES['default']['KEY_PREFIX'])"
    return subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", shown],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_each_worker_of_a_run_clears_only_its_own_keys():
    prefixes = {_test_settings_key_prefix(w) for w in (None, "gw0", "gw1")}
    assert len(prefixes) == 3
    assert all(p.startswith("test-run7") for p in prefixes)
