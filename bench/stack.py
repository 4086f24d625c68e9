"""A private production-like stack for benchmarks and fault drills: its own PostgreSQL
cluster and Redis on their own ports (so killing them disturbs nothing else on the machine),
and the app under gunicorn with production settings. Everything stops when the block ends."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from deploy.drills.common import free_port

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


def on_every_core() -> None:
    """The `preexec_fn` of every server the stack starts. A process inherits the CPU affinity
    of the thread that started it, and the benchmarks pin themselves (their writers and load
    generators) to core 1: without this, PostgreSQL, Redis, gunicorn and the task worker
    started by a pinned benchmark ran on core 1 beside the load generator, with the other
    core idle (ADR 0102)."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


# What production settings (bench.settings) refuse to start without, as throwaway values,
# and the log level of a measurement.
BENCH_SETTINGS_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "SECRET_KEY": "bench-" + "s" * 60,
    "JWT_SIGNING_KEY": "bench-jwt-" + "j" * 60,
    "SECURE_SSL_REDIRECT": "False",
    "TOSS_SECRET_KEY": "live_sk_bench",
    "TOSS_CLIENT_KEY": "live_ck_bench",
    "IAMPORT_API_KEY": "bench",
    "IAMPORT_API_SECRET": "bench",
    "IAMPORT_IMP_CODE": "imp00000000",
    "LOG_LEVEL": "WARNING",
}


