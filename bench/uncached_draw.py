"""The spread list routes' uncached requests, one at a time in one process (ADR 0100).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://…/scratch \\
    REDIS_URL=redis://127.0.0.1:6379/N ALLOWED_HOSTS=testserver (and the production
    settings' secrets, as bench.stack.BENCH_SETTINGS_ENV) \\
        .venv/bin/python -m bench.uncached_draw --route search [--requests 300]
        [--against REV] [--write]

bench.traffic serves its draws through nginx and gunicorn on 2 busy cores. There the
host's changing speed and the queueing blur a change worth a few milliseconds, and a tail
request is hard to name. This tool runs the same draws through Django's test client in one
process, against the database the settings name (seed it first: `manage.py seed_jobs N`,
then `VACUUM ANALYZE`). It uses bench.traffic's path makers, the Site's distributions (its
filter combinations, and totals read through the API) and its route seeds.

Before each request it moves the list version, as a job write does. So the page and its
counts are computed, while the past-cap marks live on as they do in traffic (ADR 0094).
Each request is first run once untimed. Its timed runs then find its rows in memory and its
past-cap mark set if its count sets one: the warm uncached path. Without that, at 1,000,000
jobs whichever run came first paid for reading the rows from disk and setting the mark, and
one request's two timings differed up to 14-fold.
The API's visitors are anonymous: the 30 % of bearer tokens in traffic change no answer.
After a warm-up, the process's objects are frozen out of the garbage collector, as
gunicorn's master does before it forks (deploy/gunicorn.conf.py).

It prints the percentiles and the slowest requests. --write puts them in
docs/benchmarks.md, in a section per route and size.

--against REV compares two versions of the code on like machine speed. The same requests
also run in a second process, on REV's code (a git worktree, removed afterwards), against
the same database and Redis. The two processes take turns, and which one goes first
alternates. The answers of each request are compared. This is the A/B that ADR 0099 and
ADR 0100 report: served runs of two commits minutes apart differ more by the host than by
the code.

REDIS_URL must name a Redis database of your own: the list version moves there."""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django

from bench.load import percentile
from bench.report import table, write_section
from bench.traffic import Draw, filter_combos, filter_params, list_params, search_params

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 10
METHOD = (
    "Django's test client in one process, bench.traffic's draws of the route (its path "
    "makers, filter combinations and route seed; anonymous), the list version moved before "
    "each request as a job write does (so the page and its counts are computed; past-cap "
    "marks live on, ADR 0094), each request run once untimed first (its rows in memory, "
    "its past-cap mark set if its count sets one: the warm uncached path), the process's "
    "objects frozen out of the garbage collector after a warm-up as gunicorn's master does. "
    "With --against, the same requests ran in turn in a second process on that commit's "
    "code, alternating which went first."
)
# The second process of --against: Django's test client and the list version only, which
# every commit since ADR 0011 has, so it runs on REV's code whatever REV's bench/ holds.
CHILD = """
import gc, hashlib, json, sys, time
import django
django.setup()
from django.test import Client
from jobs.selectors import bump_list_version
client = Client()
for line in sys.stdin:
    params = json.loads(line)
    if params is None:  # the warm-up is over: as the measuring process does
        gc.collect()
        gc.freeze()
        continue
    bump_list_version()
    start = time.perf_counter()
    response = client.get("/api/v1/jobs", params)
    ms = (time.perf_counter() - start) * 1000
    digest = hashlib.sha256(response.content).hexdigest()
    print(json.dumps({"ms": ms, "status": response.status_code, "digest": digest}), flush=True)
"""


@dataclass
class Catalogue:
    """What bench.traffic's path makers read from its Site, read here in process."""

    client: Any
    locations: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    combos: list[dict] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def total(self, params: dict) -> int:
        key = urllib.parse.urlencode(params)
        if key not in self.totals:
            answer = self.client.get("/api/v1/jobs", {**params, "limit": 1})
            self.totals[key] = answer.json()["total"]
        return self.totals[key]


def draws(route: str, count: int, seed: int) -> tuple[Catalogue, list[dict]]:
    from django.test import Client  # noqa: PLC0415 (after django.setup)

    client = Client()
    site = Catalogue(client)
    site.locations = [x["code"] for x in client.get("/api/v1/locations").json()]
    site.categories = [x["code"] for x in client.get("/api/v1/categories").json()]
    site.combos = filter_combos(site.locations, site.categories, 60)
    makers = {"list": list_params, "search": search_params, "filter": filter_params}
    # bench.traffic's seed for a route's requests (request_file: "{seed}-{name}")
    draw = Draw(random.Random(f"{seed}-api_{route}"))
    return site, [makers[route](site, draw) for _ in range(count)]  # type: ignore[arg-type]


