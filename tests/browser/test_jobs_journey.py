"""A jobseeker searches in Korean, filters and opens a job; a recruiter creates, edits,
publishes and closes one (POL-J-001, POL-J-002, POL-J-005), in a real Chromium."""

import pytest

from accounts.tests.factories import RecruiterFactory
from jobs.models import Job, JobStatus, Location
from jobs.tests.factories import PremiumOptionFactory, PublishedJobFactory
from tests.browser.conftest import sign_in_context

# serialized_rollback: a transactional test flushes the database afterwards, which would
# drop the data migrations' rows (role groups and their permissions, categories, locations).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_jobseeker_searches_filters_and_opens_a_job(page, live_server, console_errors, shot):
    busan = Location.objects.get(code="busan")
    PublishedJobFactory(title="백엔드 개발자", description="Django 서비스", location=busan)
    PublishedJobFactory(title="마케팅 매니저", description="캠페인 운영")
    PremiumOptionFactory(job__title="프리미엄 개발자 공고")

    page.goto(live_server.url + "/")
    page.get_by_role("search").get_by_role("searchbox").fill("개발")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    results = page.locator(".job-results .job-card")
    assert results.count() == 2
    assert "is-premium" in (results.first.get_attribute("class") or "")
    assert "마케팅 매니저" not in page.content()

    page.select_option("#id_location", "busan")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert page.locator(".job-results .job-card").count() == 1
    shot("jobs-search-filtered")

    with page.expect_navigation():
        page.get_by_role("link", name="백엔드 개발자").click()
    assert page.get_by_role("heading", level=1, name="백엔드 개발자").is_visible()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert console_errors == []


def test_recruiter_creates_edits_publishes_and_closes(page, context, live_server, shot):
    recruiter = RecruiterFactory()
    sign_in_context(context, live_server, recruiter)

    page.goto(live_server.url + "/jobs/new/")
    assert page.url.endswith("/jobs/new/"), (page.url, context.cookies())
    page.fill("#id_title", "QA 엔지니어")
    page.select_option("#id_category", label="소프트웨어 개발")
    page.select_option("#id_location", label="서울")
    page.select_option("#id_employment_type", "full_time")
    page.fill("#id_salary_min", "6000")  # 만원
    page.fill("#id_salary_max", "5000")
    page.check("#id_deadline_type_1")  # 상시채용, an explicit choice (POL-J-006)
    page.fill("#id_description", "테스트 자동화를 맡습니다.")
    with page.expect_navigation():  # the form comes back from the server with its errors
        page.locator("button[name=save]").click()
    assert page.locator(".errorlist").first.is_visible()  # salary_min > salary_max (POL-J-004)
    shot("jobs-form-errors")

    page.fill("#id_salary_max", "8000")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    job = Job.objects.get(owner=recruiter)
    assert job.status == JobStatus.DRAFT

    page.goto(live_server.url + f"/jobs/{job.pk}/edit/")
    page.fill("#id_title", "시니어 QA 엔지니어")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    assert page.get_by_role("heading", level=1, name="시니어 QA 엔지니어").is_visible()

    page.goto(live_server.url + "/jobs/mine/")
    page.locator("a[href*='/publish/']").click()  # asks in a dialog first (POL-J-008)
    with page.expect_navigation():
        page.locator("dialog[open] button[name=confirm]").click()  # waits for the dialog
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    page.locator("a[href*='/close/']").click()
    with page.expect_navigation():
        page.locator("dialog[open] button[name=confirm]").click()
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    page.goto(live_server.url + f"/jobs/{job.pk}/")
    assert page.locator(".badge-danger").is_visible()
    shot("jobs-closed")
