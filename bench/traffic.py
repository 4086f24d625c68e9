"""Issue 17: a benchmark shaped like traffic, not like one hot URL.

    flock /work/locks/heavy.lock .venv/bin/python -m bench.traffic --sizes 100000,1000000

A private PostgreSQL + Redis + gunicorn stack (production settings, the gunicorn config's
workers) is seeded with the first size, measured, topped up to the next size, measured
again. Each route runs alone for --seconds under wrk (16 connections pinned to core 1),
its requests drawn from the distributions below, while a writer posts new jobs and
applications at a fixed rate through the API (each write invalidates caches exactly as
production does). Figures per route: req/s, p50/p95/p99, ratio to the bare Django view
of the same round, the cache hit rate per key family, the load average, the host's CPU
speed meanwhile (bench/cpu_probe.py). --rounds N reports the median round. The tables go
to docs/benchmarks.md.

What is drawn:
- pages: weight k^-1.3 for page k, up to the last page of that list (a heavy head, a long
  tail that reaches the end);
- search terms: bench/terms.py (118, Korean and English, common to absent), weight 1/rank;
  a fifth of searches also filter, a fifth sort by date;
- filters: 60 combinations of location, category, type, remote, salary and sort, weight
  1/rank, each with its own last page;
- job pages: uniform over every id that has a public page (published and closed);
- visitors: 30 % of API calls carry a jobseeker's bearer token; HTML pages are measured
  anonymous and signed in (the access cookie) separately.
The "hot" rows repeat one URL: they show the cache at its best and are labelled so.

Latency at an offered rate (--rates 10,20,40,80): the runs above are closed loops, 16
connections sending back to back, which saturate the 2 cores; their p95 is then mostly
queueing (Little's law: p95 ≈ connections / throughput), so it measures throughput a second
time. The latency target is about a load, so after the saturated runs of a size, the API
list, search and filter routes (with the bare view as the reference) run again at each
offered rate, with the same request files, writer and 16 connections: each connection waits
a think time drawn from an exponential distribution of mean 16 / rate seconds between its
clicks (bench/spread.lua), so together they offer the rate as a Poisson stream, as people
who read a page and then click do. The think time counts from the previous click, not from
the answer, so a latency well under it does not lower the rate offered. These runs go
through nginx in front of gunicorn, as the ingress is in production: a sync worker waits on
the connection it accepted until a request arrives, so a connection held open between
clicks would hold a worker for a whole think time (without nginx, p95 came out near the
think time even for the bare view). Coordinated
omission: wrk times each request from its actual send, so a click that came while the
previous answer was still out waited unseen. Each run reports the think time drawn and the
time clicks were held up; when the held-up time passes 5 % of the total (the server
delivered less than 0.95 of the rate the draws asked for) the row says "did not keep up"
and its latency is not valid for that rate. (The draws themselves, not the nominal rate,
are the yardstick: a Poisson count over 20 s at 10 req/s varies by ±7 %.) Per route the
section then gives the highest offered rate that met the p95 target: the capacity at the
latency target. The saturated tables stay as they were, the record of throughput."""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import math
import os
import random
import subprocess
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

import httpx

from bench.cpu_probe import CpuProbe
from bench.load import percentile
from bench.report import table, write_section
from bench.stack import PrivateStack
from bench.terms import TERMS

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-Password-2026"  # noqa: S105 - throwaway accounts in a throwaway database
# POL-PRIV-001: registering takes the required consents.
CONSENTS = {"consent_terms": True, "consent_privacy": True, "consent_age_14": True}
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
    b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PAGE_SIZE = 20
PAGE_EXPONENT = 1.3
SIGNED_IN_API_SHARE = 0.3
CONNECTIONS = 16
REQUEST_LINES = 60_000
# Cache keys that are bookkeeping, not answers: left out of the hit rate.
BOOKKEEPING = ("jobs:list-version",)


# The fixture signs up and signs in from one address: lift the per-IP limits.
FIXTURE_ENV = {"SIGNUP_MAX_PER_IP": "100000", "SIGNIN_MAX_FAILURES_PER_IP": "100000"}


def fixture_client(base_url: str, timeout: float) -> httpx.Client:
    """The fixture and the writer speak from 127.0.0.2: with a read replica, a client
    address that wrote is pinned to the primary (ADR 0068), and wrk's visitors on
    127.0.0.1 are other people."""
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    return httpx.Client(base_url=base_url, timeout=timeout, transport=transport)


