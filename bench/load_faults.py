"""Issue 8: mixed load and fault drills against gunicorn on a private PostgreSQL + Redis.

    .venv/bin/python -m bench.load_faults --jobs 100000        # everything (~10 minutes)
    .venv/bin/python -m bench.load_faults --jobs 5000 --quick  # a fast rehearsal
    .venv/bin/python -m bench.load_faults --jobs 100000 --hang-only  # the SIGSTOP drill alone

Phases: (1) each route alone at 16 clients beside a bare Django view (the ceiling), (2) the
mixed load (browse, search, detail, page, login, apply), (3) Redis killed for 30 s during
load, (3b) Redis hung (SIGSTOP) for 30 s during load, (4) PostgreSQL restarted during
load, (5) a webhook storm. Figures go to
docs/benchmarks.md ("Mixed load and faults"). The load generator runs pinned to core 1."""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import threading
import time

import httpx

from bench.fake_toss import FakeToss
from bench.load import percentile, run_load, summarize
from bench.report import table, write_section
from bench.stack import PrivateStack

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
    b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SEARCHES = [
    "개발",
    "백엔드 개발자",
    "Python",
    "데이터",
    "designer",
    "마케팅",
    "React 프론트엔드",
    "engineer",
    "서울 개발",
    "DevOps",
]
PASSWORD = "bench-Password-2026"  # noqa: S105 - throwaway accounts in a throwaway database
# POL-PRIV-001: registering takes the required consents.
CONSENTS = {"consent_terms": True, "consent_privacy": True, "consent_age_14": True}


class Fixture:
    """Accounts and ids the scenarios use, created through the public API."""

    def __init__(self, base_url: str, job_ids: list[int]):
        self.base_url = base_url
        self.job_ids = job_ids
        self.jobseeker_tokens: list[str] = []

    def register(self, client, email, role="jobseeker", **extra) -> None:
        client.post(
            "/api/v1/auth/register",
            json={"email": email, "password": PASSWORD, "role": role, **CONSENTS, **extra},
        )

    def login(self, client, email) -> dict:
        response = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        response.raise_for_status()
        return response.json()

    def prepare(self, jobseekers: int) -> None:
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            self.register(client, "login@bench.kr")
            for n in range(jobseekers):
                email = f"seeker{n}@bench.kr"
                self.register(client, email)
                self.jobseeker_tokens.append(self.login(client, email)["access"])


def route_picker(fx: Fixture, weights: dict[str, int]):
    def bearer(token):
        return {"Authorization": f"Bearer {token}"}

    routes = {
        "bare": lambda c, r: c.get("/bench/bare"),
        "browse": lambda c, r: c.get("/api/v1/jobs", params={"page": r.randint(1, 50)}),
        "search": lambda c, r: c.get("/api/v1/jobs", params={"q": r.choice(SEARCHES)}),
        "filter": lambda c, r: c.get(
            "/api/v1/jobs",
            params={
                "location": r.choice(["seoul", "busan", "gyeonggi"]),
                "remote": "true",
                "sort": "salary",
            },
        ),
        "detail": lambda c, r: c.get(f"/api/v1/jobs/{r.choice(fx.job_ids)}"),
        "page": lambda c, r: c.get("/jobs/", params={"q": r.choice(SEARCHES)}),
        "login": lambda c, r: c.post(
            "/api/v1/auth/login", json={"email": "login@bench.kr", "password": PASSWORD}
        ),
        "apply": lambda c, r: c.post(
            f"/api/v1/jobs/{r.choice(fx.job_ids)}/apply",
            headers=bearer(r.choice(fx.jobseeker_tokens)),
            files={"resume": ("cv.pdf", PDF, "application/pdf")},
            data={"cover_letter": "안녕하세요. Load test."},
        ),
    }
    names = [n for n in weights if weights[n]]
    cumulative = [weights[n] for n in names]

    def pick(rng: random.Random):
        name = rng.choices(names, weights=cumulative)[0]
        return name, lambda client: routes[name](client, rng)

    return pick


def pin_to_core_one() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {1})


def phase_isolated(fx, seconds, clients) -> list[dict]:
    rows = []
    bare_rps = None
    for name in ["bare", "browse", "search", "filter", "detail", "page"]:
        stats = summarize(
            run_load(fx.base_url, route_picker(fx, {name: 1}), clients=clients, seconds=seconds),
            seconds,
        )[name]
        bare_rps = bare_rps or stats["rps"]
        rows.append({"route": name, **stats, "ratio": stats["rps"] / bare_rps})
    return rows


