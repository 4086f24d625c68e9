"""Issue 17: at most 4 SQL queries per request, whatever the page, with the shared cache
cold (the spread of real visitors mostly misses it). Counted, never timed.

Every public page and API list is asked anonymously, the main pages also signed in."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from jobs.models import Skill
from jobs.tests.factories import BannerOptionFactory, PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4
# Pages 1-2 of 5 cross from the premium jobs into the rest, and relevance splits both by
# title matches: one page then spans several segments of the ranking.
LISTS = [
    "/api/v1/jobs",
    "/api/v1/jobs?page=2&limit=5",
    "/api/v1/jobs?q=데이터",
    "/api/v1/jobs?q=데이터&limit=5",
    "/api/v1/jobs?q=데이터&page=2&limit=3",
    "/api/v1/jobs?q=데이터&sort=latest",
    "/api/v1/jobs?q=없는말",
    "/api/v1/jobs?location=seoul&remote=true&sort=salary",
    "/api/v1/jobs?skills=python&experience=new&education=bachelor&deadline=closing_soon",
    "/api/v1/categories",
    "/api/v1/locations",
    "/api/v1/skills",
    "/jobs/",
    "/jobs/?page=2",
    "/jobs/?q=데이터",
    "/jobs/?q=데이터&sort=latest",
    "/jobs/?q=없는말",
    "/jobs/?location=seoul&sort=salary",
    "/jobs/?skills=python&experience=new",
    "/",
    "/jobs/feed/",
    "/sitemap.xml",
]


@pytest.fixture
def jobs():
    python = Skill.objects.get_or_create(code="python", defaults={"name_ko": "파이썬"})[0]
    for n in range(6):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}").skills.add(python)
        PublishedJobFactory(title=f"백엔드 개발자 {n}", description="데이터를 다룹니다.")
    for title in ("데이터 분석가", "프론트엔드 개발자", "데이터 플랫폼"):
        PremiumOptionFactory(job=PublishedJobFactory(title=title))
    BannerOptionFactory(job=PublishedJobFactory(title="배너 공고"))
    job = PublishedJobFactory(title="프론트엔드 개발자")
    job.skills.add(python)
    return job


def cold_queries(client, path) -> int:
    for alias in ("default", "guard"):
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_costs_at_most_four_queries_cold(client, jobs, path):
    client.get(path)  # first request of the process: language and reference rows loaded
    assert cold_queries(client, path) <= MAX_QUERIES


def test_a_job_and_its_company_cost_at_most_four_queries_cold(client, jobs):
    for path in (
        f"/api/v1/jobs/{jobs.pk}",
        f"/jobs/{jobs.pk}/",
        f"/api/v1/companies/{jobs.company_id}",
        f"/companies/{jobs.company_id}/",
    ):
        assert cold_queries(client, path) <= MAX_QUERIES, path


SIGNED_IN = ["/", "/jobs/", "/jobs/?q=데이터", "/api/v1/jobs?q=데이터&page=2&limit=3"]


@pytest.mark.parametrize("path", SIGNED_IN)
def test_a_signed_in_page_costs_at_most_four_queries_cold(browser_client_for, jobs, path):
    """Sign-in reads the user, the device session's state, the permissions and the header's
    unread count in one query (accounts.authentication). A recruiter: jobseekers below."""
    browser = browser_client_for(RecruiterFactory())
    browser.get(path)
    assert cold_queries(browser, path) <= MAX_QUERIES


def test_a_company_page_costs_at_most_four_queries_cold_signed_in(browser_client_for, jobs):
    assert (
        cold_queries(browser_client_for(RecruiterFactory()), f"/companies/{jobs.company_id}/")
        <= MAX_QUERIES
    )


def test_a_job_costs_at_most_four_queries_cold_signed_in(jobs, browser_client_for, api_client_for):
    seeker = JobseekerFactory()
    for client, path in (
        (api_client_for(seeker), f"/api/v1/jobs/{jobs.pk}"),
        (browser_client_for(jobs.owner), f"/jobs/{jobs.pk}/"),
    ):
        assert cold_queries(client, path) <= MAX_QUERIES, path


def test_a_company_page_reads_its_jobs_in_one_query(client, jobs):
    """No query per card: twenty jobs cost what one does."""
    client.get(f"/companies/{jobs.company_id}/")  # the process's reference rows loaded
    one = cold_queries(client, f"/companies/{jobs.company_id}/")
    for _ in range(19):
        PublishedJobFactory(owner=jobs.owner)
    assert cold_queries(client, f"/companies/{jobs.company_id}/") == one


@pytest.mark.parametrize("page", ["/", "/jobs/{job}/", "/companies/{company}/"])
def test_a_jobseekers_page_costs_at_most_four_queries_cold(browser_client_for, jobs, page):
    """A jobseeker with nothing saved yet; one with a profile, a résumé, saved and viewed
    jobs is candidates/tests/test_query_budget.py (jobs cannot import candidates)."""
    browser = browser_client_for(JobseekerFactory())
    path = page.format(job=jobs.pk, company=jobs.company_id)
    browser.get(path)
    assert cold_queries(browser, path) <= MAX_QUERIES
