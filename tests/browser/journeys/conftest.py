"""Journeys run against the app as production runs it: gunicorn (deploy/gunicorn.conf.py when
present) + the task worker, on PostgreSQL and Redis (DATABASE_URL / REDIS_URL, as CI sets
them), in a database of their own that is created fresh for the session. Demo data is
loaded; the payment gateway is the project's sandbox (no gateway is reachable here)."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from deploy.drills.common import free_port
from tests.browser.conftest import SCREENSHOTS
from tests.processes import served

ROOT = Path(__file__).resolve().parents[3]


def _database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        pytest.fail("journeys run on PostgreSQL: set DATABASE_URL (CI does)")
    parsed = urlparse(base)
    return parsed._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def served_app():
    port = free_port()
    # A database of this run's own (two runs on one machine never share or drop each
    # other's, ADR 0025); JOURNEYS_DATABASE names it explicitly.
    name = os.environ.get("JOURNEYS_DATABASE") or f"jobboard_journeys_{os.getpid()}"
    url = _database_url(name)
    parsed = urlparse(url)
    pg = [
        "-h",
        parsed.hostname or "127.0.0.1",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
    ]
    subprocess.run(["dropdb", "--if-exists", *pg, name], check=True)
    subprocess.run(["createdb", *pg, name], check=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobboard.settings.local",
        "DEBUG": "False",
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CACHE_KEY_PREFIX": f"journeys{port}",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PAYMENTS_SANDBOX": "True",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["load_demo"],
    ):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = ROOT / "var" / "journeys-gunicorn.log"
    args = [
        python,
        "-m",
        "gunicorn",
        "jobboard.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
    ]
    config = ROOT / "deploy" / "gunicorn.conf.py"
    if config.exists():
        args += ["--config", str(config)]
    worker_log = log.with_name("journeys-worker.log").open("w")
    worker = subprocess.Popen(
        [python, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        with served(args, cwd=ROOT, env=env, log=log, port=port) as base:
            yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(10)
        worker_log.close()
        subprocess.run(["dropdb", "--if-exists", *pg, name], check=False)


class Cast:
    """One browser context per person for a whole module (their cookies last the story),
    each page's console errors kept, screenshots into the CI artifact folder."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.pages: dict = {}
        self.errors: dict[str, list[str]] = {}
        self.last: str | None = None

    def page(self, who: str, locale: str = "en-US"):
        if who not in self.pages:
            context = self.browser.new_context(locale=locale, base_url=self.base_url)
            context.set_default_timeout(10_000)
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            self.pages[who], self.errors[who] = page, errors
        self.last = who
        return self.pages[who]

    def shot(self, who: str, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.pages[who].screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self, who: str) -> None:
        assert self.errors[who] == [], f"console errors on {self.pages[who].url}"

    def report(self) -> str:
        return "\n".join(
            f"{who}: URL {page.url}\n  console errors: {self.errors[who]}"
            for who, page in self.pages.items()
        )

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def cast(browser, served_app):
    people = Cast(browser, served_app)
    yield people
    people.close()


@pytest.fixture(autouse=True)
def _clear_caches():
    """Journeys never touch this process's caches: the served app's state (the payment
    sandbox's payments, throttles) lives in Redis and must last between two steps of a
    story."""
    return
