"""A jobseeker with a profile sees 추천 채용공고 on the home page, each with why it fits, and
opens one (POL-S-003), in a real Chromium."""

import pytest

from accounts.tests.factories import JobseekerFactory
from candidates.services import profile_update
from jobs.models import Location, Skill
from jobs.tests.factories import PublishedJobFactory
from tests.browser.conftest import sign_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_jobseeker_sees_recommended_jobs_and_opens_one(
    page, context, live_server, console_errors, shot
):
    user = JobseekerFactory()
    profile_update(
        user=user,
        skills=Skill.objects.filter(code__in=["python", "django"]),
        desired_locations=Location.objects.filter(code="seoul"),
    )
    PublishedJobFactory(title="파이썬 백엔드 개발자", description="Django, AWS")
    PublishedJobFactory(
        title="브랜드 디자이너", description="Figma", location=Location.objects.get(code="busan")
    )
    sign_in_context(context, live_server, user)

    page.goto(live_server.url + "/")
    section = page.get_by_role("region", name="추천 채용공고")
    cards = section.locator(".job-card")
    assert cards.first.get_by_role("link").inner_text() == "파이썬 백엔드 개발자"
    reasons = cards.first.locator(".fit").inner_text()
    assert "필요 기술 3개 중 2개 보유 (Django, Python)" in reasons
    assert "희망 지역 일치 (서울)" in reasons
    shot("home-recommended-jobs")

    with page.expect_navigation():
        cards.first.get_by_role("link").click()
    assert page.get_by_role("heading", level=1, name="파이썬 백엔드 개발자").is_visible()
    assert console_errors == []


def test_recruiter_sorts_applicants_by_fit_and_reads_why__POL_S_003(
    page, context, live_server, console_errors, settings, tmp_path, shot
):
    from datetime import timedelta

    from django.utils import timezone

    from applications.tests.factories import ApplicationFactory

    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    job = PublishedJobFactory(title="파이썬 백엔드 개발자", description="Python, Django, AWS")
    strong, weak = JobseekerFactory(name="강한 지원자"), JobseekerFactory(name="약한 지원자")
    profile_update(user=strong, skills=Skill.objects.filter(code__in=["python", "django", "aws"]))
    profile_update(user=weak, skills=Skill.objects.filter(code__in=["java"]))
    early = ApplicationFactory(job=job, applicant=strong)
    ApplicationFactory(job=job, applicant=weak)  # applied later: first by date
    early.created_at = timezone.now() - timedelta(days=7)
    early.save(update_fields=["created_at"])
    sign_in_context(context, live_server, job.owner)

    page.goto(f"{live_server.url}/applications/jobs/{job.pk}/board/")
    cards = page.locator(".board-card h3")
    assert cards.first.inner_text().startswith("약한 지원자")
    page.get_by_label("지원자 정렬").select_option(label="적합도순")
    with page.expect_navigation():
        page.get_by_role("button", name="정렬", exact=True).click()
    assert "sort=fit" in page.url
    assert cards.first.inner_text().startswith("강한 지원자")
    first = page.locator(".board-card").first.locator(".fit").inner_text()
    assert "필요 기술 3개 중 3개 보유 (AWS, Django, Python)" in first
    shot("board-sorted-by-fit")
    assert console_errors == []
