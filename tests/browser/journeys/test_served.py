"""The production path serves the site: gunicorn, static files, demo data, PostgreSQL, Redis."""

import pytest

pytestmark = pytest.mark.browser


def test_home_is_served_by_gunicorn_with_static_files(page, served_app, console_errors, shot):
    page.goto(served_app + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    stylesheet = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Pretendard" in stylesheet  # app.css was served (whitenoise, hashed name)
    shot("served-home")
    assert console_errors == []
