"""Real server processes for tests that check the shipped commands (scripts/serve, gunicorn
with deploy/gunicorn.conf.py): the process in a session of its own on a free port (from
deploy.drills.common.free_port), its output in a log file, and the whole group stopped at
the end."""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest


@contextlib.contextmanager
def served(
    args: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    log: Path,
    port: int,
    ready: str = "/api/v1/health",
    wait_seconds: float = 60,
) -> Iterator[str]:
    """Start `args`, yield its base URL once `ready` answers (any status below 500), and
    stop the process and its children when the block ends. Fails the test with the end of
    the log if the process dies or never answers."""
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(base + ready, timeout=2).status_code < 500:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{args[0]} did not answer; its log ends:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
