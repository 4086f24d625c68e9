"""Sign-in benchmark (POL-A-004): Argon2id hash time for a few parameter sets, then login
p50/p95 through the real API view (POST /api/v1/auth/login), hashing included.

    /work/venv/bin/python bench/bench_login.py [--logins 200] [--hashes 30]

Uses the test settings with the production hasher list; a throwaway test database
(SQLite, or PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set). Prints a Markdown table."""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")

# (label, time_cost, memory_cost KiB, parallelism)
PARAMETER_SETS = [
    ("OWASP 2 (chosen)", 2, 19456, 1),
    ("OWASP 1", 1, 47104, 1),
    ("OWASP 3", 3, 12288, 1),
    ("OWASP 5", 5, 7168, 1),
    ("RFC 9106 second (64 MiB)", 3, 65536, 4),
    ("Django default", 2, 102400, 8),
]


def percentile(values, q):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def bench_hashes(rounds: int) -> None:
    from argon2 import PasswordHasher, Type

    print(f"\n### Argon2id hash time ({rounds} hashes each)\n")
    print("| parameters | t | m (MiB) | p | min ms | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for label, t, m, p in PARAMETER_SETS:
        hasher = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p, type=Type.ID)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            hasher.hash("correct-horse-battery")
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"| {label} | {t} | {m / 1024:.0f} | {p} | {min(timings):.1f} "
            f"| {statistics.median(timings):.1f} "
            f"| {percentile(timings, 95):.1f} |"
        )


def bench_logins(count: int) -> None:
    import django
    from django.conf import settings

    settings.PASSWORD_HASHERS = [
        h for h in settings.PASSWORD_HASHERS if not h.endswith("MD5PasswordHasher")
    ]
    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    from accounts.models import User
    from accounts.tests.factories import PASSWORD, JobseekerFactory

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        for alias in ("default", "guard"):
            caches[alias].clear()
        users = [JobseekerFactory() for _ in range(20)]
        assert users[0].password.startswith("argon2$argon2id$")
        client = APIClient()
        timings = {"success": [], "wrong password": [], "unknown email": []}
        for i in range(count):
            user = users[i % len(users)]
            cases = [("success", user.email, PASSWORD)]
            if i % 4 == 0:
                cases += [
                    ("wrong password", user.email, "wrong-password"),
                    ("unknown email", f"nobody{i}@example.com", "wrong-password"),
                ]
            for case, email, password in cases:
                started = time.perf_counter()
                response = client.post(
                    "/api/v1/auth/login",
                    {"email": email, "password": password},
                    format="json",
                    REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}",
                )
                timings[case].append((time.perf_counter() - started) * 1000)
                expected = 200 if case == "success" else 401
                assert response.status_code == expected, (case, response.status_code)
        backend = connection.vendor
        cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        print(f"\n### POST /api/v1/auth/login ({backend}, {cache_backend}), sequential\n")
        print("| case | n | min ms | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|---|")
        for case, values in timings.items():
            print(
                f"| {case} | {len(values)} | {min(values):.1f} | {statistics.median(values):.1f} "
                f"| {percentile(values, 95):.1f} | {max(values):.1f} |"
            )
        print(f"\nusers: {User.objects.count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=200)
    parser.add_argument("--hashes", type=int, default=30)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    bench_hashes(args.hashes)
    bench_logins(args.logins)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
