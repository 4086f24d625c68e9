"""The benchmarks' private stack runs its servers on every core even when the benchmark that
starts it has pinned itself to one (ADR 0102): bench.traffic pins itself and its load
generator to core 1, and every figure it wrote until then measured the app on that core."""

import os
import shutil

import pytest

from bench.stack import PrivateStack


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="pinning needs two cores")
def test_a_server_started_by_a_pinned_benchmark_keeps_every_core():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    cores = os.sched_getaffinity(0)
    stack = PrivateStack()
    try:
        os.sched_setaffinity(0, {min(cores)})  # as bench.traffic pins itself
        stack.redis_start()
        os.sched_setaffinity(0, cores)
        assert os.sched_getaffinity(stack.redis_pid()) == cores
    finally:
        os.sched_setaffinity(0, cores)
        stack.redis_stop()
        shutil.rmtree(stack.dir, ignore_errors=True)
