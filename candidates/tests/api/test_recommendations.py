"""`GET /api/v1/me/recommendations` (POL-S-003); responses are checked against the spec."""

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.services import profile_update
from jobs.models import Skill
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_recommendations_carry_score_and_reasons__POL_S_003(api_client_for):
    user = JobseekerFactory()
    profile_update(user=user, skills=Skill.objects.filter(code__in=["python", "aws"]))
    job = PublishedJobFactory(title="파이썬 백엔드", description="AWS, Docker")
    response = api_client_for(user).get("/api/v1/me/recommendations", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    first = body["results"][0]
    assert first["job"]["id"] == job.pk
    assert first["matched_skills"] == ["aws", "python"]
    assert first["reasons"][0] == {
        "code": "skills",
        "met": True,
        "text": "필요 기술 3개 중 2개 보유 (AWS, Python)",
    }
    assert 0 < first["score"] <= 100


def test_only_jobseekers_have_recommendations(api_client, api_client_for):
    assert api_client.get("/api/v1/me/recommendations").status_code == 401
    response = api_client_for(RecruiterFactory()).get("/api/v1/me/recommendations")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_the_api_and_the_home_page_recommend_the_same_jobs__POL_S_003(
    api_client_for, browser_client_for
):
    """The home page reads its cards in its union, the API on its own: the same ranking."""
    user = JobseekerFactory()
    profile_update(user=user, skills=Skill.objects.filter(code__in=["python", "aws", "django"]))
    for n in range(9):
        PublishedJobFactory(title=f"추천 후보 {n}", description=["Python", "AWS", "Django"][n % 3])
    body = api_client_for(user).get("/api/v1/me/recommendations").json()
    api_ids = [r["job"]["id"] for r in body["results"]][:6]
    home = browser_client_for(user).get("/", HTTP_ACCEPT_LANGUAGE="ko").text
    section = home[home.index("recommended-heading") :]
    section = section[: section.index("</section>")]
    home_ids = [int(part.split("/")[0]) for part in section.split('href="/jobs/')[1:]]
    assert len(api_ids) == 6
    assert list(dict.fromkeys(home_ids)) == api_ids