class Draw:
    """Weighted draws: pages (k^-1.3 up to the last page) and ranked items (1/rank)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._page_cdf: dict[int, list[float]] = {}

    def page(self, total: int) -> int:
        last = max(1, math.ceil(total / PAGE_SIZE))
        cdf = self._page_cdf.get(last)
        if cdf is None:
            acc, cdf = 0.0, []
            for k in range(1, last + 1):
                acc += k**-PAGE_EXPONENT
                cdf.append(acc)
            self._page_cdf[last] = cdf
        return bisect.bisect_left(cdf, self.rng.random() * cdf[-1]) + 1

    def ranked(self, items: list):
        weights = [1 / (rank + 1) for rank in range(len(items))]
        return self.rng.choices(items, weights=weights)[0]


def filter_combos(locations: list[str], categories: list[str], n: int) -> list[dict]:
    """The filter combinations the filter route draws from (the same ones every run)."""
    rng = random.Random(17)
    combos: list[dict] = []
    while len(combos) < n:
        combo: dict = {}
        if rng.random() < 0.6:
            combo["location"] = rng.choice(locations[:6] if rng.random() < 0.7 else locations)
        if rng.random() < 0.5:
            combo["category"] = rng.choice(categories)
        if rng.random() < 0.3:
            combo["employment_type"] = rng.choice(
                ["full_time", "part_time", "contract", "internship"]
            )
        if rng.random() < 0.2:
            combo["remote"] = "true"
        if rng.random() < 0.25:
            combo["salary_min"] = rng.choice([30, 40, 50, 60, 80]) * 1_000_000
        if rng.random() < 0.3:
            combo["sort"] = "salary"
        if combo and combo not in combos:
            combos.append(combo)
    return combos


class Site:
    """What the generator needs to know about the seeded site, read through the API."""

    def __init__(self, stack: PrivateStack, rng: random.Random):
        self.stack = stack
        self.base_url = stack.base_url
        self.rng = rng
        self.client = fixture_client(self.base_url, timeout=120)
        self.locations = [x["code"] for x in self.client.get("/api/v1/locations").json()]
        self.categories = [x["code"] for x in self.client.get("/api/v1/categories").json()]
        self.totals: dict[str, int] = {}
        self.combos = filter_combos(self.locations, self.categories, 60)
        self.public_ids: list[int] = []
        self.open_ids: list[int] = []
        self.jobseekers = [f"seeker{n}@bench.kr" for n in range(20)]
        self.recruiter = "recruiter@bench.kr"
        for email in self.jobseekers:
            self._register(email, "jobseeker")
        self._register(self.recruiter, "recruiter", company_name="벤치마크 주식회사")

    def _register(self, email: str, role: str, **extra) -> None:
        self.client.post(
            "/api/v1/auth/register",
            json={"email": email, "password": PASSWORD, "role": role, **CONSENTS, **extra},
        )

    def login(self, email: str) -> str:
        response = self.client.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        )
        response.raise_for_status()
        return response.json()["access"]

    def refresh(self) -> None:
        """Totals of each list the generator pages through, and the ids it visits."""
        queries = [{}, *self.combos, *({"q": term} for term in TERMS)]
        for params in queries:
            key = urllib.parse.urlencode(params)
            response = self.client.get("/api/v1/jobs", params={**params, "limit": 1})
            self.totals[key] = response.json()["total"]
        script = (
            "from jobs.models import Job; from jobs.selectors import job_list_open; "
            "print(list(Job.objects.exclude(status='draft').values_list('id', flat=True))); "
            "print(list(job_list_open().order_by('?').values_list('id', flat=True)[:5000]))"
        )
        out = self.stack.manage("shell", "--no-imports", "-c", script).stdout.splitlines()
        self.public_ids, self.open_ids = json.loads(out[-2]), json.loads(out[-1])

    def total(self, params: dict) -> int:
        """The list's total as measured by refresh() (its last page bounds the draw)."""
        return self.totals[urllib.parse.urlencode(params)]


# --- What each route requests --------------------------------------------------------------


def list_params(site: Site, draw: Draw) -> dict:
    params: dict = {}
    params["page"] = draw.page(site.total(params))
    return params


