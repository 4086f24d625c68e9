"""Job list, search and detail under load, against gunicorn with production settings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_jobs_bench \\
    REDIS_URL=redis://127.0.0.1:6379/2 python -m bench.bench_jobs [--seed 100000]

Seeds the database if it holds fewer jobs than --seed, starts gunicorn pinned to CPU 0,
and drives it with wrk (16 connections) pinned to CPU 1, one scenario after another:
a bare Django view returning constant JSON (the ceiling), the job list, a search and a
job page. Prints a Markdown table with requests/s, p50/p95 and the ratio to the bare view.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from deploy.drills.common import free_port

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789")
    e.setdefault("JWT_SIGNING_KEY", "bench-jwt-signing-key-not-for-production-9876")
    e.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    e.setdefault("SECURE_SSL_REDIRECT", "False")
    e.setdefault("LOG_LEVEL", "WARNING")
    e["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    e["PYTHONPATH"] = str(ROOT)
    return e


def manage(*args: str) -> None:
    subprocess.run([PY, str(ROOT / "manage.py"), *args], check=True, env=env(), cwd=ROOT)


def job_count() -> int:
    out = subprocess.run(
        [
            PY,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from jobs.models import Job; print(Job.objects.count())",
        ],
        check=True,
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def a_published_job_id() -> int:
    out = subprocess.run(
        [
            PY,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from jobs.selectors import job_list_public; print(job_list_public()[25].pk)",
        ],
        check=True,
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def wait_ready(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url}")


def wrk(url: str, seconds: int, connections: int) -> dict:
    cmd = [
        "taskset",
        "-c",
        "1",
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
        url,
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    manage("migrate", "--noinput", "-v0")
    have = job_count()
    if have < args.seed:
        manage("seed_jobs", str(args.seed - have))
    manage("collectstatic", "--noinput", "-v0")
    job_id = a_published_job_id()
    server = subprocess.Popen(
        [
            "taskset",
            "-c",
            "0",
            PY,
            "-m",
            "gunicorn",
            "jobboard.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
        ],
        env=env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    scenarios = [
        ("bare view (ceiling)", "/bench/bare"),
        ("job list (API)", "/api/v1/jobs"),
        (
            "search (API, q=데이터 엔지니어)",
            "/api/v1/jobs?q=%EB%8D%B0%EC%9D%B4%ED%84%B0%20%EC%97%94%EC%A7%80%EB%8B%88%EC%96%B4",
        ),
        ("job detail (API)", f"/api/v1/jobs/{job_id}"),
        ("job list (page)", "/jobs/"),
        (
            "search (page, q=데이터 엔지니어)",
            "/jobs/?q=%EB%8D%B0%EC%9D%B4%ED%84%B0%20%EC%97%94%EC%A7%80%EB%8B%88%EC%96%B4",
        ),
        ("job detail (page)", f"/jobs/{job_id}/"),
    ]
    results = []
    try:
        wait_ready(BASE + "/bench/bare")
        for _, path in scenarios:  # warm every worker's connections and caches
            wrk(BASE + path, 2, args.connections)
        for name, path in scenarios:
            results.append((name, path, wrk(BASE + path, args.seconds, args.connections)))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    bare = results[0][2]["rps"]
    print(
        f"\n{args.connections} connections, {args.seconds} s per scenario, gunicorn "
        f"{args.workers} sync workers on CPU 0, wrk on CPU 1; {platform.node()} "
        f"{platform.machine()}, {os.cpu_count()} cores\n"
    )
    print("| scenario | requests/s | p50 ms | p95 ms | p99 ms | × bare | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, path, r in results:
        print(
            f"| {name} `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['rps'] / bare:.2f} | {r['errors'] + r['non2xx']} |"
        )


if __name__ == "__main__":
    main()
