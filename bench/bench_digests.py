"""Saved-search digests at scale (POL-S-002, ADR 0071): 1,000 saved searches over 100,000
jobs, with PostgreSQL.

    flock /work/locks/heavy.lock nice -n 10 \\
      env DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_digest_bench \\
      python bench/bench_digests.py [--jobs 100000] [--searches 1000]

Seeds the jobs (manage.py seed_jobs: published over the last 30 days, so about 3,300 a day)
and 1,000 jobseekers with one saved search each — keywords, locations, categories, salaries
and skills drawn with a fixed seed, 70 % daily and 30 % weekly, each following a few
companies — then times:
1. a first run (every digest of yesterday and last week is due; emails go to Django's
   locmem backend, so the figure is ours, not a mail server's);
2. a second run at once (everything claimed: nothing to send);
3. two runs in parallel processes over the same due digests (digests cleared first):
   together they must send exactly what the first run sent.
Prints a Markdown table for docs/benchmarks.md."""

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jb_digest_bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Company, CompanyFollow, Role, User  # noqa: E402
from alerts.digests import digests_send_due  # noqa: E402
from alerts.models import Digest, Frequency, SavedSearch  # noqa: E402
from jobs.models import Category, Job, Location, Skill  # noqa: E402

TERMS = ["개발자", "백엔드", "Python", "React", "디자이너", "마케팅", "회계", "데이터", "영업", ""]
BENCH_DOMAIN = "digest-bench.example"


def seed(jobs: int, searches: int) -> None:
    call_command("migrate", "--noinput", verbosity=0)
    have = Job.objects.count()
    if have < jobs:
        call_command("seed_jobs", str(jobs - have))
    if SavedSearch.objects.filter(user__email__endswith=BENCH_DOMAIN).count() >= searches:
        return
    rng = random.Random(15)
    locations = list(Location.objects.values_list("code", flat=True))
    categories = list(Category.objects.values_list("code", flat=True))
    skills = list(Skill.objects.values_list("code", flat=True))
    companies = list(Company.objects.values_list("pk", flat=True)[:500])
    password = make_password("bench-password-2026")
    users = User.objects.bulk_create(
        User(email=f"seeker{n}@{BENCH_DOMAIN}", role=Role.JOBSEEKER, password=password)
        for n in range(searches)
    )
    rows, follows = [], []
    for user in users:
        filters: dict = {}
        if term := rng.choice(TERMS):
            filters["q"] = term
        if rng.random() < 0.5:
            filters["location"] = rng.choice(locations)
        if rng.random() < 0.4:
            filters["category"] = rng.choice(categories)
        if rng.random() < 0.3:
            filters["salary_min"] = rng.choice([30, 40, 50, 60]) * 1_000_000
        if skills and rng.random() < 0.2:
            filters["skills"] = sorted(rng.sample(skills, 2))
        frequency = Frequency.DAILY if rng.random() < 0.7 else Frequency.WEEKLY
        rows.append(
            SavedSearch(
                user=user, name=filters.get("q") or "전체", filters=filters, frequency=frequency
            )
        )
        follows += [
            CompanyFollow(user=user, company_id=pk)
            for pk in rng.sample(companies, rng.randint(0, 3))
        ]
    SavedSearch.objects.bulk_create(rows)
    CompanyFollow.objects.bulk_create(follows, ignore_conflicts=True)


def one_run() -> dict:
    """A digest run in this process: its figures as JSON."""
    if not hasattr(mail, "outbox"):  # once per process: the locmem backend and its outbox
        setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    reset_queries()
    started = time.perf_counter()
    run = digests_send_due()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "sent": run.sent,
        "empty": run.empty,
        "taken": run.taken,
        "failed": run.failed,
        "emails": len(mail.outbox),
        "periods": run.periods,
    }


def run_in_subprocess() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, "--run-only"], stdout=subprocess.PIPE, text=True, env=os.environ
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=1_000)
    parser.add_argument("--run-only", action="store_true")
    args = parser.parse_args()
    if args.run_only:
        print(json.dumps(one_run()))
        return
    seed(args.jobs, args.searches)
    bench = SavedSearch.objects.filter(user__email__endswith=BENCH_DOMAIN)
    # Saved a month ago: yesterday's and last week's periods are due for every search.
    bench.update(created_at=timezone.now() - timedelta(days=30))
    Digest.objects.filter(search__in=bench).delete()
    first = one_run()
    second = one_run()
    Digest.objects.filter(search__in=bench).delete()
    connection.close()
    started = time.perf_counter()
    procs = [run_in_subprocess() for _ in range(2)]
    parallel = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - started
    sent_in_parallel = sum(p["sent"] for p in parallel)
    per_search_ms = 1000 * first["seconds"] / max(1, bench.count())
    jobs = Job.objects.count()
    print(f"\n{jobs:,} jobs, {bench.count():,} saved searches, periods {first['periods']}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}\n")
    print("| run | seconds | emails sent | nothing new | already claimed |")
    print("|---|---|---|---|---|")

    def row(label: str, r: dict) -> None:
        print(f"| {label} | {r['seconds']} | {r['sent']} | {r['empty']} | {r['taken']} |")

    row("first (all due)", first)
    row("again at once", second)
    for n, p in enumerate(parallel, 1):
        row(f"parallel {n} of 2", p)
    print(
        f"\nparallel wall time {wall:.1f} s; emails sent by the two together: {sent_in_parallel} "
        f"(first run: {first['sent']}); {per_search_ms:.1f} ms per search in the first run"
    )
    if sent_in_parallel != first["sent"]:
        raise SystemExit("parallel runs sent a different number of digests than one run")


if __name__ == "__main__":
    main()
