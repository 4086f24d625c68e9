"""Bench-only cache backend: the production one (jobboard.cache), counting hits and misses
per key family.

The spread benchmark reports how much of each route was answered from the cache. The
families are the key's first two `:`-separated parts ("jobs:page", "jobs:count", …), so new
cache layers are counted without changing this file. Counters go to prometheus_client's
multiprocess files (PROMETHEUS_MULTIPROC_DIR), which bench/traffic.py sums across workers."""

from prometheus_client import Counter

from jobboard.cache import BreakerRedisCache

LOOKUPS = Counter(
    "bench_cache_lookups_total", "Cache lookups by key family and outcome.", ["family", "outcome"]
)
_MISSING = object()


def family(key: str) -> str:
    return ":".join(str(key).split(":")[:2])


class CountingRedisCache(BreakerRedisCache):
    def get(self, key, default=None, version=None, client=None):
        value = super().get(key, _MISSING, version=version, client=client)
        LOOKUPS.labels(family(key), "miss" if value is _MISSING else "hit").inc()
        return default if value is _MISSING else value

    def get_many(self, keys, version=None, **kwargs):
        found = super().get_many(keys, version=version, **kwargs)
        for key in keys:
            LOOKUPS.labels(family(key), "hit" if key in found else "miss").inc()
        return found
