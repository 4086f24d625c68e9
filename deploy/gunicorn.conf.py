"""gunicorn settings for jobboard (container, compose, Kubernetes, deploy/run-like-compose).

Every value can be overridden by the environment variable named beside it. The access log
is one JSON object per line; it carries the path without its query string and never a
header or a body (tokens and personal data stay out of logs).
"""

import gc
import json
import multiprocessing
import os
import shutil
import time

from gunicorn.glogging import Logger


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "jobboard.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 (inside a container)
# cores + 1 sync workers (ADR 0098): a request here is CPU, ours or PostgreSQL's, more than
# waiting, so workers beyond the cores only share them. On 2 cores with the database beside
# the app, 3 workers served as many searches a second as 5 and their p95 at 5 searches a
# second was 126-173 ms against 183-241 ms. One more than the cores keeps a worker free
# beside a slow request (an upload, an export). Capped: memory, not CPU, limits a pod.
workers = _int("GUNICORN_WORKERS", min(multiprocessing.cpu_count() + 1, 9))
threads = _int("GUNICORN_THREADS", 1)
worker_class = "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then (leaks), jittered so they never restart together. Rarely:
# at 2,000 requests a busy 2-core pod restarted a worker every few seconds, and each restart
# stalled its connections (ADR 0089).
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)
# Heartbeat files in RAM: a read-only or slow root filesystem must not stall workers.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")  # noqa: S108
# X-Forwarded-* are trusted only from these addresses (the ingress / load balancer).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
limit_request_line = 8190
# The master imports the app once and forks every worker from it: a new or recycled worker
# serves within milliseconds instead of importing Django, the search analyser's bindings
# and every app again (~2 s of CPU each, ADR 0089), and the workers share those pages.
# Nothing connects at import (connections open on first use, in the worker); the tracing
# SDK's span processor restarts its thread after a fork by itself.
preload_app = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "jobboard-web"


class JsonAccessLogger(Logger):
    """Access log lines as JSON: time, method, path (no query), status, bytes, duration.
    gunicorn's own messages (boot, worker timeouts) are JSON too, like the app's logs."""

    def setup(self, cfg):
        super().setup(cfg)
        from pythonjsonlogger.json import JsonFormatter

        formatter = JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
        for handler in self.error_log.handlers:
            handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": "access",
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "request_id": dict(resp.headers).get("X-Request-ID", "-"),
            "remote_addr": environ.get("REMOTE_ADDR"),
        }
        self.access_log.info(json.dumps(record, ensure_ascii=False))


logger_class = JsonAccessLogger


# prometheus_client multiprocess mode: every gunicorn worker writes its samples under
# PROMETHEUS_MULTIPROC_DIR and /metrics aggregates them (jobboard/metrics.py). Set here,
# before the app (preloaded) imports prometheus_client, and only for gunicorn: one-shot commands and
# the task worker keep plain in-process metrics. The directory is wiped at each start and
# removed at exit. The default is unique to this gunicorn (its master's PID): two servers on
# one host must not wipe each other's samples (ADR 0025); in a pod /tmp is its own tmpfs.
PROMETHEUS_MULTIPROC_DIR = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    f"/tmp/jobboard-prometheus-{os.getpid()}",  # noqa: S108 (emptyDir/tmpfs in a pod)
)
# The preloaded app opens its sample files before on_starting runs; on_starting then wipes
# what the master wrote (it serves nothing) and each forked worker opens files of its own.
os.makedirs(PROMETHEUS_MULTIPROC_DIR, exist_ok=True)


def when_ready(server):
    """Runs in the master after it preloaded the app, before it forks a worker. Its objects
    (Django, every app, the analyser's bindings: over 100,000) are frozen out of the garbage
    collector: a worker's full collection walked them all, 70-120 ms about once every
    100-200 searches, where now it walks what the worker made (12-45 ms measured, ADR 0094).
    Frozen objects are also never written by a collection, so the workers keep sharing their
    pages."""
    gc.collect()
    gc.freeze()


def on_starting(server):
    shutil.rmtree(PROMETHEUS_MULTIPROC_DIR, ignore_errors=True)
    os.makedirs(PROMETHEUS_MULTIPROC_DIR, exist_ok=True)


def on_exit(server):
    shutil.rmtree(PROMETHEUS_MULTIPROC_DIR, ignore_errors=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, PROMETHEUS_MULTIPROC_DIR)
