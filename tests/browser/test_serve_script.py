"""README command 1 shows what users see (issue 14 item 7): `scripts/serve` runs with DEBUG
off, so a wrong address gets the site's designed 404 page, not Django's debug page listing
every route; static files are still served; and it prints how to turn debugging on."""

import os
from pathlib import Path

import httpx
import pytest

from deploy.drills.common import free_port
from tests.processes import served

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served_script(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        DJANGO_SETTINGS_MODULE="jobboard.settings.local",
    )
    log = tmp_path / "serve.log"
    # A fresh database: scripts/serve migrates and loads the demo data first.
    with served(
        [str(ROOT / "scripts" / "serve")], cwd=ROOT, env=env, log=log, port=port, wait_seconds=120
    ) as base:
        yield base, log


def test_serve_shows_designed_error_pages_and_says_how_to_debug(served_script):
    base, log = served_script
    missing = httpx.get(base + "/no-such-page/", headers={"Accept-Language": "ko"})
    assert missing.status_code == 404
    assert "요청하신 페이지를 찾을 수 없습니다" in missing.text
    assert "URLconf" not in missing.text  # Django's debug 404 lists the routes
    assert "jobs/<int:pk>/" not in missing.text
    css = httpx.get(base + "/static/css/app.css")
    assert css.status_code == 200
    assert "text/css" in css.headers["content-type"]
    assert "DEBUG=1 scripts/serve" in log.read_text()
