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