def timed(client, params: dict) -> dict:
    from jobs.selectors import bump_list_version  # noqa: PLC0415

    bump_list_version()
    start = time.perf_counter()
    response = client.get("/api/v1/jobs", params)
    ms = (time.perf_counter() - start) * 1000
    digest = hashlib.sha256(response.content).hexdigest()
    return {"ms": ms, "status": response.status_code, "digest": digest}


class Other:
    """REV's code in a process of its own, answering one request per line."""

    def __init__(self, rev: str):
        self.folder = Path(tempfile.mkdtemp(prefix="uncached-draw-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(self.folder), rev],
            check=True,
            capture_output=True,
        )
        env = {**os.environ, "PYTHONPATH": str(self.folder)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=self.folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, params: dict) -> dict:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(json.dumps(params) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def freeze(self) -> None:
        assert self.process.stdin
        self.process.stdin.write("null\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(self.folder)],
            check=True,
            capture_output=True,
        )


def summary(label: str, results: list[dict]) -> dict:
    values = sorted(r["ms"] for r in results)
    return {
        "code": label,
        "requests": len(values),
        "mean": statistics.mean(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1],
    }


def run(args) -> tuple[list[dict], list[str]]:
    site, requests = draws(args.route, args.requests + WARM_UP, args.seed)
    other = Other(args.against) if args.against else None
    try:
        for params in requests[:WARM_UP]:
            timed(site.client, params)
            if other:
                other.ask(params)
        gc.collect()
        gc.freeze()
        if other:
            other.freeze()
        here: list[dict] = []
        there: list[dict] = []
        turns: list[tuple[Callable[[dict], dict], list[dict]]] = [
            (lambda params: timed(site.client, params), here)
        ]
        if other:
            turns.append((other.ask, there))
        for n, params in enumerate(requests[WARM_UP:]):
            # Once untimed first, so each timed run finds what the other would: the rows
            # in memory, and the past-cap mark the request's count may set (ADR 0094).
            timed(site.client, params)
            for ask, results in turns if n % 2 == 0 else reversed(turns):
                results.append({**ask(params), "params": params})
    finally:
        if other:
            other.close()
    rows = [summary("this checkout", here)]
    if other:
        rows.append(summary(args.against, there))
    notes = slowest(here, there, args.slowest)
    failed = [r["params"] for r in here + there if r["status"] != 200]
    if failed:
        notes.append(f"answers other than 200: {len(failed)}, first {failed[0]}")
    if other:
        pairs = zip(here, there, strict=True)
        differ = [a["params"] for a, b in pairs if a["digest"] != b["digest"]]
        notes.append(f"answers that differ between the two codes: {len(differ)} of {len(here)}")
        notes += [f"  differs: {params}" for params in differ[:5]]
        notes += changed(here, there, args.against, args.slowest // 2)
    return rows, notes


def slowest(here: list[dict], there: list[dict], count: int) -> list[str]:
    order = sorted(range(len(here)), key=lambda i: -here[i]["ms"])[:count]
    lines = [f"slowest {count} here" + (" (and the same request there)" if there else "") + ":"]
    for i in order:
        other = f" / {there[i]['ms']:.1f}" if there else ""
        lines.append(f"  {here[i]['ms']:.1f}{other} ms  {here[i]['params']}")
    return lines


def changed(here: list[dict], there: list[dict], rev: str, count: int) -> list[str]:
    """The requests whose time moved most between the two codes, both ways."""
    gain = sorted(range(len(here)), key=lambda i: here[i]["ms"] - there[i]["ms"])
    lines = [f"most changed, here / {rev}:"]
    for i in gain[:count] + gain[::-1][:count]:
        lines.append(f"  {here[i]['ms']:.1f} / {there[i]['ms']:.1f} ms  {here[i]['params']}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--route", choices=("search", "filter", "list"), default="search")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0, help="bench.traffic's round seed")
    parser.add_argument("--against", help="a commit to compare with (git rev)")
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    django.setup()
    from jobs.models import Job  # noqa: PLC0415

    jobs = Job.objects.count()
    rows, notes = run(args)
    columns = [
        ("code", "code"),
        ("requests", "requests"),
        ("mean", "mean ms"),
        ("p50", "p50 ms"),
        ("p95", "p95 ms"),
        ("p99", "p99 ms"),
        ("max", "slowest ms"),
    ]
    body = table(rows, columns) + "\n" + "\n".join(notes) + "\n"
    print(body)
    if args.write:
        command = "python -m bench.uncached_draw " + " ".join(sys.argv[1:])
        write_section(
            f"Uncached {args.route} requests in one process, {jobs:,} jobs",
            f"Command: `{command}` against a scratch database seeded with "
            f"`manage.py seed_jobs` and analysed. {METHOD}\n\n"
            + table(rows, columns)
            + "\n```\n"
            + "\n".join(notes)
            + "\n```\n",
        )


if __name__ == "__main__":
    main()
