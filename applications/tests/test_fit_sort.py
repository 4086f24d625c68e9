"""A job's applicants sorted by fit, with each one's score and reasons (POL-S-003)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from applications import selectors
from applications.matching import fits_of
from applications.tests.factories import ApplicationFactory
from candidates.services import profile_update
from jobs.models import Skill
from jobs.tests.factories import PublishedJobFactory
from jobs.tests.test_query_budget import MAX_QUERIES, cold_queries

pytestmark = pytest.mark.django_db


def applicant_with(*codes, **profile):
    user = JobseekerFactory()
    profile_update(user=user, skills=Skill.objects.filter(code__in=codes), **profile)
    return user


def applied(job, applicant, *, days_ago):
    application = ApplicationFactory(job=job, applicant=applicant)
    application.created_at = timezone.now() - timedelta(days=days_ago)
    application.save(update_fields=["created_at"])
    return application


@pytest.fixture
def job():
    return PublishedJobFactory(title="Python 개발자", description="Python, Django, AWS")


@pytest.fixture
def applications(job):
    """A strong match who applied long ago, a weak one and a middling one since."""
    strong = applied(job, applicant_with("python", "django", "aws"), days_ago=9)
    weak = applied(job, applicant_with("java"), days_ago=1)
    middle = applied(job, applicant_with("python"), days_ago=5)
    return strong, middle, weak


def api_order(client, job, sort="fit"):
    response = client.get(f"/api/v1/applications?job={job.pk}&sort={sort}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_fit_sort_puts_the_best_match_first_whatever_the_apply_time__POL_S_003(
    api_client_for, job, applications
):
    strong, middle, weak = applications
    client = api_client_for(job.owner)
    results = api_order(client, job)
    assert [item["id"] for item in results] == [strong.pk, middle.pk, weak.pk]
    assert [item["id"] for item in api_order(client, job, "-applied")] == [
        weak.pk,
        middle.pk,
        strong.pk,
    ]
    assert results[0]["fit"]["score"] > results[1]["fit"]["score"] > results[2]["fit"]["score"]
    assert results[0]["fit"]["matched_skills"] == ["aws", "django", "python"]
    assert results[0]["fit"]["reasons"][0] == {
        "code": "skills",
        "met": True,
        "text": "필요 기술 3개 중 3개 보유 (AWS, Django, Python)",
    }


def test_equal_fits_list_the_newest_application_first__POL_S_003(api_client_for, job):
    older = applied(job, applicant_with("python"), days_ago=3)
    newer = applied(job, applicant_with("python"), days_ago=1)
    results = api_order(api_client_for(job.owner), job)
    assert [item["id"] for item in results] == [newer.pk, older.pk]
    assert results[0]["fit"]["score"] == results[1]["fit"]["score"]


def test_other_sorts_and_the_detail_carry_no_fit(api_client_for, job, applications):
    client = api_client_for(job.owner)
    assert {item["fit"] for item in api_order(client, job, "-applied")} == {None}
    detail = client.get(f"/api/v1/applications/{applications[0].pk}").json()
    assert "fit" not in detail


def test_unknown_sorts_and_a_fit_sort_without_a_job_are_problems(api_client_for, job):
    client = api_client_for(job.owner)
    for url in (
        f"/api/v1/applications?job={job.pk}&sort=best",
        "/api/v1/applications?sort=fit",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("application/problem+json")


def test_only_the_jobs_side_sorts_by_fit__POL_S_003(api_client_for, job, applications):
    strong, middle, weak = applications
    assert "fit" in selectors.applicant_sorts_for(job.owner)
    # The applicant: no fit sort (the newest first, as for any sort they may not use).
    applicant = weak.applicant
    assert "fit" not in selectors.applicant_sorts_for(applicant)
    mine = api_order(api_client_for(applicant), job)
    assert [(item["id"], item["fit"]) for item in mine] == [(weak.pk, None)]
    # Another company's recruiter sees none of this job's applicants, sorted or not.
    other = RecruiterFactory()
    assert api_order(api_client_for(other), job) == []


def test_the_recruiter_is_not_told_the_desired_salary__POL_S_003(job):
    job.salary_min, job.salary_max = 30_000_000, 35_000_000
    job.save(update_fields=["salary_min", "salary_max"])
    asks_much = applied(job, applicant_with("python", desired_salary_manwon=9000), days_ago=1)
    says_nothing = applied(job, applicant_with("python"), days_ago=1)
    fits = fits_of([asks_much, says_nothing])
    assert fits[asks_much.pk] == fits[says_nothing.pk]
    assert "salary" not in {reason.code for reason in fits[asks_much.pk].reasons}


def test_the_board_offers_the_sort_and_shows_each_fit_in_words__POL_S_003(
    browser_client_for, job, applications
):
    strong, middle, weak = applications
    page = browser_client_for(job.owner).get(f"/applications/jobs/{job.pk}/board/?sort=fit")
    text = page.text
    assert '<option value="fit" selected>적합도순</option>' in text
    assert text.index(f'id="application-{strong.pk}"') < text.index(f'id="application-{middle.pk}"')
    assert text.index(f'id="application-{middle.pk}"') < text.index(f'id="application-{weak.pk}"')
    assert "필요 기술 3개 중 3개 보유 (AWS, Django, Python)" in text
    assert "필요 기술 3개 중 0개 보유" in text  # the weak match's gap, in words
    assert "적합도 " in text


def test_other_recruiters_get_no_board(browser_client_for, job, applications):
    page = browser_client_for(RecruiterFactory()).get(
        f"/applications/jobs/{job.pk}/board/?sort=fit"
    )
    assert page.status_code == 404


@pytest.mark.parametrize(
    ("surface", "url"),
    [
        ("board", "/applications/jobs/{job}/board/"),
        ("board", "/applications/jobs/{job}/board/?sort=fit"),
        ("api", "/api/v1/applications?job={job}&sort=fit"),
        ("api", "/api/v1/applications?job={job}"),
    ],
)
def test_the_fit_sort_reads_a_fixed_number_of_queries__POL_S_003(
    surface, url, api_client_for, browser_client_for, job
):
    """Ten applicants, each with a profile, cost what one does, within issue 17's 4 with the
    shared cache cold (ADR 0090): sign-in, the job (the board), the list's fit inputs when
    sorted by fit, the page (and the API's count). Each row carries its applicant's lists
    and its job's facts, so no fit costs a query of its own."""
    applied(job, applicant_with("python", "django"), days_ago=1)
    client = browser_client_for(job.owner) if surface == "board" else api_client_for(job.owner)
    url = url.format(job=job.pk)
    client.get(url)  # warm what is read once per process (translations, vocabulary)
    one = cold_queries(client, url)
    for day in range(9):
        applied(job, applicant_with("python", "aws", experience_years=day), days_ago=day)
    assert cold_queries(client, url) == one
    assert one <= MAX_QUERIES
