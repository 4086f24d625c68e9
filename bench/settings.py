"""Production settings plus one bench-only URL: a bare view returning constant JSON, the
framework's ceiling that every route is compared with in the same run."""

from jobboard.settings.production import *  # noqa: F403
from jobboard.settings.production import (
    CACHES,
    IAMPORT_API_BASE,
    PORTONE_API_BASE,
    TOSS_API_BASE,
    env,
)

ROOT_URLCONF = "bench.urls"
# The webhook drills and the payments run point the gateways at loopback stand-ins
# (bench/fake_toss.py; the sandbox served on its own, bench/payments_mixed.py). Production
# settings accept only the gateways' https URLs, so the bench overrides them after loading.
TOSS_API_BASE = env.str("BENCH_TOSS_API_BASE", default=TOSS_API_BASE)
IAMPORT_API_BASE = env.str("BENCH_IAMPORT_API_BASE", default=IAMPORT_API_BASE)
PORTONE_API_BASE = env.str("BENCH_PORTONE_API_BASE", default=PORTONE_API_BASE)
# The same Redis client, counting hits and misses per key family (bench/cache.py).
if CACHES["default"]["BACKEND"] == "jobboard.cache.BreakerRedisCache":
    CACHES["default"]["BACKEND"] = "bench.cache.CountingRedisCache"
