"""Smoke test of a running jobboard: health, a page, the API, and (with --task) a task
processed by the worker. Used by deploy/run-like-compose; works against compose or a
cluster too:  python deploy/smoke.py https://jobboard.example [--host NAME]

--direct    the URL reaches the app process itself (not an ingress): also check /metrics
            (refused without, served with METRICS_TOKEN from the environment)
            and that only health and metrics accept a Host addressed by pod IP
--task      enqueue jobboard.tasks.ping through Django (needs the deployment's settings and
            DATABASE_URL) and wait until a worker marks it SUCCESSFUL
--proto P   send X-Forwarded-Proto: P on every request (https: as the ingress, which ends TLS)
--probe P   also GET path P as a Kubernetes probe does (Host: a pod IP) and expect 200
--task-only only the task check, e.g. `kubectl exec deploy/jobboard-web --
            python deploy/smoke.py --task-only`
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Set by --proto: the scheme a TLS-terminating ingress reports in X-Forwarded-Proto.
FORWARDED_PROTO: list[str] = []


def fetch(
    base: str, path: str, host: str | None = None, headers: dict | None = None
) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(base.rstrip("/") + path)  # noqa: S310 (operator's URL)
    if host:
        request.add_header("Host", host)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    for proto in FORWARDED_PROTO:
        request.add_header("X-Forwarded-Proto", proto)
    request.add_header("Accept-Language", "ko")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(label: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail else ''}")
    if not ok:
        sys.exit(1)


def wait_healthy(base: str, host: str | None, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, _, _ = fetch(base, "/api/v1/health", host)
            if status == 200:
                return
        except OSError:
            status = None
        if time.monotonic() > deadline:
            check("web became healthy", False, f"last status {status}")
        time.sleep(0.5)


def http_checks(base: str, host: str | None) -> None:
    status, headers, body = fetch(base, "/api/v1/health", host)
    health = json.loads(body)
    check("GET /api/v1/health is 200", status == 200, json.dumps(health))
    check("database and cache are ok", health == {"status": "ok", "database": "ok", "cache": "ok"})
    check("responses carry X-Request-ID", bool(headers.get("X-Request-ID")))

    status, headers, body = fetch(base, "/", host)
    check("GET / renders a page", status == 200 and b"<html" in body.lower(), f"status {status}")
    check("pages send a CSP", "Content-Security-Policy" in headers)

    status, headers, body = fetch(base, "/api/v1/schema/", host)
    check("GET /api/v1/schema/ (OpenAPI document)", status == 200 and b"openapi:" in body)
    if b"/api/v1/jobs:" in body:
        status, _, body = fetch(base, "/api/v1/jobs?limit=5", host)
        check("GET /api/v1/jobs", status == 200 and "results" in json.loads(body))
        # A Korean query goes through the morphological analyser and its dictionary.
        status, _, body = fetch(base, "/api/v1/jobs?limit=5&q=%EB%B0%B1%EC%97%94%EB%93%9C", host)
        check(
            "GET /api/v1/jobs?q=백엔드 (Korean search)",
            status == 200 and "results" in json.loads(body),
        )
    status, headers, _ = fetch(base, "/api/v1/no-such-thing", host)
    check(
        "unknown API URL is problem+json 404",
        status == 404 and headers.get("Content-Type") == "application/problem+json",
    )

    status, _, body = fetch(base, "/static/css/app.css", host)
    check("static files are served (whitenoise)", status == 200 and len(body) > 0)


def direct_checks(base: str, host: str | None) -> None:
    # Kubernetes probes and Prometheus reach pods by IP: only these two paths accept it.
    status, _, _ = fetch(base, "/api/v1/health", "10.0.0.7:8000")
    check("health answers a probe addressed by pod IP", status == 200, f"status {status}")
    status, _, _ = fetch(base, "/", "10.0.0.7:8000")
    check("pages still refuse an unknown Host", status == 400, f"status {status}")

    status, _, _ = fetch(base, "/metrics", host)
    check("GET /metrics without the token is refused", status == 401, f"status {status}")
    # The token Prometheus presents (ADR 0034), from the deployment's environment.
    token = {"Authorization": f"Bearer {os.environ.get('METRICS_TOKEN', '')}"}
    status, _, body = fetch(base, "/metrics", host, token)
    text = body.decode()
    check("GET /metrics", status == 200 and "django_http_requests_total_by_method_total" in text)
    check(
        "metrics report the dependencies up",
        'jobboard_dependency_up{dependency="database"} 1.0' in text
        and 'jobboard_dependency_up{dependency="cache"} 1.0' in text,
    )


def task_check(seconds: float) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django_tasks import TaskResultStatus

    from jobboard.tasks import ping

    token = uuid.uuid4().hex[:12]
    result = ping.enqueue(token)
    deadline = time.monotonic() + seconds
    while result.status not in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        if time.monotonic() > deadline:
            check("worker ran the ping task", False, f"still {result.status} after {seconds}s")
        time.sleep(0.5)
        result.refresh()
    check(
        "worker ran the ping task",
        result.status == TaskResultStatus.SUCCESSFUL
        and str(result.return_value).startswith(f"pong:{token}:"),
        f"{result.status} {result.return_value}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--host", help="Host header to send (defaults to the URL's host)")
    parser.add_argument("--task", action="store_true", help="also check the worker")
    parser.add_argument("--task-only", action="store_true", help="only check the worker")
    parser.add_argument("--direct", action="store_true", help="URL is the app, not an ingress")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for health")
    parser.add_argument(
        "--proto", help="send X-Forwarded-Proto, as an ingress ending TLS does (https)"
    )
    parser.add_argument(
        "--probe", action="append", default=[], help="a path the orchestrator probes (by pod IP)"
    )
    args = parser.parse_args()
    if args.proto:
        FORWARDED_PROTO.append(args.proto)
    if not args.task_only:
        wait_healthy(args.base_url, args.host, args.wait)
        http_checks(args.base_url, args.host)
        if args.direct:
            direct_checks(args.base_url, args.host)
        for path in args.probe:
            status, _, _ = fetch(args.base_url, path, "10.0.0.7:8000")
            check(f"probe {path} by pod IP answers 200", status == 200, f"status {status}")
    if args.task or args.task_only:
        task_check(args.wait)
    print("smoke test passed")


if __name__ == "__main__":
    main()
