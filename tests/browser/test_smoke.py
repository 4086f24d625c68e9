"""A person opens the site in a real Chromium: the home page renders, in Korean, with a
working search box and no console errors (CSP blocks nothing we ship)."""

import pytest

# serialized_rollback: the flush after a transactional test must not drop the data
# migrations' rows (role groups and permissions), and every browser test must restore them
# the same way, or the next serialized test finds duplicate content types.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_renders_in_chromium(page, live_server, console_errors, shot):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("search").is_visible()
    shot("home")
    assert console_errors == []


def test_language_switch_to_english(page, live_server):
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Find the job that fits you").is_visible()
