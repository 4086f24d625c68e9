"""POL-AP-001 … POL-AP-004 in a real Chromium: a jobseeker applies with a PDF, the
recruiter moves the card screening → interview → offer on the board, and the jobseeker
sees the timeline and the notifications. Sign-in is by the JWT cookies (the sign-in page
is another app's)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.tests.factories import PDF_BYTES
from conftest import sign_in
from jobs.tests.factories import PublishedJobFactory
from tests.browser.conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def contexts(browser):
    """Browser contexts closed at the end, so the live server's request threads (and their
    database connections) end before the test database is dropped."""
    opened = []

    def new():
        context = browser.new_context(locale="en-US")
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def signed_in_page(contexts, live_server, user):
    context = contexts()
    tokens = sign_in(user, name="playwright").tokens
    context.add_cookies(
        [
            {"name": "jb_access", "value": tokens.access, "url": live_server.url},
            {"name": "jb_refresh", "value": tokens.refresh, "url": live_server.url},
        ]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return page, errors


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_apply_move_and_follow(contexts, live_server, tmp_path, settings):
    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter, title="Playwright 엔지니어")
    jobseeker = JobseekerFactory(name="김지원")
    resume = tmp_path / "이력서.pdf"
    resume.write_bytes(PDF_BYTES)

    seeker, seeker_errors = signed_in_page(contexts, live_server, jobseeker)
    seeker.goto(f"{live_server.url}/applications/jobs/{job.pk}/apply/")
    seeker.get_by_label(re.compile("PDF or DOCX|PDF")).first.set_input_files(str(resume))
    seeker.locator("textarea[name=cover_letter]").fill("열심히 하겠습니다.")
    seeker.locator("form.form-stack button[type=submit]").click()
    expect(seeker).to_have_url(re.compile(r"/applications/mine/$"))
    expect(seeker.get_by_role("heading", name="Playwright 엔지니어")).to_be_visible()

    board, board_errors = signed_in_page(contexts, live_server, recruiter)
    board.goto(f"{live_server.url}/applications/jobs/{job.pk}/board/")
    for stage in ("screening", "interview", "offer"):
        card = board.locator("article.board-card").filter(has_text="김지원")
        card.locator("select").select_option(stage)
        card.locator("input[name$=note]").fill(f"to {stage}")
        card.get_by_role("button").click()
        column = board.locator(f"section[aria-labelledby=col-{stage}]")
        expect(column.locator("article.board-card")).to_have_count(1)
    shoot(board, "applications-board")

    seeker.goto(f"{live_server.url}/applications/mine/")
    timeline = seeker.locator("ol.timeline li")
    expect(timeline).to_have_count(4)
    expect(timeline.last).to_contain_text("to offer")
    seeker.goto(f"{live_server.url}/applications/notifications/")
    expect(seeker.locator(".apps-notifications li")).to_have_count(3)
    expect(seeker.locator(".apps-notifications")).to_contain_text("Offer")
    shoot(seeker, "applications-notifications")
    assert seeker_errors == []
    assert board_errors == []
