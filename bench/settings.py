"""Production settings plus one bench-only URL: a bare view returning constant JSON, the
framework's ceiling that every route is compared with in the same run."""

from jobboard.settings.production import *  # noqa: F403
from jobboard.settings.production import CACHES, TOSS_API_BASE, env

ROOT_URLCONF = "bench.urls"
# The webhook drills point Toss at a loopback stand-in (bench/fake_toss.py). Production
# settings accept only the gateway's https URL, so the bench overrides it after loading them.
TOSS_API_BASE = env.str("BENCH_TOSS_API_BASE", default=TOSS_API_BASE)
# The same Redis client, counting hits and misses per key family (bench/cache.py).
if CACHES["default"]["BACKEND"] == "jobboard.cache.BreakerRedisCache":
    CACHES["default"]["BACKEND"] = "bench.cache.CountingRedisCache"
