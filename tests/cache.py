"""Test runs share a Redis server (CI, the landing gate and every engineer's runs on one
machine, ADR 0025): each run has its own key prefix, and clearing a cache between tests
deletes that prefix's keys only, never the whole Redis database another run is using."""

from django_redis.client import DefaultClient


class RunScopedRedisClient(DefaultClient):
    def clear(self, client=None) -> None:
        # FLUSHDB would wipe other runs' throttles and cached pages mid-test.
        self.delete_pattern("*", client=client, itersize=1000)