def search_params(site: Site, draw: Draw) -> dict:
    params: dict = {"q": draw.ranked(TERMS)}
    total = site.total(params)
    if draw.rng.random() < 0.2:
        params["location"] = draw.ranked(site.locations)
        total = max(PAGE_SIZE, total // len(site.locations))
    if draw.rng.random() < 0.2:
        params["sort"] = "latest"
    params["page"] = draw.page(total)
    return params


def filter_params(site: Site, draw: Draw) -> dict:
    params = dict(draw.ranked(site.combos))
    params["page"] = draw.page(site.total(params))
    return params


def html_list_params(site: Site, draw: Draw) -> dict:
    roll = draw.rng.random()
    if roll < 0.4:
        return list_params(site, draw)
    return search_params(site, draw) if roll < 0.8 else filter_params(site, draw)


def _query(params: dict) -> str:
    params = {k: v for k, v in params.items() if not (k == "page" and v == 1)}
    return "?" + urllib.parse.urlencode(params) if params else ""


ROUTES = {
    # name: (label, path maker, visitor: "api" (30 % bearer) | "anonymous" | "signed_in")
    "bare": ("bare Django view (the ceiling)", lambda s, d: "/bench/bare", "anonymous"),
    "api_list": (
        "API list, pages spread",
        lambda s, d: "/api/v1/jobs" + _query(list_params(s, d)),
        "api",
    ),
    "api_search": (
        "API search, terms and pages spread",
        lambda s, d: "/api/v1/jobs" + _query(search_params(s, d)),
        "api",
    ),
    "api_filter": (
        "API filters, combinations and pages spread",
        lambda s, d: "/api/v1/jobs" + _query(filter_params(s, d)),
        "api",
    ),
    "api_detail": (
        "API job detail, whole id range",
        lambda s, d: f"/api/v1/jobs/{d.rng.choice(s.public_ids)}",
        "api",
    ),
    "html_list_anon": (
        "HTML list (list, search, filters), anonymous",
        lambda s, d: "/jobs/" + _query(html_list_params(s, d)),
        "anonymous",
    ),
    "html_list_signed_in": (
        "HTML list (list, search, filters), signed in",
        lambda s, d: "/jobs/" + _query(html_list_params(s, d)),
        "signed_in",
    ),
    "html_detail_anon": (
        "HTML job page, whole id range, anonymous",
        lambda s, d: f"/jobs/{d.rng.choice(s.public_ids)}/",
        "anonymous",
    ),
    "html_detail_signed_in": (
        "HTML job page, whole id range, signed in",
        lambda s, d: f"/jobs/{d.rng.choice(s.public_ids)}/",
        "signed_in",
    ),
    "html_home_anon": ("HTML home page, anonymous", lambda s, d: "/", "anonymous"),
}
HOT_ROUTES = {
    "hot_api_list": ("hot URL: API list page 1", lambda s, d: "/api/v1/jobs", "anonymous"),
    "hot_api_search": (
        "hot URL: API search 'engineer'",
        lambda s, d: "/api/v1/jobs?q=engineer",
        "anonymous",
    ),
    "hot_api_detail": (
        "hot URL: API one job",
        lambda s, d: f"/api/v1/jobs/{s.open_ids[0]}",
        "anonymous",
    ),
    "hot_html_list": ("hot URL: HTML list page 1, anonymous", lambda s, d: "/jobs/", "anonymous"),
    "hot_html_detail": (
        "hot URL: HTML one job page, anonymous",
        lambda s, d: f"/jobs/{s.open_ids[0]}/",
        "anonymous",
    ),
}


def request_file(site: Site, name: str, route, folder: Path, seed: int) -> Path:
    """The route's requests, drawn and written one per line for bench/spread.lua."""
    _, make_path, visitor = route
    draw = Draw(random.Random(f"{seed}-{name}"))
    readers = site.jobseekers[10:]  # never the writer's applicants (they are pinned, ADR 0068)
    tokens = [site.login(email) for email in readers] if visitor != "anonymous" else []
    lines = []
    for _ in range(REQUEST_LINES):
        path = make_path(site, draw)
        header = ""
        if visitor == "signed_in" or (visitor == "api" and draw.rng.random() < SIGNED_IN_API_SHARE):
            token = draw.rng.choice(tokens)
            if visitor == "api":
                header = f"\tAuthorization\tBearer {token}"
            else:
                header = f"\tCookie\tjb_access={token}"
        lines.append(path + header)
    target = folder / f"{name}.txt"
    target.write_text("\n".join(lines) + "\n")
    return target


# --- Writes that run beside every route ----------------------------------------------------


class Writer:
    """New jobs and applications at fixed rates through the public API (the same services,
    signals and cache invalidation as production), latencies recorded per kind."""

    def __init__(self, site: Site, jobs_per_second: float, applications_per_second: float):
        self.site = site
        self.rates = {"write_job": jobs_per_second, "write_apply": applications_per_second}
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.signed_in_at = float("-inf")
        self.rng = random.Random(99)
        self.counter = 0

    def _job(self, client: httpx.Client) -> httpx.Response:
        self.counter += 1
        return client.post(
            "/api/v1/jobs",
            headers={"Authorization": f"Bearer {self.recruiter_token}"},
            json={
                "title": f"벤치마크 백엔드 개발자 {self.counter} (Python)",
                "description": "A job posted while the benchmark runs.",
                "category": self.site.categories[0],
                "location": self.site.locations[0],
                "employment_type": "full_time",
                "remote": False,
                "salary_min": 50_000_000,
                "salary_max": 70_000_000,
                "publish": True,
            },
        )

    def _apply(self, client: httpx.Client) -> httpx.Response:
        return client.post(
            f"/api/v1/jobs/{self.rng.choice(self.site.open_ids)}/apply",
            headers={"Authorization": f"Bearer {self.rng.choice(self.seeker_tokens)}"},
            files={"resume": ("cv.pdf", PDF, "application/pdf")},
            data={"cover_letter": "안녕하세요. 벤치마크 지원서입니다."},
        )

    def _loop(self, kind: str, send) -> None:
        rate = self.rates[kind]
        if rate <= 0:
            return
        with fixture_client(self.site.base_url, timeout=30) as client:
            next_at = time.monotonic()
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    status = send(client).status_code
                except httpx.HTTPError:
                    status = 599
                self.latencies[kind].append(time.perf_counter() - started)
                if status >= 400:  # 409 on apply: that seeker already applied there
                    self.failures[kind][status] += 1
                next_at += 1 / rate
                self._stop.wait(max(0.0, next_at - time.monotonic()))

    def sign_in(self) -> None:
        """Fresh access tokens (they live 15 minutes; a run at two sizes lasts longer)."""
        if time.monotonic() - self.signed_in_at > 600:
            self.recruiter_token = self.site.login(self.site.recruiter)
            self.seeker_tokens = [self.site.login(e) for e in self.site.jobseekers[:10]]
            self.signed_in_at = time.monotonic()

    def __enter__(self):
        self.sign_in()
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._loop, args=("write_job", self._job)),
            threading.Thread(target=self._loop, args=("write_apply", self._apply)),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()


