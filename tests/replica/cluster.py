"""A primary and a real streaming replica on this machine, for the replica router's tests
(ADR 0068). `scripts/test-replica` runs:

    python -m tests.replica.cluster [pytest arguments]

which initdb's a primary on a free port (data under /tmp/perf-replica-…), migrates it,
clones it with `pg_basebackup -R` into a second cluster (a hot standby streaming from the
primary) on another free port, runs `pytest -m replica tests/replica` against the pair, and
removes both. The tests stop, start and pause the replica through the same class."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


class Cluster:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def client_args(self) -> list[str]:
        return ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]

    def url(self, database: str = "jobboard") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "server.log"),
                "-w",
                "start",
                "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"),
            check=False,
            capture_output=True,
        )


def _own(folder: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")


def start_pair(base: Path) -> tuple[Cluster, Cluster]:
    primary = Cluster(base / "primary", _free_port())
    replica = Cluster(base / "replica", _free_port())
    for cluster in (primary, replica):
        cluster.folder.mkdir()
        _own(cluster.folder)
    # initdb's trust setup admits local replication connections (pg_hba.conf).
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "initdb"), "-D", str(primary.data), "-A", "trust", "-U", "postgres"
        ),
        check=True,
        capture_output=True,
    )
    primary.start()
    subprocess.run(
        [str(PG_BIN / "createdb"), *primary.client_args(), "jobboard"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": primary.url(),
            "DJANGO_SETTINGS_MODULE": "jobboard.settings.test",
        },
        check=True,
    )
    # -R writes standby.signal and primary_conninfo: the clone starts as a streaming replica.
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "pg_basebackup"),
            *primary.client_args(),
            "-D",
            str(replica.data),
            "-R",
            "-X",
            "stream",
            # An immediate checkpoint: the default spreads it over minutes of an idle
            # primary, most of this step's time.
            "--checkpoint=fast",
        ),
        check=True,
        capture_output=True,
    )
    replica.start()
    return primary, replica


def main(pytest_args: list[str]) -> int:
    base = Path(tempfile.mkdtemp(prefix="perf-replica-"))
    _own(base)
    primary = replica = None
    try:
        primary, replica = start_pair(base)
        env = {
            **os.environ,
            "DATABASE_URL": primary.url(),
            "DATABASE_REPLICA_URL": replica.url(),
            "REPLICA_TEST_FOLDER": str(replica.folder),
            "REPLICA_TEST_PORT": str(replica.port),
        }
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-m",
                "replica",
                "tests/replica",
                "-p",
                "no:randomly",
                *pytest_args,
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
        return result.returncode
    finally:
        for cluster in (replica, primary):
            if cluster is not None:
                cluster.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
