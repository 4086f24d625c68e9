"""The shipped gunicorn config run for real (ADR 0089): the master preloads the app and
forks its workers from it with the app's objects frozen out of garbage collection (ADR
0094), workers are recycled, and /metrics still counts every request the recycled workers
served (each forked worker writes samples of its own)."""

import os
import re
import sys
from pathlib import Path

import httpx
import pytest

from deploy.drills.common import free_port
from tests.processes import served

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "gunicorn-workers-test-metrics-token-0123456789"
GET_COUNT = re.compile(
    r'^django_http_requests_total_by_method_total\{method="GET"\} ([0-9.e+]+)$', re.M
)


def gunicorn(tmp_path, *, app: str = "jobboard.wsgi:application", **extra_env):
    """gunicorn with the shipped config and 2 workers, serving `app` (local settings)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobboard.settings.local",
        # Nothing here needs the database: /metrics is the only page asked for.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "GUNICORN_LOG_LEVEL": "warning",
        **extra_env,
    }
    env.pop("REDIS_URL", None)
    args = [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", app]
    args += ["--bind", f"127.0.0.1:{port}", "--workers", "2"]
    log = tmp_path / "gunicorn.log"
    return served(args, cwd=ROOT, env=env, log=log, port=port, ready="/metrics")


@pytest.fixture
def recycling_gunicorn(tmp_path):
    # Recycle a worker every 3 or 4 requests: many forks from the preloaded master.
    with gunicorn(tmp_path, GUNICORN_MAX_REQUESTS="3", GUNICORN_MAX_REQUESTS_JITTER="1") as base:
        yield base


def test_workers_inherit_the_preloaded_app_frozen_out_of_garbage_collection(tmp_path):
    # A worker's full collection would otherwise walk every object of the app it was forked
    # with (ADR 0094): they are frozen in the master before it forks.
    with gunicorn(tmp_path, app="tests.deploy.frozen_heap_app:application") as base:
        frozen = int(httpx.get(base + "/frozen-objects", timeout=10).text)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        served_by_the_app = httpx.get(base + "/metrics", headers=auth, timeout=10)
    assert served_by_the_app.status_code == 200
    assert frozen > 50_000


def test_recycled_workers_serve_every_request_and_metrics_count_them_all(recycling_gunicorn):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=recycling_gunicorn, headers=auth, timeout=10) as client:
        before = float(GET_COUNT.search(client.get("/metrics").text).group(1))
        statuses = [client.get("/metrics").status_code for _ in range(20)]
        after = float(GET_COUNT.search(client.get("/metrics").text).group(1))
    assert statuses == [200] * 20
    # Two workers recycled every 3-4 requests: ~6 forks, each counting in its own file.
    assert after - before >= 21