# --- Measuring -----------------------------------------------------------------------------


def cache_lookups(metrics_dir: Path) -> dict[tuple[str, str], float]:
    """Cache lookups so far, summed over every worker (bench/cache.py)."""
    from prometheus_client import CollectorRegistry
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(metrics_dir))
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for metric in registry.collect():
        if metric.name != "bench_cache_lookups":
            continue
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                counts[(sample.labels["family"], sample.labels["outcome"])] += sample.value
    return counts


def hit_rates(before: dict, after: dict) -> str:
    families: dict[str, dict[str, float]] = defaultdict(lambda: {"hit": 0.0, "miss": 0.0})
    for (fam, outcome), value in after.items():
        if fam not in BOOKKEEPING:
            families[fam][outcome] += value - before.get((fam, outcome), 0.0)
    parts = []
    for fam, c in sorted(families.items(), key=lambda item: -sum(item[1].values())):
        lookups = c["hit"] + c["miss"]
        if lookups >= 1 and fam.startswith(("jobs:", "page")):
            parts.append(f"{fam} {100 * c['hit'] / lookups:.0f}% of {lookups:,.0f}")
    return "; ".join(parts) or "no lookups"


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def wrk(base_url: str, requests: Path, seconds: float, think_ms: float | None = None) -> dict:
    """One wrk run; with think_ms each connection paces itself (bench/spread.lua)."""
    cmd = [
        "taskset",
        "-c",
        "1",
        "wrk",
        f"-t{CONNECTIONS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "spread.lua"),
        base_url,
        "--",
        str(requests),
        str(CONNECTIONS),
        *([f"{think_ms:.3f}"] if think_ms is not None else []),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(stack, site, writer, routes: dict, seconds: float, seed: int) -> list[dict]:
    rows = []
    folder = stack.dir / "requests"
    folder.mkdir(exist_ok=True)
    metrics_dir = stack.metrics_dir
    for name, route in routes.items():
        requests = request_file(site, name, route, folder, seed)
        wrk(stack.base_url, requests, 2)  # warm each worker's connections, as a live site is
        before, load_before = cache_lookups(metrics_dir), loadavg()
        with writer, CpuProbe() as probe:
            result = wrk(stack.base_url, requests, seconds)
        rows.append(
            {
                "name": name,
                "route": route[0],
                "rps": result["rps"],
                "p50_ms": result["p50"],
                "p95_ms": result["p95"],
                "p99_ms": result["p99"],
                "errors": result["errors"],
                "non2xx": result["non2xx"],
                "cache": hit_rates(before, cache_lookups(metrics_dir)),
                "load": max(load_before, loadavg()),
                "cpu_probe": probe.median_ms,
            }
        )
        print(f"  {name}: {result['rps']:.0f} req/s, p95 {result['p95']:.1f} ms", flush=True)
    return rows


# The spread list routes the latency target is about, and the bare view as their reference.
PACED_ROUTES = ("bare", "api_list", "api_search", "api_filter")
PACED_PATHS = {"bare": "/bench/bare", **dict.fromkeys(PACED_ROUTES[1:], "/api/v1/jobs")}
# Below this share of the drawn think time the server held the clicks up: not the rate asked.
KEPT_UP = 0.95


def drain_tasks(stack, timeout: float = 300) -> None:
    """Wait until the task worker has run what the saturated runs queued (notifications,
    matching): a paced run started straight after them shared the cores with that backlog."""
    deadline = time.monotonic() + timeout
    query = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
    while int(stack.psql(query)) and time.monotonic() < deadline:
        time.sleep(2)
    time.sleep(10)  # and the load of the last saturated run settles


def served_ms(log: Path, since: int, path: str) -> list[float]:
    """How long gunicorn took for each GET of `path` logged after byte `since` of its log
    (deploy/gunicorn.conf.py's JSON access lines): the server's side of wrk's latencies."""
    with log.open("rb") as lines:
        lines.seek(since)
        records = [json.loads(line) for line in lines if b'"gunicorn.access"' in line]
    return [r["duration_ms"] for r in records if r["path"] == path and r["method"] == "GET"]


def measure_paced(stack, site, writer, proxy_url: str, rates, seconds: float) -> list[dict]:
    """Each paced route at each offered rate through nginx (PrivateStack.proxy_start says why):
    think time CONNECTIONS / rate per connection."""
    rows = []
    folder = stack.dir / "requests"
    drain_tasks(stack)
    for name in (n for n in PACED_ROUTES if n in ROUTES):
        # Round 0's draws again: the same requests, with fresh access tokens (they live
        # 15 minutes, and the saturated runs before can take longer).
        requests = request_file(site, name, ROUTES[name], folder, 0)
        for rate in rates:
            before, load_before = cache_lookups(stack.metrics_dir), loadavg()
            log_at = stack.log.stat().st_size
            with writer, CpuProbe() as probe:
                result = wrk(proxy_url, requests, seconds, think_ms=1000 * CONNECTIONS / rate)
            served = served_ms(stack.log, log_at, PACED_PATHS[name])
            drawn, lag = result["drawn_ms"], result["lag_ms"]
            kept = drawn / (drawn + lag) if drawn else 0.0
            rows.append(
                {
                    "name": name,
                    "route": ROUTES[name][0],
                    "rate": rate,
                    "offered": f"{rate:g}",
                    "rps": result["rps"],
                    "kept": f"{100 * kept:.1f} %",
                    "late": f"{100 * result['late'] / max(1, result['sends']):.1f} %",
                    "p50_ms": result["p50"],
                    "p95_ms": result["p95"],
                    "p99_ms": result["p99"],
                    "served_ms": f"{percentile(served, 50):.1f} / {percentile(served, 95):.1f}",
                    "non2xx": result["non2xx"],
                    "cache": hit_rates(before, cache_lookups(stack.metrics_dir)),
                    "load": max(load_before, loadavg()),
                    "cpu_probe": probe.median_ms,
                    "kept_up": "yes" if kept >= KEPT_UP else "did not keep up",
                }
            )
            print(
                f"  {name} at {rate:g} req/s offered: {result['rps']:.1f} achieved, "
                f"p95 {result['p95']:.1f} ms, schedule kept {100 * kept:.1f} %",
                flush=True,
            )
    return rows


def paced_capacity(rows: list[dict], jobs: int) -> list[str]:
    """Per route with a p95 target: the highest offered rate that met it and was kept up.
    Each of the route's rows gets its "target" cell on the way."""
    lines = []
    for name in dict.fromkeys(r["name"] for r in rows):
        target = p95_target(name, jobs)
        if target is None:
            continue
        runs = [r for r in rows if r["name"] == name]  # rates ascending
        for row in runs:
            if row["kept_up"] != "yes":
                row["target"] = "not valid"
            else:
                row["target"] = "met" if row["p95_ms"] < target else "missed"
        best = max((r["rate"] for r in runs if r["target"] == "met"), default=0.0)
        beyond = next((r for r in runs if r["rate"] > best), None)
        if beyond is None:
            capacity = f"at least {best:g} req/s (the highest rate measured)"
        else:
            why = (
                f"p95 {beyond['p95_ms']:.1f} ms"
                if beyond["kept_up"] == "yes"
                else f"did not keep up, schedule kept {beyond['kept']}"
            )
            capacity = (
                f"{best:g} req/s (at {beyond['offered']} req/s: {why})"
                if best
                else f"below {beyond['offered']} req/s, the lowest rate measured ({why})"
            )
        lines.append(f"- {runs[0]['route']} (p95 < {target:g} ms): {capacity}")
    return lines


PACED_COLUMNS = [
    ("route", "route"),
    ("offered", "offered req/s"),
    ("rps", "achieved req/s"),
    ("kept", "schedule kept"),
    ("late", "sent late"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("served_ms", "gunicorn p50 / p95 ms"),
    ("non2xx", "non-2xx"),
    ("cache", "cache hits (per key family)"),
    ("load", "load avg"),
    ("cpu_probe", "CPU probe ms"),
    ("kept_up", "kept up"),
    ("target", "p95 target"),
]


def paced_section(rows: list[dict], jobs: int, seconds: float) -> str:
    capacity = paced_capacity(rows, jobs)
    return (
        "\n### Latency at an offered rate (paced clients)\n\n"
        f"The same request files, writer and {CONNECTIONS} connections, {seconds:g} s per rate, "
        "one round, after the task worker has run what the saturated runs queued, "
        "through nginx in front of gunicorn as the ingress is in production (a "
        "sync worker would otherwise wait on a connection that is between clicks, ADR 0066); "
        "each connection now clicks after a think time drawn from an exponential "
        f"distribution of mean {CONNECTIONS} / rate seconds, counted from its previous click, "
        'so together they offer the stated rate as a Poisson stream. "Schedule kept" is the '
        "think time drawn over that plus the time clicks waited for the previous answer: "
        f"below {100 * KEPT_UP:.0f} % the server did not keep up and the row's latency is not "
        "valid for that rate (wrk times a request from its actual send, so a held-up click "
        'hides its wait). "Sent late" counts the clicks that came while the previous answer '
        'was still out. "gunicorn p50 / p95" is the server side of the same requests, '
        "from its access log (the time from reading a request to sending the answer): what "
        "is above it in wrk's figures is spent in nginx, the network stack and the clients. "
        "The saturated tables above stay the record of throughput.\n\n"
        + table(rows, PACED_COLUMNS)
        + (
            "\nCapacity at the latency target: the highest offered rate at which p95 stayed "
            "under the target and the server kept up.\n\n" + "\n".join(capacity) + "\n"
            if capacity
            else ""
        )
    )


def write_rows(writer: Writer, seconds: float) -> list[dict]:
    rows = []
    for kind, label in (("write_job", "write: new job (API)"), ("write_apply", "write: apply")):
        values = sorted(writer.latencies[kind])
        if not values:
            continue

        def pct(q, values=values):
            return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))] * 1000

        rows.append(
            {
                "name": kind,
                "route": label,
                "rps": len(values) / seconds,
                "p50_ms": pct(50),
                "p95_ms": pct(95),
                "p99_ms": pct(99),
                "non2xx": ", ".join(f"{n}× {s}" for s, n in sorted(writer.failures[kind].items()))
                or 0,
                "cache": "",
                "load": "",
            }
        )
    return rows