class PrivateStack:
    def __init__(
        self,
        *,
        pg_port: int | None = None,
        redis_port: int | None = None,
        web_port: int | None = None,
        workers: int | None = None,
        extra_env: dict | None = None,
        replica: bool = False,
    ):
        self.pg_port = pg_port or free_port()
        self.redis_port = redis_port or free_port()
        self.web_port = web_port or free_port()
        self.workers = workers
        self.dir = Path(tempfile.mkdtemp(prefix="jobboard-bench-"))
        self.extra_env = extra_env or {}
        self.gunicorn: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.proxy: subprocess.Popen | None = None
        # A streaming replica of the stack's PostgreSQL the app reads from (ADR 0068).
        self.replica_port = free_port() if replica else None

    # --- environment -----------------------------------------------------------------
    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.pg_port}/jobboard"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self) -> dict:
        return {
            **os.environ,
            **BENCH_SETTINGS_ENV,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "GUNICORN_LOG_LEVEL": "warning",
            **(
                {
                    "DATABASE_REPLICA_URL": self.database_url.replace(
                        str(self.pg_port), str(self.replica_port)
                    )
                }
                if self.replica_port
                else {}
            ),
            **self.extra_env,
        }

    # --- PostgreSQL ------------------------------------------------------------------
    def pg_start(self) -> None:
        data = self.dir / "pg"
        if not data.exists():
            data.mkdir()
            shutil.chown(self.dir, "postgres") if os.geteuid() == 0 else None
            shutil.chown(data, "postgres") if os.geteuid() == 0 else None
            subprocess.run(
                _as_postgres(
                    str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"
                ),
                check=True,
                capture_output=True,
            )
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.dir / "pg.log"),
                "-w",
                "start",
                "-o",
                f"-p {self.pg_port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c max_connections=200 -c shared_buffers=256MB "
                "-c maintenance_work_mem=256MB -c max_wal_size=4GB",
            ),
            check=True,
            capture_output=True,
            preexec_fn=on_every_core,
        )

    def pg_stop(self, mode: str = "fast", folder: str = "pg") -> None:
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.dir / folder), "-m", mode, "-w", "stop"
            ),
            check=False,
            capture_output=True,
        )

    def replica_start(self) -> None:
        """Clone the cluster with pg_basebackup -R (a hot standby streaming from it)."""
        data = self.dir / "replica"
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "-D",
                str(data),
                "-R",
                "-X",
                "stream",
            ),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.dir / "replica.log"),
                "-w",
                "start",
                "-o",
                # A hot standby needs max_connections at least the primary's.
                f"-p {self.replica_port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                "-c max_connections=200 -c shared_buffers=256MB",
            ),
            check=True,
            capture_output=True,
            preexec_fn=on_every_core,
        )

    def _pg_client(self, tool: str, *args: str, check: bool) -> str:
        """Run a PostgreSQL client tool against this cluster as the postgres role."""
        return subprocess.run(
            [str(PG_BIN / tool), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres"]
            + list(args),
            check=check,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def pg_create_database(self) -> None:
        self._pg_client("createdb", "jobboard", check=False)

    def psql(self, sql: str) -> str:
        """One statement through psql (benchmark upkeep such as VACUUM; never app code)."""
        return self._pg_client("psql", "-d", "jobboard", "-tAc", sql, check=True)

    def pg_version(self) -> str:
        return self.psql("SHOW server_version").split()[0]

    # --- Redis -----------------------------------------------------------------------
    def redis_start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            check=True,
            capture_output=True,
            preexec_fn=on_every_core,
        )
        for _ in range(50):
            if self.redis_ping():
                return
            time.sleep(0.1)

    def redis_stop(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), "shutdown", "nosave"],
            check=False,
            capture_output=True,
        )

    def redis_pid(self) -> int:
        """The server's process id (read while it still answers)."""
        info = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), "info", "server"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return int(next(line for line in info.splitlines() if line.startswith("process_id:"))[11:])

    def redis_ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), "ping"],
            check=False,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() == "PONG"

    # --- the app ---------------------------------------------------------------------
    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                str(ROOT / ".venv/bin/python") if (ROOT / ".venv").exists() else "python",
                "manage.py",
                *args,
            ],
            cwd=ROOT,
            env=self.env(),
            check=check,
            capture_output=True,
            text=True,
        )

    def web_start(self) -> None:
        python = ROOT / ".venv/bin/python"
        python = str(python) if python.exists() else "python"
        config = ROOT / "deploy" / "gunicorn.conf.py"
        args = [
            python,
            "-m",
            "gunicorn",
            "jobboard.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.web_port}",
        ]
        if self.workers:  # else the config's default, as in production
            args += ["--workers", str(self.workers)]
        if config.exists():
            args[4:4] = ["--config", str(config)]
        # The web server shares core 0 and 1 with the load generator; the generator pins
        # itself to core 1 (taskset) so the ratio to the bare view stays meaningful.
        self.gunicorn = subprocess.Popen(
            args,
            cwd=ROOT,
            # This stack's own metrics folder (the default is shared by every gunicorn here).
            env={**self.env(), "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir)},
            stdout=open(self.log, "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=on_every_core,
        )
        self.wait_healthy()

    @property
    def log(self) -> Path:
        """gunicorn's output: its errors and one JSON line per request served."""
        return self.dir / "gunicorn.log"

    @property
    def metrics_dir(self) -> Path:
        return self.dir / "metrics"

    def web_stop(self) -> None:
        if self.gunicorn is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.gunicorn.pid, signal.SIGTERM)
            self.gunicorn.wait(30)
            self.gunicorn = None

    def proxy_start(self) -> str:
        """nginx in front of gunicorn, as the ingress is in production; returns its URL.
        A sync worker that accepts a connection waits on it until a request arrives, so a
        client that holds its connection open between clicks (paced wrk) would hold a worker
        for its whole think time; nginx passes a request on only once it has arrived. Pinned
        to the load generator's core: it stands in for a machine of its own."""
        from deploy.drills.proxy import NGINX_CONF  # the client-address drill's nginx

        port = free_port()
        conf = self.dir / "nginx.conf"
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(
            NGINX_CONF.format(user=user, folder=self.dir, listen=port, upstream=self.web_port)
        )
        self.proxy = subprocess.Popen(
            ["taskset", "-c", "1", "nginx", "-p", str(self.dir), "-c", str(conf)],
            stdout=open(self.dir / "nginx.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        self.wait_healthy(url=url)
        return url

    def worker_start(self) -> None:
        python = ROOT / ".venv/bin/python"
        python = str(python) if python.exists() else "python"
        self.worker = subprocess.Popen(
            [python, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env(),
            start_new_session=True,
            stdout=open(self.dir / "worker.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            preexec_fn=on_every_core,
        )

    def wait_healthy(self, timeout: float = 120, url: str | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                health = (url or self.base_url) + "/api/v1/health"
                if httpx.get(health, timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        log = self.log.read_text()[-3000:]
        raise RuntimeError("the app did not become healthy; gunicorn said:\n" + log)

    def gunicorn_pids(self) -> set[int]:
        if self.gunicorn is None:
            return set()
        out = subprocess.run(
            ["pgrep", "-g", str(os.getpgid(self.gunicorn.pid))],
            check=False,
            capture_output=True,
            text=True,
        ).stdout
        return {int(p) for p in out.split()}

    def __enter__(self):
        try:
            self.pg_start()
            self.pg_create_database()
            self.redis_start()
            self.manage("migrate", "--no-input", "-v", "0")
            self.manage("collectstatic", "--no-input", "-v", "0")  # as the image build does
            if self.replica_port:
                self.replica_start()
        except BaseException:
            self.__exit__()  # a failed start must not leave servers behind
            raise
        return self

    def __exit__(self, *exc):
        for proc in (self.proxy, self.gunicorn, self.worker):
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(10)
        self.redis_stop()
        if self.replica_port:
            self.pg_stop("immediate", folder="replica")
        self.pg_stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
