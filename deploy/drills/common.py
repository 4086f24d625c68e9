"""What the drills share: a scratch PostgreSQL database of their own, the production
settings the shipped files give the app, free ports. Nothing is shared with another run."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))


def check(label: str, ok: bool, detail: object = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {label}{f': {detail}' if detail else ''}", flush=True)
    if not ok:
        raise SystemExit(1)


def free_port() -> int:
    """A port nobody listens on now: other runs, stacks and benches share this machine
    (ADR 0025). The drills, bench/ and the tests all take their ports from here."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_url() -> str:
    """The PostgreSQL server of DATABASE_URL (CI's, or a developer's env file), else local."""
    url = os.environ.get("DRILL_DATABASE_SERVER") or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "postgres://postgres@127.0.0.1:5432"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@contextlib.contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A database named for this run (prefix + pid), created here and dropped at the end;
    the drill never touches a database it did not create."""
    import psycopg

    server = _server_url()
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(server + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=f"{prefix}-") as folder:
        yield Path(folder)


def production_env(database_url: str, folder: Path, **extra: str) -> dict[str, str]:
    """The app's environment as compose.yaml gives it, with throwaway secrets."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobboard.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "drill-" + os.urandom(24).hex(),
        "JWT_SIGNING_KEY": "drill-jwt-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "PAYMENTS_ENABLED": "false",
        "MEDIA_ROOT": str(folder / "media"),
        "RESUME_STORAGE_ROOT": str(folder / "private"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    check(f"manage.py {args[0]}", result.returncode == 0, result.stderr[-2000:])
    return result.stdout