def median_rows(rounds: list[list[dict]]) -> list[dict]:
    """Per route, the round with the median req/s (its latencies stay consistent)."""
    out = []
    for index in range(len(rounds[0])):
        candidates = sorted((r[index] for r in rounds), key=lambda r: r["rps"])
        out.append(candidates[len(candidates) // 2])
    return out


def with_ratios(rows: list[dict], jobs: int) -> list[dict]:
    bare = next(r["rps"] for r in rows if r["name"] == "bare")
    for row in rows:
        if row["name"].startswith("write"):
            continue
        row["bare_rps"] = bare
        row["ratio"] = f"{row['rps'] / bare:.3f}"
        row["verdict"] = verdict(row, jobs) if not row["name"].startswith(("hot", "bare")) else ""
    return rows


# Issue 17's targets: (least ratio to bare, highest p95 ms up to 100,000 jobs, above that).
TARGETS = {
    "api_list": (0.3, 50, 80),
    "api_search": (0.3, 50, 80),
    "api_filter": (0.3, 50, 80),
    "api_detail": (0.5, None, None),
    "html_list_anon": (0.3, None, None),
    "html_detail_anon": (0.3, None, None),
    "html_list_signed_in": (0.15, None, None),
    "html_detail_signed_in": (0.15, None, None),
}
MAX_P99_MS = 250


def p95_target(name: str, jobs: int) -> float | None:
    """The route's p95 target in ms at this many jobs (None: the route has none)."""
    _, p95_small, p95_large = TARGETS.get(name, (None, None, None))
    return p95_small if jobs <= 100_000 else p95_large


def verdict(row: dict, jobs: int) -> str:
    """Which of the issue's targets this row meets ("p99" applies to every route)."""
    misses = []
    ratio = TARGETS.get(row["name"], (None, None, None))[0]
    p95 = p95_target(row["name"], jobs)
    if ratio is not None and row["rps"] / row["bare_rps"] < ratio:
        misses.append(f"× bare < {ratio}")
    if p95 is not None and row["p95_ms"] >= p95:
        misses.append(f"p95 ≥ {p95}")
    if row["p99_ms"] > MAX_P99_MS:
        misses.append(f"p99 > {MAX_P99_MS}")
    return "missed: " + ", ".join(misses) if misses else "met"


COLUMNS = [
    ("route", "route"),
    ("rps", "req/s"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("ratio", "× bare"),
    ("non2xx", "non-2xx"),
    ("cache", "cache hits (per key family)"),
    ("load", "load avg"),
    ("cpu_probe", "CPU probe ms"),
    ("verdict", "targets"),
]


def run_size(stack, site, jobs: int, args, proxy_url: str) -> None:
    print(f"measuring at {jobs:,} jobs", flush=True)
    site.refresh()
    writer = Writer(site, args.jobs_per_second, args.applications_per_second)
    rounds = []
    for round_number in range(args.rounds):
        writer.latencies.clear()
        rows = measure(stack, site, writer, {**ROUTES, **HOT_ROUTES}, args.seconds, round_number)
        rows += write_rows(writer, args.seconds * len(ROUTES | HOT_ROUTES))
        rounds.append(with_ratios(rows, jobs))
    rows = median_rows(rounds)
    paced = (
        measure_paced(stack, site, writer, proxy_url, args.rates, args.seconds)
        if args.rates
        else []
    )
    command = (
        "flock /work/locks/heavy.lock .venv/bin/python -m bench.traffic "
        f"--sizes {args.sizes} --seconds {args.seconds:g} --rounds {args.rounds}"
        + (" --rates " + ",".join(f"{r:g}" for r in args.rates) if args.rates else "")
        + (" --explain" if args.explain else "")
        + (" --replica" if args.replica else "")
    )
    spread = [r for r in rows if not r["name"].startswith(("hot", "write"))]
    hot = [r for r in rows if r["name"].startswith("hot")]
    writes = [r for r in rows if r["name"].startswith("write")]
    body = (
        f"Command: `{command}` (one command writes this section for each size). gunicorn "
        f"with `deploy/gunicorn.conf.py` and production settings on a private PostgreSQL "
        f"{stack.pg_version()} + Redis on every core, {jobs:,} jobs (`manage.py seed_jobs`), "
        f"wrk with {CONNECTIONS} connections pinned to core 1, {args.seconds:g} s per route, "
        f"{'median of ' + str(args.rounds) + ' rounds' if args.rounds > 1 else 'one round'}. "
        f"During every route a writer posts {args.jobs_per_second:g} new job/s and "
        f"{args.applications_per_second:g} application/s through the API. The load average "
        "column is the machine's 1-minute load (2 cores: above 2, other work shared them; "
        "compare ratios, not absolute figures, across runs). The CPU probe column is the "
        "median time of a fixed loop timed every half second beside the row "
        "(bench/cpu_probe.py): this host's speed swings by up to 2x within a minute, so "
        "latencies compare only between rows at like probe values.\n\n"
        "### Spread (the figures the targets apply to)\n\n"
        + table(spread, COLUMNS)
        + "\n### Hot URLs (one URL repeated: the cache at its best, not a traffic pattern)\n\n"
        + table(hot, [c for c in COLUMNS if c[0] != "verdict"])
        + "\n### Writes beside the reads (all routes' runs together)\n\n"
        + table(
            writes,
            [c for c in COLUMNS if c[0] not in ("ratio", "cache", "load", "cpu_probe", "verdict")],
        )
        + (paced_section(paced, jobs, args.seconds) if paced else "")
    )
    if args.write:
        where = ", reads on a streaming replica" if args.replica else ""
        write_section(f"Traffic-shaped workload, {jobs:,} jobs{where}", body)
    print(body, flush=True)


def seed(stack, total: int) -> None:
    have = int(stack.psql("SELECT count(*) FROM jobs_job"))
    if have < total:
        started = time.monotonic()
        stack.manage("seed_jobs", str(total - have))
        print(f"seeded {total - have:,} jobs in {time.monotonic() - started:.0f} s", flush=True)
        stack.psql("VACUUM ANALYZE")


def offered_rates(text: str) -> list[float]:
    rates = [float(r) for r in text.split(",") if r.strip()]
    if not rates or min(rates) <= 0:
        raise argparse.ArgumentTypeError("rates are positive requests per second")
    return sorted(rates)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100000", help="comma-separated job counts")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--jobs-per-second", type=float, default=0.5)
    parser.add_argument("--applications-per-second", type=float, default=2)
    parser.add_argument("--only", default="", help="comma-separated route names (a rehearsal)")
    parser.add_argument(
        "--rates",
        type=offered_rates,
        default=[],
        help="comma-separated offered req/s: then the list routes and bare with paced clients",
    )
    parser.add_argument(
        "--no-write", dest="write", action="store_false", help="print, leave the docs alone"
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="reads on a streaming replica of the stack's PostgreSQL (ADR 0068)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="then write docs/jobs-query-plans.md from the largest size (bench/explain_jobs.py)",
    )
    args = parser.parse_args()
    if args.only:
        keep = set(args.only.split(",")) | {"bare"}
        for routes in (ROUTES, HOT_ROUTES):
            for name in list(routes):
                if name not in keep:
                    del routes[name]
    with contextlib.suppress(AttributeError, OSError):
        # The writer and the draws share wrk's core; the stack's servers keep every core
        # (bench.stack.on_every_core, ADR 0102).
        os.sched_setaffinity(0, {1})
    with PrivateStack(extra_env=FIXTURE_ENV, replica=args.replica) as stack:
        stack.web_start()
        stack.worker_start()
        site = Site(stack, random.Random(1))
        proxy_url = stack.proxy_start() if args.rates else ""
        for size in (int(s) for s in args.sizes.split(",")):
            seed(stack, size)
            run_size(stack, site, size, args, proxy_url)
        if args.explain:
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), str(ROOT / "bench" / "explain_jobs.py")],
                env=stack.env(),
                cwd=ROOT,
                check=True,
            )
    print("load average at the end:", Path("/proc/loadavg").read_text().strip())


if __name__ == "__main__":
    main()
