"""A closed-loop load generator: N client threads, each sending requests back to back,
recording latency per route. Runs pinned to one core (taskset) beside the server."""

import random
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class RouteStats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    errors: int = 0

    def add(self, seconds: float, status: int | None) -> None:
        self.latencies.append(seconds)
        if status is None:
            self.errors += 1
        else:
            self.statuses[status] += 1


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


# A request: (route name, callable(client) -> response)
Request = tuple[str, Callable[[httpx.Client], httpx.Response]]


def run_load(
    base_url: str,
    pick: Callable[[random.Random], Request],
    *,
    clients: int,
    seconds: float,
    timeout: float = 10.0,
    seed: int = 1,
) -> dict[str, RouteStats]:
    stats: dict[str, RouteStats] = defaultdict(RouteStats)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client_loop(n: int) -> None:
        rng = random.Random(seed + n)
        with httpx.Client(base_url=base_url, timeout=timeout) as client:
            while time.monotonic() < stop_at:
                name, send = pick(rng)
                started = time.perf_counter()
                try:
                    status = send(client).status_code
                except httpx.HTTPError:
                    status = None
                elapsed = time.perf_counter() - started
                with lock:
                    stats[name].add(elapsed, status)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats


def summarize(stats: dict[str, RouteStats], seconds: float) -> dict[str, dict]:
    out = {}
    for name, route in sorted(stats.items()):
        ok = sum(c for s, c in route.statuses.items() if s < 500)
        total = len(route.latencies)
        out[name] = {
            "requests": total,
            "rps": total / seconds,
            "p50_ms": percentile(route.latencies, 50) * 1000,
            "p95_ms": percentile(route.latencies, 95) * 1000,
            "p99_ms": percentile(route.latencies, 99) * 1000,
            "mean_ms": statistics.fmean(route.latencies) * 1000 if total else float("nan"),
            "ok_ratio": ok / total if total else float("nan"),
            "statuses": dict(route.statuses),
            "errors": route.errors,
        }
    return out
