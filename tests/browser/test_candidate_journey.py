"""POL-AP-006 in a real Chromium: a jobseeker stores a résumé on their profile page, then
applies to a job in one click from the job page with it."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import JobseekerFactory
from applications.models import Application
from candidates.tests.factories import PDF_BYTES
from jobs.tests.factories import PublishedJobFactory
from tests.browser.conftest import SCREENSHOTS, sign_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def seeker_page(browser, live_server):
    context = browser.new_context(locale="ko-KR")
    yield context
    context.close()


def test_store_a_resume_then_apply_in_one_click(seeker_page, live_server, tmp_path, settings):
    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    job = PublishedJobFactory(title="원클릭 백엔드 개발자")
    jobseeker = JobseekerFactory(name="박지원")
    resume = tmp_path / "내 이력서.pdf"
    resume.write_bytes(PDF_BYTES)
    sign_in_context(seeker_page, live_server, jobseeker)
    page = seeker_page.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/me/profile/")
    page.locator("#resume-form input[type=file]").set_input_files(str(resume))
    page.locator("#resume-form input[name=title]").fill("국문 이력서")
    page.locator("#resume-form button[type=submit]").click()
    expect(page.locator(".resume-list")).to_contain_text("국문 이력서")
    expect(page.locator(".resume-list")).to_contain_text("기본")

    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.locator(".one-click-apply")).to_contain_text("국문 이력서")
    page.locator(".one-click-apply button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/applications/mine/$"))
    expect(page.get_by_role("heading", name="원클릭 백엔드 개발자")).to_be_visible()
    assert Application.objects.get(job=job, applicant=jobseeker).resume_name == "내 이력서.pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "candidate-one-click-apply.png"), full_page=True)
    assert not errors


def test_save_a_job_from_the_list_and_unsave_it_on_its_page(seeker_page, live_server):
    """POL-S-002: 스크랩 from a list card (fetch, no page load: the header count moves),
    the saved jobs page lists it, and the job page's button removes it."""
    job = PublishedJobFactory(title="스크랩 테스트 공고")
    jobseeker = JobseekerFactory()
    sign_in_context(seeker_page, live_server, jobseeker)
    page = seeker_page.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/jobs/")
    card = page.locator("article.job-card").filter(has_text="스크랩 테스트 공고")
    button = card.locator(".save-job")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-saved-count]").first).to_have_text("1")
    assert page.url == f"{live_server.url}/jobs/"  # no navigation: the script posted it

    page.goto(f"{live_server.url}/me/saved-jobs/")
    expect(page.locator(".saved-list")).to_contain_text("스크랩 테스트 공고")

    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    page.locator(".apps-apply .save-job").click()
    expect(page.locator(".apps-apply .save-job")).to_have_attribute("aria-pressed", "false")
    page.goto(f"{live_server.url}/me/saved-jobs/")
    expect(page.locator(".empty-state")).to_be_visible()
    assert not errors
