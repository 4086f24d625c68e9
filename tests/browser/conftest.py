"""Playwright drives Debian's Chromium (never `playwright install`: no downloads here).
Screenshots land in var/screenshots/ (the CI artifact folder); a failing test prints the
page's URL and console errors."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


def sign_in_context(context, live_server, user) -> None:
    """Give a browser context the JWT cookies of a fresh device session of `user`."""
    from conftest import sign_in

    tokens = sign_in(user, name="playwright").tokens
    context.add_cookies(
        [
            {"name": "jb_access", "value": tokens.access, "url": live_server.url},
            {"name": "jb_refresh", "value": tokens.refresh, "url": live_server.url},
        ]
    )


@pytest.fixture
def console_errors(page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def shot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.funcargs:
        page = item.funcargs["page"]
        errors = item.funcargs.get("console_errors", [])
        report.sections.append(("browser", f"URL: {page.url}\nconsole errors: {errors}"))
    if report.when == "call" and report.failed and "cast" in item.funcargs:
        report.sections.append(("browser", item.funcargs["cast"].report()))


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Korean visitor by default; tests that need English switch language like a person.
    return {**browser_context_args, "locale": "ko-KR"}


@pytest.fixture
def a11y_page(browser, live_server):
    """A page whose context may inject axe-core: our CSP (rightly) refuses inline scripts, so
    only this context bypasses it — every other browser test runs under the real policy."""

    def open_page(locale: str = "ko-KR"):
        context = browser.new_context(bypass_csp=True, locale=locale)
        opened.append(context)
        return context.new_page()

    opened: list = []
    yield open_page
    for context in opened:
        context.close()