def phase_mixed(fx, seconds, clients) -> list[dict]:
    weights = {
        "browse": 30,
        "search": 25,
        "filter": 10,
        "detail": 20,
        "page": 5,
        "login": 5,
        "apply": 5,
    }
    summary = summarize(
        run_load(fx.base_url, route_picker(fx, weights), clients=clients, seconds=seconds), seconds
    )
    return [{"route": name, **row} for name, row in summary.items()]


class Background:
    """Read load in a thread while a fault is injected; records (t, ok) samples."""

    def __init__(self, fx, clients=4):
        self.fx, self.clients = fx, clients
        self.samples: list[tuple[float, int | None, float]] = []
        self._stop = threading.Event()
        self.threads = []

    def __enter__(self):
        self.t0 = time.monotonic()

        def loop(n):
            rng = random.Random(n)
            with httpx.Client(base_url=self.fx.base_url, timeout=10) as client:
                while not self._stop.is_set():
                    started = time.monotonic()
                    try:
                        status = client.get(
                            f"/api/v1/jobs/{rng.choice(self.fx.job_ids)}"
                            if rng.random() < 0.5
                            else "/api/v1/jobs"
                        ).status_code
                    except httpx.HTTPError:
                        status = None
                    self.samples.append((started - self.t0, status, time.monotonic() - started))

        self.threads = [threading.Thread(target=loop, args=(n,)) for n in range(self.clients)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self.threads:
            thread.join()

    def window(self, start, end):
        return [s for s in self.samples if start <= s[0] < end]


def drill_redis(stack, fx, outage=30.0) -> dict:
    with httpx.Client(base_url=fx.base_url, timeout=10) as client:
        revoked = fx.login(client, "login@bench.kr")
        client.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {revoked['access']}"})
        with Background(fx) as load:
            time.sleep(5)
            down_at = time.monotonic() - load.t0
            stack.redis_stop()
            time.sleep(2)
            login_during = client.post(
                "/api/v1/auth/login", json={"email": "login@bench.kr", "password": PASSWORD}
            )
            revoked_during = client.get(
                "/api/v1/auth/me", headers={"Authorization": f"Bearer {revoked['access']}"}
            )
            time.sleep(max(0, outage - 2))
            pids_before = stack.gunicorn_pids()
            stack.redis_start()
            up_at = time.monotonic() - load.t0
            recovered_after = None
            while recovered_after is None and time.monotonic() - load.t0 < up_at + 30:
                health = client.get("/api/v1/health").json()
                if health.get("cache") == "ok":
                    recovered_after = time.monotonic() - load.t0 - up_at
                time.sleep(0.2)
            login_after = client.post(
                "/api/v1/auth/login", json={"email": "login@bench.kr", "password": PASSWORD}
            )
            time.sleep(2)
    during = load.window(down_at, up_at)
    ok = sum(1 for _, status, _ in during if status == 200)
    return {
        "reads_during_outage": len(during),
        "read_success": ok / len(during) if during else float("nan"),
        "login_during_outage": login_during.status_code,
        "revoked_token_during_outage": revoked_during.status_code,
        "cache_recovered_after_s": recovered_after,
        "login_after_recovery": login_after.status_code,
        "workers_restarted": pids_before != stack.gunicorn_pids(),
    }


def drill_redis_hang(stack, fx, hang=30.0, normal=10.0, kill=False) -> dict:
    """Redis stopped with SIGSTOP: it keeps its port and accepts connections but answers
    nothing, so every cache call waits for its timeout unless the circuit breaker stops
    calling it (ADR 0033). Reads before and during the hang are compared. `kill` shuts Redis
    down instead, the floor a hang can be brought to: every read then misses the cache."""
    pid = None if kill else stack.redis_pid()
    login = {"email": "login@bench.kr", "password": PASSWORD}
    with httpx.Client(base_url=fx.base_url, timeout=10) as client:
        revoked = fx.login(client, "login@bench.kr")
        client.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {revoked['access']}"})
        with Background(fx) as load:
            time.sleep(normal)
            stopped_at = time.monotonic() - load.t0
            stack.redis_stop() if kill else os.kill(pid, signal.SIGSTOP)
            try:
                time.sleep(2)
                started = time.monotonic()
                login_during = client.post("/api/v1/auth/login", json=login)
                login_seconds = time.monotonic() - started
                revoked_during = client.get(
                    "/api/v1/auth/me", headers={"Authorization": f"Bearer {revoked['access']}"}
                )
                time.sleep(max(0, hang - 2 - login_seconds))
            finally:
                stack.redis_start() if kill else os.kill(pid, signal.SIGCONT)
            resumed_at = time.monotonic() - load.t0
            recovered_after = None
            while recovered_after is None and time.monotonic() - load.t0 < resumed_at + 30:
                if client.get("/api/v1/health").json().get("cache") == "ok":
                    recovered_after = time.monotonic() - load.t0 - resumed_at
                time.sleep(0.2)
            login_after = client.post("/api/v1/auth/login", json=login)
            time.sleep(2)
    before = [s for s in load.window(stopped_at - normal + 1, stopped_at) if s[1] == 200]
    during = load.window(stopped_at, resumed_at)
    served = [s for s in during if s[1] == 200]
    p95_before = percentile([s[2] for s in before], 95) * 1000
    p95_during = percentile([s[2] for s in served], 95) * 1000
    return {
        "reads_before_hang_per_s": round(len(before) / (normal - 1), 1),
        "reads_served_during_hang": len(served),
        "reads_during_hang_per_s": round(len(served) / (resumed_at - stopped_at), 1),
        "read_success_during_hang": round(len(served) / len(during), 4) if during else None,
        "p95_ms_before_hang": round(p95_before, 1),
        "p95_ms_during_hang": round(p95_during, 1),
        "p95_ratio_during_to_before": round(p95_during / p95_before, 2),
        "slowest_read_during_hang_ms": round(max(s[2] for s in during) * 1000, 1),
        "login_during_hang": f"{login_during.status_code} in {login_seconds * 1000:.0f} ms",
        "revoked_token_during_hang": revoked_during.status_code,
        "cache_recovered_after_s": recovered_after,
        "login_after_resume": login_after.status_code,
    }


def drill_postgres(stack, fx, recruiter: Recruiter, outage=10.0) -> dict:
    order_id, job_id = recruiter.pending_order()
    pids_before = stack.gunicorn_pids()
    with httpx.Client(base_url=fx.base_url, timeout=15) as client, Background(fx) as load:
        time.sleep(5)
        down_at = time.monotonic() - load.t0
        stack.pg_stop("fast")
        time.sleep(1)
        during_page = client.get("/jobs/")
        during_api = client.get("/api/v1/jobs")
        webhook_during = toss_webhook(client, order_id)
        time.sleep(max(0, outage - 1))
        stack.pg_start()
        up_at = time.monotonic() - load.t0
        first_ok = None
        while first_ok is None and time.monotonic() - load.t0 < up_at + 60:
            if client.get("/api/v1/health").status_code == 200:
                first_ok = time.monotonic() - load.t0 - up_at
            time.sleep(0.2)
        time.sleep(3)
        redelivered = [toss_webhook(client, order_id) for _ in range(3)]
    failed = [s for s in load.window(down_at, up_at) if s[1] != 200]
    statuses = sorted({s[1] for s in failed}, key=str)
    return {
        "requests_during_outage": len(load.window(down_at, up_at)),
        "failure_statuses": statuses,
        "slowest_failure_s": max((s[2] for s in failed), default=0.0),
        "api_during_outage": (during_api.status_code, during_api.headers.get("content-type")),
        "page_during_outage": during_page.status_code,
        "traceback_leaked": "Traceback" in during_api.text + during_page.text,
        "recovered_after_s": first_ok,
        "after_recovery_ok": sum(
            1 for s in load.window(up_at + (first_ok or 0) + 1, 1e9) if s[1] == 200
        )
        / max(1, len(load.window(up_at + (first_ok or 0) + 1, 1e9))),
        "workers_restarted": pids_before != stack.gunicorn_pids(),
        "webhook_during_outage": webhook_during,
        "webhook_redeliveries_after": redelivered,
        "order_after_redelivery": recruiter.order_status(order_id),
        "premium_options_after_redelivery": recruiter.active_premium(job_id),
    }


class Recruiter:
    """A recruiter with published jobs and pending Toss orders, set up through the API."""

    def __init__(self, base_url: str, fake_toss):
        self.client = httpx.Client(base_url=base_url, timeout=30)
        self.fake = fake_toss
        self.client.post(
            "/api/v1/auth/register",
            json={
                "email": "recruiter@bench.kr",
                "password": PASSWORD,
                "role": "recruiter",
                "company_name": "벤치마크 주식회사",
                **CONSENTS,
            },
        )
        token = self.client.post(
            "/api/v1/auth/login", json={"email": "recruiter@bench.kr", "password": PASSWORD}
        ).json()["access"]
        self.client.headers["Authorization"] = f"Bearer {token}"

    def job(self) -> int:
        response = self.client.post(
            "/api/v1/jobs",
            json={
                "title": "웹훅 드릴 백엔드 개발자",
                "description": "Webhook drill.",
                "category": "software",
                "location": "seoul",
                "employment_type": "full_time",
                "remote": False,
                "salary_min": 50_000_000,
                "salary_max": 60_000_000,
                "publish": True,
            },
        )
        response.raise_for_status()
        return response.json()["id"]

    def pending_order(self) -> tuple[str, int]:
        job_id = self.job()
        response = self.client.post(
            "/api/v1/payments/prepare",
            json={"product": "premium_7", "job": job_id, "provider": "toss"},
        )
        response.raise_for_status()
        order = response.json()["order"]
        self.fake.paid(
            payment_key=f"pk_{order['order_id']}",
            order_id=order["order_id"],
            amount=order["amount"],
        )
        return order["order_id"], job_id

    def order_status(self, order_id: str) -> str:
        return self.client.get(f"/api/v1/orders/{order_id}").json()["status"]

    def active_premium(self, job_id: int) -> int:
        options = self.client.get(f"/api/v1/jobs/{job_id}").json().get("options", [])
        return sum(1 for o in options if o.get("kind") == "premium")


def toss_webhook(client: httpx.Client, order_id: str) -> int:
    """One delivery of the PAYMENT_STATUS_CHANGED notification for `order_id` (a redelivery
    carries the same transmission id, as Toss's retries do)."""
    try:
        return client.post(
            "/api/v1/webhooks/payments/toss",
            json={
                "eventType": "PAYMENT_STATUS_CHANGED",
                "createdAt": "2026-11-22T12:00:06",
                "data": {"paymentKey": f"pk_{order_id}", "orderId": order_id, "status": "DONE"},
            },
            headers={"tosspayments-webhook-transmission-id": f"tx-{order_id}"},
        ).status_code
    except httpx.HTTPError:
        return 0


def drill_webhook_storm(base_url, recruiter: Recruiter, events=20, copies=10) -> dict:
    orders = [recruiter.pending_order() for _ in range(events)]
    deliveries = [order_id for order_id, _ in orders for _ in range(copies)]
    random.Random(7).shuffle(deliveries)
    statuses: list[int] = []
    lock = threading.Lock()

    def deliver(chunk):
        with httpx.Client(base_url=base_url, timeout=30) as client:
            for order_id in chunk:
                status = toss_webhook(client, order_id)
                with lock:
                    statuses.append(status)

    threads = [threading.Thread(target=deliver, args=(deliveries[n::16],)) for n in range(16)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "deliveries": len(statuses),
        "distinct_events": events,
        "answered_200": sum(1 for s in statuses if s == 200),
        "seconds": round(time.monotonic() - started, 2),
        "orders_paid": sum(1 for o, _ in orders if recruiter.order_status(o) == "paid"),
        "premium_options_created": sum(recruiter.active_premium(j) for _, j in orders),
    }


def seed(stack, jobs: int) -> list[int]:
    stack.manage("seed_jobs", str(jobs))
    out = stack.manage(
        "shell",
        "--no-imports",
        "-c",
        "from jobs.models import Job; "
        "print(','.join(map(str, Job.objects.filter(status='published')"
        ".order_by('?').values_list('id', flat=True)[:2000])))",
    ).stdout
    return [int(x) for x in out.strip().split(",") if x]


def hang_only(stack, fx, args, hang: float) -> None:
    """The SIGSTOP drill as shipped; Redis killed instead (no cache at all: the floor the
    breaker can bring a hang down to); the SIGSTOP drill with the breaker off (every call
    waits for its timeout) — so the figures show what the breaker itself saves."""
    rows = [
        {"breaker": "hung, breaker on (shipped)", **drill_redis_hang(stack, fx, hang=hang)},
        {"breaker": "killed, breaker on", **drill_redis_hang(stack, fx, hang=hang, kill=True)},
    ]
    stack.web_stop()
    stack.extra_env["REDIS_CIRCUIT_OPEN_SECONDS"] = "0"
    stack.web_start()
    rows.append({"breaker": "hung, breaker off", **drill_redis_hang(stack, fx, hang=hang)})
    keys = [k for k in rows[0] if k != "breaker"]
    body = (
        f"Command: `.venv/bin/python -m bench.load_faults --jobs {args.jobs} --hang-only"
        f"{' --quick' if args.quick else ''}` — gunicorn (3 workers, production settings) on a "
        f"private PostgreSQL + Redis with {args.jobs:,} jobs; 4 closed-loop clients read job "
        f"pages and the job list while Redis is stopped with SIGSTOP for {hang:g} s "
        "(ADR 0033). Shared machine: compare the rows with each other and with the "
        "before-hang figures of the same run.\n\n"
        + "| | "
        + " | ".join(row["breaker"] for row in rows)
        + " |\n|---|"
        + "---|" * len(rows)
        + "\n"
        + "\n".join(f"| {k} | " + " | ".join(str(row[k]) for row in rows) + " |" for k in keys)
        + "\n"
    )
    write_section("Redis hung with SIGSTOP (proof)", body)
    print(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--quick", action="store_true", help="short phases, for a rehearsal")
    parser.add_argument(
        "--hang-only",
        action="store_true",
        help="only the Redis SIGSTOP drill, with the circuit breaker and without it",
    )
    args = parser.parse_args()
    seconds = 5 if args.quick else args.seconds
    fake_toss = FakeToss()
    extra_env = {
        "BENCH_TOSS_API_BASE": fake_toss.base_url,
        # The load signs up and signs in from one address: lift the per-IP limits for it.
        "SIGNUP_MAX_PER_IP": "100000",
        "SIGNIN_MAX_FAILURES_PER_IP": "100000",
        # No routine recycling (max_requests): any worker PID change is then a real restart.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    with PrivateStack(workers=3, extra_env=extra_env) as stack:
        print(f"seeding {args.jobs} jobs…", flush=True)
        job_ids = seed(stack, args.jobs)
        stack.web_start()
        stack.worker_start()
        fx = Fixture(stack.base_url, job_ids)
        fx.prepare(jobseekers=50)
        pin_to_core_one()
        if args.hang_only:
            hang_only(stack, fx, args, hang=10 if args.quick else 30)
            return
        print("phase 1: routes alone", flush=True)
        isolated = phase_isolated(fx, seconds, args.clients)
        print("phase 2: mixed", flush=True)
        mixed = phase_mixed(fx, seconds * 2, args.clients)
        print("phase 3: Redis outage", flush=True)
        redis = drill_redis(stack, fx, outage=10 if args.quick else 30)
        print("phase 3b: Redis hung (SIGSTOP)", flush=True)
        redis_hang = drill_redis_hang(stack, fx, hang=10 if args.quick else 30)
        recruiter = Recruiter(stack.base_url, fake_toss)
        print("phase 4: PostgreSQL restart", flush=True)
        postgres = drill_postgres(stack, fx, recruiter)
        print("phase 5: webhook storm", flush=True)
        storm = drill_webhook_storm(stack.base_url, recruiter)
    fake_toss.close()
    cols = [
        ("route", "route"),
        ("rps", "req/s"),
        ("p50_ms", "p50 ms"),
        ("p95_ms", "p95 ms"),
        ("p99_ms", "p99 ms"),
    ]
    body = (
        f"Command: `.venv/bin/python -m bench.load_faults --jobs {args.jobs}"
        f"{' --quick' if args.quick else ''}` — gunicorn (3 workers, production settings) on a "
        f"private PostgreSQL 15 + Redis 7, {args.clients} closed-loop clients pinned to core 1, "
        f"{args.jobs:,} jobs.\n\n### Each route alone, against the bare view\n\n"
        + table(isolated, [*cols, ("ratio", "× bare")])
        + "\n### Mixed load\n\n"
        + table(mixed, [*cols, ("ok_ratio", "non-5xx share")])
        + "\n### Redis killed for the outage window\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in redis.items())
        + "\n\n### Redis hung (SIGSTOP) for the outage window\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in redis_hang.items())
        + "\n\n### PostgreSQL stopped and restarted\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in postgres.items())
        + "\n\n### Webhook storm: parallel deliveries of distinct events\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in storm.items())
        + "\n"
    )
    write_section("Mixed load and faults (proof)", body)
    print(body)


if __name__ == "__main__":
    main()
