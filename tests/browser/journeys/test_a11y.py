"""Accessibility (issue 8) on the served app (gunicorn, PostgreSQL, Redis, demo data):
axe-core finds no serious or critical violation on the home, job list, job detail, apply,
my applications, recruiter board and checkout pages, in Korean and in English; the apply
form and a board move work with the keyboard alone (Tab, Shift+Tab, Space, Enter, typing).

Demo accounts sign in through the sign-in page. The keyboard steps run first: jobseeker2's
application is what "my applications" and the board show when axe looks at them."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import axe_violations
from tests.browser.journeys.files import minimal_pdf

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "jobboard-demo-2026"
RECRUITER = "recruiter1@demo.jobboard.kr"
SEEKER = "jobseeker1@demo.jobboard.kr"
KEYBOARD_SEEKER = "jobseeker2@demo.jobboard.kr"
LOCALES = ["ko-KR", "en-US"]


class People:
    """Module-wide browser contexts, one per (who, locale), signed in once. bypass_csp only
    so axe-core can be injected; the keyboard tests use contexts under the real CSP."""

    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.pages: dict = {}

    def page(self, who: str | None, locale: str, *, axe: bool = True):
        key = (who, locale, axe)
        if key not in self.pages:
            context = self.browser.new_context(locale=locale, bypass_csp=axe)
            context.set_default_timeout(10_000)
            page = context.new_page()
            if who:
                page.goto(self.base + "/accounts/login/")
                page.locator("#id_email").fill(who)
                page.locator("#id_password").fill(DEMO_PASSWORD)
                page.locator("#id_password").press("Enter")
                expect(page.locator(".account-name")).to_be_visible()
            self.pages[key] = page
        return self.pages[key]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def people(browser, served_app):
    opened = People(browser, served_app)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def job_path(people):
    """recruiter1's newest job, as "my jobs" lists it."""
    page = people.page(RECRUITER, "en-US", axe=False)
    page.goto(people.base + "/jobs/mine/")
    href = page.get_by_role("main").get_by_role("table").get_by_role("link").first
    path = href.get_attribute("href")
    assert re.fullmatch(r"/jobs/\d+/", path)
    return path


def _job_id(job_path: str) -> str:
    return job_path.strip("/").split("/")[-1]


def _focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return (e.id || e.name || e.textContent || '').trim(); })()"
    )


def _tab_to(page, predicate, *, limit: int = 60, key: str = "Tab") -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(predicate):
            return
    pytest.fail(f"{predicate} never got the focus; last focused: {_focused(page)}")


def test_apply_form_with_the_keyboard_only(people, job_path, tmp_path):
    page = people.page(KEYBOARD_SEEKER, "en-US", axe=False)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    resume = tmp_path / "cv.pdf"
    resume.write_bytes(minimal_pdf())
    page.goto(people.base + job_path)
    _tab_to(page, "document.activeElement.textContent.trim() === 'Apply now'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/apply/$"))

    _tab_to(page, "document.activeElement.type === 'file'")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(resume))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "cover_letter"
    page.keyboard.type("키보드만으로 지원합니다.")
    # Back to the file field and forward again: Shift+Tab works in the form too.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.type") == "file"
    page.keyboard.press("Tab")
    _tab_to(page, "document.activeElement.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/applications/mine/"))
    expect(page.locator("ol.timeline li")).to_have_count(1)
    assert errors == []


def test_board_move_with_the_keyboard_only(people, job_path):
    page = people.page(RECRUITER, "en-US", axe=False)
    page.goto(f"{people.base}/applications/jobs/{_job_id(job_path)}/board/")
    card = page.locator("article.board-card").filter(has_text="구직자 2")
    expect(card).to_have_count(1)
    select = card.get_by_label("Move to")
    select_id = select.get_attribute("id")
    _tab_to(page, f"document.activeElement.id === {select_id!r}")
    page.keyboard.type("Screening")  # a focused select picks the option typed
    assert select.input_value() == "screening"
    page.keyboard.press("Tab")
    page.keyboard.type("전화 면접 일정 잡기")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Move"
    page.keyboard.press("Enter")
    column = page.get_by_role("region", name=re.compile("^Screening"))
    expect(column.locator("article.board-card")).to_contain_text("구직자 2")


PAGES = {
    "home": (None, lambda job: "/"),
    "job-list": (None, lambda job: "/jobs/?q=%EA%B0%9C%EB%B0%9C"),
    "job-detail": (None, lambda job: job),
    "apply": (SEEKER, lambda job: f"/applications/jobs/{_job_id(job)}/apply/"),
    "my-applications": (KEYBOARD_SEEKER, lambda job: "/applications/mine/"),
    "board": (RECRUITER, lambda job: f"/applications/jobs/{_job_id(job)}/board/"),
    "checkout": (RECRUITER, lambda job: f"/payments/jobs/{_job_id(job)}/checkout/"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_serious_violations(people, job_path, name, locale):
    who, path = PAGES[name]
    page = people.page(who, locale)
    response = page.goto(people.base + path(job_path))
    assert response.status == 200
    expected_lang = "ko" if locale == "ko-KR" else "en"
    assert page.locator("html").get_attribute("lang") == expected_lang
    page.screenshot(path=_shot_path(f"a11y-{name}-{locale}"), full_page=True)
    assert axe_violations(page) == []


def _shot_path(name: str) -> str:
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"{name}.png")
