"""How fast the machine's CPU was while a benchmark row ran.

A shared or virtual host does not run at one speed: on the 2-core host of 2026-11-30 the
same fixed loop took from 4.8 to 9.2 ms within one minute, with nothing else of ours
running. A latency figure measured in a slow stretch is then up to twice one measured in
a fast stretch, and the difference says nothing about the code. So beside each row a
process of its own times a fixed loop (the CPU time of 50,000 additions) every half
second, and the row reports the median: rows are comparable at like probe values. The
probe costs about 1 % of one core."""

import statistics
import subprocess
import sys

# Printed one sample per line as it is taken, so whatever was measured before the probe
# is stopped reaches the parent.
LOOP = """
import time
while True:
    start = time.thread_time()
    total = 0
    for i in range(50_000):
        total += i
    print(f"{(time.thread_time() - start) * 1000:.3f}", flush=True)
    time.sleep(0.5)
"""


class CpuProbe:
    """Use as `with CpuProbe() as probe: ...`; then `probe.median_ms`."""

    def __init__(self):
        self.samples: list[float] = []
        self._process: subprocess.Popen | None = None

    def __enter__(self):
        self._process = subprocess.Popen(
            [sys.executable, "-c", LOOP], stdout=subprocess.PIPE, text=True
        )
        return self

    def __exit__(self, *exc):
        assert self._process is not None
        self._process.terminate()
        out, _ = self._process.communicate(timeout=10)
        self.samples = [float(line) for line in out.split()]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")
