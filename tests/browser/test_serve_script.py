"""README command 1 shows what users see (issue 14 item 7): `scripts/serve` runs with DEBUG
off, so a wrong address gets the site's designed 404 page, not Django's debug page listing
every route; static files are still served; and it prints how to turn debugging on."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        DJANGO_SETTINGS_MODULE="jobboard.settings.local",
    )
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [str(ROOT / "scripts" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if httpx.get(base + "/api/v1/health", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            pytest.fail("scripts/serve did not answer:\n" + log.read_text()[-2000:])
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_shows_designed_error_pages_and_says_how_to_debug(served):
    base, log = served
    missing = httpx.get(base + "/no-such-page/", headers={"Accept-Language": "ko"})
    assert missing.status_code == 404
    assert "요청하신 페이지를 찾을 수 없습니다" in missing.text
    assert "URLconf" not in missing.text  # Django's debug 404 lists the routes
    assert "jobs/<int:pk>/" not in missing.text
    css = httpx.get(base + "/static/css/app.css")
    assert css.status_code == 200
    assert "text/css" in css.headers["content-type"]
    assert "DEBUG=1 scripts/serve" in log.read_text()
