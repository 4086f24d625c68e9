"""How fast a jobseeker's recommendations are computed at scale (POL-S-003, ADR 0076).

    createdb -h 127.0.0.1 -U postgres jb_match_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_match_bench DEBUG=0 \\
      flock /work/locks/heavy.lock nice -n 10 .venv/bin/python -m bench.match_speed --jobs 100000

Migrates the database, tops it up to --jobs generated jobs (`seed_jobs`: tags, text-found
skills, 5 % drafts, 5 % closed, some past their deadline), then computes the
recommendations of the labelled profiles of bench/match_labels.json (skills, categories,
locations, experience, education, salary) round after round, uncached: the selector the
page and the API call (`job_list_recommended`: two queries, at most 550 jobs scored). Each
call is timed on its own; p50/p95/p99 over every call of every round go to
docs/benchmarks.md. The machine is shared, so the load average is printed beside them.

Candidates are a bounded part of the open jobs, so the bench also scores every open job
for each profile (the pure score, in memory) and reports how many of the selector's first
ten score at least the exhaustive tenth: 1.0 means pruning lost nothing a jobseeker would
see (ties at the cut count as found)."""

from __future__ import annotations

import argparse
import heapq
import json
import os
import statistics
import subprocess
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.local")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.match_eval import LABELS, seeker  # noqa: E402
from bench.report import write_section  # noqa: E402
from jobs.matching.recommend import (  # noqa: E402
    CATEGORY_CANDIDATES,
    SKILL_CANDIDATES,
    SKILL_WINDOW,
    candidate_facts,
    candidate_ids,
    job_list_recommended,
)
from jobs.matching.score import Seeker, score  # noqa: E402
from jobs.models import Job, JobMatchSkill, Skill  # noqa: E402


def skill_ids(who) -> list[int]:
    return list(Skill.objects.filter(code__in=who.skills).values_list("pk", flat=True))


def recall(profiles: list[Seeker]) -> float:
    """The mean share of the selector's first ten that score at least the tenth best of
    every open job (the same pure score, every job in memory)."""
    ids = list(Job.objects.filter(Job.open_filter()).values_list("id", flat=True))
    every = [
        facts
        for i in range(0, len(ids), 5000)
        for facts, _at in candidate_facts([ids[i : i + 5000]])
    ]
    shares = []
    for who in profiles:
        tenth = heapq.nlargest(10, (score(who, job) for job in every))[-1]
        first = job_list_recommended(who, limit=10)
        shares.append(sum(r.fit.score >= tenth for r in first) / 10)
    return statistics.mean(shares)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def prepare(jobs: int) -> None:
    """A migrated PostgreSQL bench database with at least `jobs` generated jobs, analysed."""
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database made for this bench")
    call_command("migrate", verbosity=0)
    existing = Job.objects.count()
    if existing < jobs:
        call_command("seed_jobs", jobs - existing)
    # Fresh statistics and visibility map, as autovacuum would give a live site: benchmark
    # upkeep goes through psql, as bench/stack.py's does, never through the app's connection.
    subprocess.run(["psql", os.environ["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    prepare(args.jobs)
    profiles = [seeker(p) for p in json.loads(LABELS.read_text())["profiles"]]
    job_list_recommended(profiles[0])  # loads the vocabulary, warms connections
    times: list[float] = []
    for _round in range(args.rounds):
        for who in profiles:
            started = time.perf_counter()
            job_list_recommended(who)
            times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        job_list_recommended(profiles[0])
    load = os.getloadavg()
    sizes = [len(candidate_ids(p, skill_ids(p), timezone.localdate())) for p in profiles]
    found = recall(profiles)
    text = "\n".join(
        [
            f"`DATABASE_URL=… .venv/bin/python -m bench.match_speed --jobs {args.jobs}` "
            f"(PostgreSQL, {Job.objects.count():,} jobs, {JobMatchSkill.objects.count():,} "
            f"job-skill rows): {len(profiles)} labelled profiles × {args.rounds} rounds, "
            f"uncached, in process (the selector behind the page and the API). "
            f"{len(queries)} {'query' if len(queries) == 1 else 'queries'} per call; "
            "candidates scored per call: median "
            f"{statistics.median(sizes):.0f}, max {max(sizes)} (bound "
            f"{SKILL_CANDIDATES + CATEGORY_CANDIDATES}; at most {SKILL_WINDOW:,} index entries "
            f"per skill). Of the first ten, {found:.3f} on average score at least the tenth "
            f"of all open jobs scored exhaustively. Load average at the end of the timed "
            f"rounds: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (2 cores, shared).",
            "",
            "| calls | p50 ms | p95 ms | p99 ms | max ms | target p95 |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {len(times)} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | "
            f"{percentile(times, 99):.1f} | {max(times):.1f} | < 100 |",
        ]
    )
    print(text)
    if not args.no_write:
        write_section("Matching: recommendations at scale (POL-S-003)", text)


if __name__ == "__main__":
    main()
