"""How many of bench.traffic's spread requests any answer cache could serve (ADR 0099).

    .venv/bin/python -m bench.cache_ceiling [--rates 5,20] [--horizon 600]

A cached page of `GET /api/v1/jobs` lives until the list version moves (every job or
option write, ADR 0011) or its TTL ends. Whether a longer life (writes coalesced, a longer
TTL) could bring the spread routes' p95 under the target depends on one thing: how often
a request asks for an answer already asked for while that answer lived. A p95 is a cache
hit's only when at least 95 % of requests hit.

This draws each paced route's requests from bench.traffic's own distributions (its Site
over the same seeded 100,000 jobs on a private stack, its path makers and route seeds; the
visitors' tokens, which do not change an answer, are not drawn), gives them Poisson arrival
times at each offered rate, and counts a request as a possible hit when the same path was
asked earlier within the same answer life: lives of a fixed length (the version moving
once per life, however many writes came), and never (an answer valid forever). A path
stands for its cache key (the key is made from the validated filters, so two spellings of
one query would share a key: the counts are a slight underestimate of that). No request is
sent: the figure is a ceiling for any cache, not a measurement of ours."""

from __future__ import annotations

import argparse
import random

from bench.report import table, write_section
from bench.stack import PrivateStack
from bench.traffic import FIXTURE_ENV, PACED_ROUTES, ROUTES, Draw, Site, offered_rates, seed

JOBS = 100_000
# Answer lives in seconds. 2 s is today's with the benchmark's writer (0.5 job/s moves the
# version every 2 s on average); None: never invalidated.
LIVES = (2, 10, 30, 60, 300, None)
HIT_SHARE_FOR_P95 = 0.95


def hit_share(paths: list[str], rate: float, life: float | None, rng: random.Random) -> float:
    """The share of requests whose path was asked before in the same answer life."""
    seen: dict[str, int] = {}  # path → the life (epoch) it was last cached in
    hits, now = 0, 0.0
    for path in paths:
        now += rng.expovariate(rate)
        epoch = 0 if life is None else int(now // life)
        if seen.get(path) == epoch:
            hits += 1
        seen[path] = epoch
    return hits / len(paths)


def ceilings(site: Site, rates: list[float], horizon: float) -> list[dict]:
    rows = []
    for name in (n for n in PACED_ROUTES if n != "bare"):
        label, make_path, _ = ROUTES[name]
        for rate in rates:
            draw = Draw(random.Random(f"0-{name}"))  # bench.traffic's draw of this route
            paths = [make_path(site, draw) for _ in range(int(rate * horizon))]
            shares = {
                life: hit_share(paths, rate, life, random.Random(f"arrivals-{rate}"))
                for life in LIVES
            }
            row = {"route": label, "rate": f"{rate:g}", "distinct": f"{len(set(paths)):,}"}
            row |= {f"life_{life}": f"{share:.0%}" for life, share in shares.items()}
            rows.append(row | {"shares": shares})
    return rows


def report(rows: list[dict], horizon: float) -> str:
    columns = [
        ("route", "route"),
        ("rate", "offered req/s"),
        ("distinct", f"distinct answers in {horizon:g} s"),
    ]
    columns += [
        (f"life_{life}", "never invalidated" if life is None else f"answers live {life} s")
        for life in LIVES
    ]
    longest = max(life for life in LIVES if life is not None)
    best = max(share for row in rows for life, share in row["shares"].items() if life)
    verdict = (
        f"With answers living up to {longest} s, a cache could serve at most {best:.0%} of "
        f"a route's requests, under the {HIT_SHARE_FOR_P95:.0%} a p95 needs: the spread "
        "routes' p95 is an uncached request's, and the latency target rests on the "
        "uncached path (ADR 0099)."
        if best < HIT_SHARE_FOR_P95
        else f"A route passes {HIT_SHARE_FOR_P95:.0%} hits with answers living {longest} s."
    )
    forever = [
        f"{row['route']} at {row['rate']} req/s"
        for row in rows
        if row["shares"][None] >= HIT_SHARE_FOR_P95
    ]
    if forever:
        verdict += (
            " Only answers never invalidated, which would show no write at all, pass it: "
            + "; ".join(forever)
            + "."
        )
    return (
        "Command: `.venv/bin/python -m bench.cache_ceiling` (no request is sent: the "
        f"requests of bench.traffic's paced routes at {JOBS:,} jobs, drawn as it draws them, "
        f"over {horizon:g} s of Poisson arrivals; see the module docstring). Each cell is "
        "the share of requests that asked for an answer already asked for in the same "
        "answer life: the most any cache of whole answers could serve.\n\n"
        + table(rows, columns)
        + "\n"
        + verdict
        + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rates", type=offered_rates, default=[5.0, 20.0])
    parser.add_argument("--horizon", type=float, default=600, help="seconds of arrivals")
    parser.add_argument(
        "--no-write", dest="write", action="store_false", help="print, leave the docs alone"
    )
    args = parser.parse_args()
    with PrivateStack(extra_env=FIXTURE_ENV) as stack:
        stack.web_start()
        site = Site(stack, random.Random(1))
        seed(stack, JOBS)
        site.refresh()
        body = report(ceilings(site, args.rates, args.horizon), args.horizon)
    print(body)
    if args.write:
        write_section("Cache hit ceiling of the traffic draws (ADR 0099)", body)


if __name__ == "__main__":
    main()
