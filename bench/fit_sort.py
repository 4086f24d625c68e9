"""How long a job's applicants take to sort by fit (POL-S-003, ADR 0083).

    createdb -h 127.0.0.1 -U postgres jb_fit_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_fit_bench DEBUG=0 \\
      nice -n 10 .venv/bin/python -m bench.fit_sort

Migrates the database, seeds a few jobs (`seed_jobs`), and gives three of them 10, 100 and
1,000 applicants whose profiles hold two to six random skills of the job's field (plus
categories, locations, experience). Then times what the board does with the fit sort: the
ordered queryset read in full (`order_by_fit`) and the cards' fits (`fits_of`), round after
round; p50/p95 and the query count go to docs/benchmarks.md, with the load average, since
the machine is shared."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.local")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from applications.matching import fits_of, order_by_fit  # noqa: E402
from applications.models import Application  # noqa: E402
from bench.match_speed import percentile, prepare  # noqa: E402
from bench.report import write_section  # noqa: E402
from candidates.models import Profile  # noqa: E402
from jobs.models import Category, Job, Location, Skill  # noqa: E402

SIZES = (10, 100, 1000)
EMAIL = "fit-bench-{}@example.com"


def applicants(count: int, rng: random.Random) -> list[User]:
    """`count` jobseekers with profiles, made once and reused by every run."""
    have = list(User.objects.filter(email__startswith="fit-bench-").order_by("pk"))
    if len(have) >= count:
        return have[:count]
    new = [User(email=EMAIL.format(n), name=f"지원자 {n}") for n in range(len(have), count)]
    User.objects.bulk_create(new)
    users = list(User.objects.filter(email__startswith="fit-bench-").order_by("pk"))
    made = [u for u in users if u.pk not in {h.pk for h in have}]
    profiles = Profile.objects.bulk_create(
        [Profile(user=u, experience_years=rng.randint(0, 12)) for u in made]
    )
    skills = list(Skill.objects.filter(is_active=True).values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    locations = list(Location.objects.values_list("pk", flat=True))
    Profile.skills.through.objects.bulk_create(
        Profile.skills.through(profile_id=p.pk, skill_id=s)
        for p in profiles
        for s in rng.sample(skills, rng.randint(2, 6))
    )
    Profile.desired_categories.through.objects.bulk_create(
        Profile.desired_categories.through(profile_id=p.pk, category_id=rng.choice(categories))
        for p in profiles
    )
    Profile.desired_locations.through.objects.bulk_create(
        Profile.desired_locations.through(profile_id=p.pk, location_id=rng.choice(locations))
        for p in profiles
    )
    return users[:count]


def job_with(count: int, users: list[User], job: Job) -> Job:
    if Application.objects.filter(job=job).count() < count:
        Application.objects.filter(job=job).delete()
        Application.objects.bulk_create(
            Application(
                job=job,
                applicant=user,
                resume="bench/cv.pdf",
                resume_name="cv.pdf",
                resume_size=1,
                resume_content_type="application/pdf",
            )
            for user in users[:count]
        )
    return job


def board(job: Job) -> None:
    applications = list(order_by_fit(Application.objects.filter(job=job)))
    fits_of(applications)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    prepare(50)
    rng = random.Random(2026)
    users = applicants(max(SIZES), rng)
    jobs = list(Job.objects.filter(published_at__isnull=False).order_by("pk")[: len(SIZES)])
    rows = []
    for size, job in zip(SIZES, jobs, strict=True):
        job_with(size, users, job)
        board(job)  # warm: vocabulary, connection
        times = []
        for _round in range(args.rounds):
            started = time.perf_counter()
            board(job)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            board(job)
        rows.append(
            f"| {size:,} | {len(queries)} | {statistics.median(times):.1f} | "
            f"{percentile(times, 95):.1f} |"
        )
    load = os.getloadavg()
    text = "\n".join(
        [
            "`DATABASE_URL=… .venv/bin/python -m bench.fit_sort` (PostgreSQL): one job's "
            "applicants ordered by fit and read in full, then the cards' fits (the board's "
            f"work with `sort=fit`, without the HTTP and template), {args.rounds} rounds each; "
            "each applicant has a profile with 2–6 skills, a desired category and location. "
            f"Load average during the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
            "(2 cores, shared).",
            "",
            "| applicants | queries | p50 ms | p95 ms |",
            "|---:|---:|---:|---:|",
            *rows,
        ]
    )
    print(text)
    if not args.no_write:
        write_section("Matching: a job's applicants by fit (POL-S-003, ADR 0083)", text)


if __name__ == "__main__":
    main()
