"""The visual check (issue 14 item 5): the main pages at a phone's 390 px and a laptop's
1280 px look as their committed baselines do, nothing sticks out sideways, and no button
label wraps. Runs on the demo data (deterministic) before the journeys change it."""

import pytest

from tests.browser.visual import OVERFLOWING, WRAPPED_BUTTONS, assert_matches_baseline

pytestmark = pytest.mark.browser
WIDTHS = (390, 1280)


PAGES = {
    "home": "/",
    "list": "/jobs/?q=%EA%B0%9C%EB%B0%9C",  # 개발
    "job": "/jobs/{job}/",
    "company": "/companies/{company}/",
}


@pytest.fixture
def demo_ids(browser, served_app):
    """The first premium job of the demo and its company, found as a visitor would."""
    page = browser.new_page()
    page.goto(served_app + "/")
    href = page.locator(".job-card.is-premium h3 a").first.get_attribute("href")
    page.goto(served_app + href)
    company = page.locator(".company-block-name a").get_attribute("href")
    page.close()
    return {"job": href.strip("/").split("/")[-1], "company": company.strip("/").split("/")[-1]}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_matches_baseline_without_overflow(browser, served_app, demo_ids, name, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale="ko-KR",
        reduced_motion="reduce",  # the banner holds still (static/js/app.js)
        device_scale_factor=1,
    )
    page = context.new_page()
    path = PAGES[name].format(**demo_ids)
    page.goto(served_app + path)
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    try:
        overflowing = page.evaluate(OVERFLOWING)
        assert overflowing == [], f"{name} at {width}px overflows sideways: {overflowing}"
        wrapped = page.evaluate(WRAPPED_BUTTONS)
        assert wrapped == [], f"{name} at {width}px wraps button labels: {wrapped}"
        png = page.screenshot(full_page=True, animations="disabled", caret="hide")
        assert_matches_baseline(f"{name}-{width}", png)
    finally:
        context.close()
