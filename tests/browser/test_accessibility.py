"""Accessibility (issue 8): axe-core finds no serious or critical violation, in Korean and
English, and the page can be used with the keyboard alone."""

import pytest

from tests.browser.a11y import axe_violations

# serialized_rollback: the flush after a transactional test must not drop the data
# migrations' rows (role groups and permissions), and every browser test must restore them
# the same way, or the next serialized test finds duplicate content types.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = ["/"]


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_violations(a11y_page, live_server, path, locale):
    page = a11y_page(locale)
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_search_is_reachable_by_keyboard(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    assert page.evaluate("document.activeElement.id") == "home-q"
