"""POL-J-008 in a real Chromium: publishing, closing and reopening ask for confirmation — a
<dialog> when JavaScript runs, a page of its own when it does not — and a past deadline is
refused with a field error. Runs under the real CSP (no inline script)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import RecruiterFactory
from jobs.models import Job, JobStatus
from jobs.tests.factories import ClosedJobFactory, DraftJobFactory, PublishedJobFactory
from tests.browser.conftest import SCREENSHOTS, sign_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _status(job):
    return Job.objects.get(pk=job.pk).status


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    yield context
    context.close()


def test_dialog_asks_before_close_and_cancel_changes_nothing__POL_J_008(
    page, context, live_server, console_errors, shot
):
    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter, title="마감할 공고")
    sign_in_context(context, live_server, recruiter)
    page.goto(live_server.url + "/jobs/mine/")

    page.get_by_role("link", name="마감 마감할 공고").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading", name="공고를 마감할까요?")).to_be_visible()
    assert page.url == live_server.url + "/jobs/mine/"  # no navigation: a dialog
    shot("jobs-close-dialog")
    dialog.get_by_role("link", name="취소").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert _status(job) == JobStatus.PUBLISHED

    page.get_by_role("link", name="마감 마감할 공고").click()
    confirm = page.locator("dialog[open]").get_by_role("button", name="마감하기")
    expect(confirm).to_be_focused()
    with page.expect_navigation():
        confirm.click()
    assert _status(job) == JobStatus.CLOSED
    assert page.url == live_server.url + "/jobs/mine/"
    assert console_errors == []


def test_dialog_reopens_with_a_new_deadline_and_refuses_a_past_one__POL_J_008(
    page, context, live_server, console_errors
):
    recruiter = RecruiterFactory()
    job = ClosedJobFactory(owner=recruiter, title="다시 열 공고")
    sign_in_context(context, live_server, recruiter)
    page.goto(live_server.url + f"/jobs/{job.pk}/")

    page.get_by_role("link", name="다시 게시 다시 열 공고").click()
    dialog = page.locator("dialog[open]")
    deadline = dialog.get_by_label("새 마감일")
    expect(deadline).to_be_focused()
    today = timezone.localdate()
    assert deadline.get_attribute("min") == today.isoformat()
    deadline.fill((today - timedelta(days=1)).isoformat())
    with page.expect_navigation():
        dialog.get_by_role("button", name="다시 게시").click()
    # Refused with a field error (the answer is a 400, so the page loads without a dialog).
    expect(page.locator(".field-error").get_by_text("마감일이 이미 지났습니다")).to_be_visible()
    assert _status(job) == JobStatus.CLOSED

    page.get_by_label("새 마감일").fill((today + timedelta(days=14)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="다시 게시").click()
    job.refresh_from_db()
    assert (job.status, job.deadline) == (JobStatus.PUBLISHED, today + timedelta(days=14))
    assert [e for e in console_errors if "status of 400" not in e] == []


def test_save_and_publish_asks_in_a_dialog__POL_J_008(page, context, live_server):
    recruiter = RecruiterFactory()
    job = DraftJobFactory(owner=recruiter, title="게시할 초안")
    sign_in_context(context, live_server, recruiter)
    page.goto(live_server.url + f"/jobs/{job.pk}/edit/")
    page.get_by_role("button", name="저장하고 게시").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading", name="공고를 게시할까요?")).to_be_visible()
    dialog.get_by_role("button", name="취소").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert _status(job) == JobStatus.DRAFT

    page.get_by_role("button", name="저장하고 게시").click()
    with page.expect_navigation():
        page.locator("dialog[open]").get_by_role("button", name="게시").click()
    assert _status(job) == JobStatus.PUBLISHED
    assert page.url == live_server.url + f"/jobs/{job.pk}/"


def test_without_javascript_each_step_is_a_page__POL_J_008(no_script_page, live_server):
    recruiter = RecruiterFactory()
    draft = DraftJobFactory(owner=recruiter, title="스크립트 없는 초안")
    sign_in_context(no_script_page, live_server, recruiter)
    page = no_script_page.new_page()

    page.goto(live_server.url + f"/jobs/{draft.pk}/edit/")
    with page.expect_navigation():
        page.get_by_role("button", name="저장하고 게시").click()
    assert page.url.startswith(live_server.url + f"/jobs/{draft.pk}/publish/")
    assert _status(draft) == JobStatus.DRAFT  # saved, not yet published
    expect(page.get_by_role("heading", name="공고를 게시할까요?")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "jobs-publish-confirm-page.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="게시").click()
    assert _status(draft) == JobStatus.PUBLISHED

    page.goto(live_server.url + "/jobs/mine/")
    with page.expect_navigation():
        page.get_by_role("link", name="마감 스크립트 없는 초안").click()
    assert "/close/" in page.url
    with page.expect_navigation():
        page.get_by_role("button", name="마감하기").click()
    assert _status(draft) == JobStatus.CLOSED
    assert page.url == live_server.url + "/jobs/mine/"
