"""Issue 17: what the HTML pages and the API job detail cost in one process, without a server.

    DATABASE_URL=postgres://…/seeded REDIS_URL=redis://… .venv/bin/python -m bench.html_pages

Django's test client against a seeded database (`seed_jobs`, then `VACUUM ANALYZE`) with
production settings (bench.settings: DEBUG off, the cached template loader), each route
asked --requests times: ms per request (median and mean), this process's CPU ms per
request (steadier than wall time on a shared machine) and SQL queries per request.
"hot" repeats one URL (its cached blocks hit: what is left is the page's own rendering);
"spread" draws pages, terms and job ids so the shared cache mostly misses. Anonymous and a
signed-in jobseeker (the access cookie) separately. Timings only, never in a test."""

import argparse
import os
import random
import statistics
import time

from bench.stack import BENCH_SETTINGS_ENV  # noqa: E402

for _name, _value in {**BENCH_SETTINGS_ENV, "ALLOWED_HOSTS": "testserver"}.items():
    os.environ.setdefault(_name, _value)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.cookies import set_token_cookies  # noqa: E402
from accounts.models import Role, User  # noqa: E402
from accounts.services import device_session_start  # noqa: E402
from bench.terms import TERMS  # noqa: E402
from jobs.models import Category, Job, JobStatus, Location  # noqa: E402

SEEKER = "html-pages-seeker@bench.kr"


def signed_in_client() -> Client:
    user = User.objects.filter(email=SEEKER).first() or User.objects.create_user(
        email=SEEKER, password=None, role=Role.JOBSEEKER
    )
    carrier = HttpResponse()
    session = device_session_start(user=user, name="bench", ip_address="127.0.0.1", user_agent="")
    set_token_cookies(carrier, session.tokens)
    client = Client()
    for name, morsel in carrier.cookies.items():
        client.cookies[name] = morsel.value
    return client


def routes(rng: random.Random) -> dict[str, callable]:
    ids = list(Job.objects.filter(status=JobStatus.PUBLISHED).values_list("pk", flat=True))
    locations = list(Location.objects.values_list("code", flat=True))
    categories = list(Category.objects.values_list("code", flat=True))
    terms = TERMS[:30]
    job = ids[len(ids) // 2]
    return {
        "hot /": lambda: "/",
        "hot /jobs/": lambda: "/jobs/",
        "hot /jobs/?q=개발자": lambda: "/jobs/?q=%EA%B0%9C%EB%B0%9C%EC%9E%90",
        "hot job page": lambda: f"/jobs/{job}/",
        "spread /jobs/?page=": lambda: f"/jobs/?page={rng.randint(1, 200)}",
        "spread /jobs/?q=": lambda: f"/jobs/?q={rng.choice(terms)}&page={rng.randint(1, 3)}",
        "spread filters": lambda: (
            f"/jobs/?location={rng.choice(locations)}&category={rng.choice(categories)}"
        ),
        "spread job page": lambda: f"/jobs/{rng.choice(ids)}/",
        "spread API job": lambda: f"/api/v1/jobs/{rng.choice(ids)}",
    }


def measure(client: Client, path_of, requests: int) -> tuple[float, float, float, float]:
    """Median and mean ms per request, this process's CPU ms per request (what the server's
    Python costs, whatever else the machine runs), and SQL queries per request."""
    times, queries = [], []
    cpu = time.process_time()
    for _ in range(requests):
        path = path_of()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured))
    cpu_ms = (time.process_time() - cpu) * 1000 / requests
    return statistics.median(times), statistics.fmean(times), cpu_ms, statistics.fmean(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="route names containing this")
    args = parser.parse_args()
    rng = random.Random(17)
    visitors = {"anonymous": Client(), "signed in": signed_in_client()}
    print(f"{'route':<24} {'visitor':<10} {'median ms':>9} {'mean ms':>8} {'CPU ms':>7} {'SQL':>5}")
    for name, path_of in routes(rng).items():
        if args.only not in name:
            continue
        for visitor, client in visitors.items():
            client.get(path_of())  # the process's first request of the route: templates loaded
            median, mean, cpu, sql = measure(client, path_of, args.requests)
            print(f"{name:<24} {visitor:<10} {median:>9.2f} {mean:>8.2f} {cpu:>7.2f} {sql:>5.1f}")


if __name__ == "__main__":
    main()
